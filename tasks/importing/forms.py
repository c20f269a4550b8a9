"""Forms of the directive import: the source (pasted text or .docx) and the review of what was read."""

import filetype
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from directives.importing import (
    MAX_DOCX_BYTES,
    MAX_PDF_BYTES,
    MSG_DOCX_TOO_LARGE,
    DirectiveImportError,
    ocr,
    read_docx_text,
    read_pdf_text,
)
from directives.importing.errors import (
    MAX_SCAN_PAGES,
    MSG_IMAGE_TOO_LARGE,
    MSG_OCR_UNAVAILABLE,
    MSG_PDF_TOO_LARGE,
    MSG_SCAN_TOO_MANY_PAGES,
    OCR_MESSAGES,
    ScannedPdf,
    vn_int,
)
from directives.models import Directive, DirectiveLink

from ..forms import DATE_WIDGET_ATTRS
from .confirm import check_item_numbers

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp", ".heic")


class DirectiveImportSourceForm(forms.Form):
    """Step 1 of an import: the directive's text, pasted or as a .docx file, and the level that makes the items."""

    group_level = forms.TypedChoiceField(
        label=_("Items of the directive are"),
        coerce=int,
        initial=1,
        required=False,
        empty_value=1,
        choices=[
            (1, _("its top-level parts or items (I., II., ... or 1., 2., ...)")),
            (2, _("the numbered items inside its parts")),
            (3, _("the sub-items (a), b), ...) inside its items")),
        ],
        help_text=_(
            "Each item becomes a group of tasks. Choose the second level for a plan whose parts hold many items."
        ),
    )

    text = forms.CharField(
        label=_("Text of the directive"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Paste the whole text, from the heading to the last numbered item."),
    )
    file = forms.FileField(
        label=_("Or a file: Word (.docx), PDF, or a scan (PDF or image)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,.pdf,application/pdf,image/png,image/jpeg,image/tiff,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
        help_text=format_lazy(
            _(
                "A .docx of at most {size} MB (save a .doc file as .docx in Word first), or a PDF of at most "
                "{pdf} MB. A scanned PDF or an image (PNG, JPEG, TIFF) is read by OCR where the server has it; "
                "check the text it reads."
            ),
            size=MAX_DOCX_BYTES // 2**20,
            pdf=MAX_PDF_BYTES // 2**20,
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not ocr.ocr_available():
            # Said before the admin tries: a scan cannot be read on this server.
            self.fields["file"].help_text = format_lazy("{} {}", self.fields["file"].help_text, MSG_OCR_UNAVAILABLE)

    # A scan for OCR, set by clean(): {"name", "data", "is_pdf", "pages"}; the view hands it to a job.
    scan: dict | None = None

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text") or ""
        upload = cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError(_("Paste the text or choose a file, not both."))
        if upload:
            cleaned["source_text"] = self._read_upload(upload)
            cleaned["scan"] = self.scan
        elif text.strip():
            cleaned["source_text"] = text
        elif "file" not in self.errors:
            raise forms.ValidationError(_("Paste the text of the directive or choose its .docx file."))
        return cleaned

    def _read_upload(self, upload) -> str:
        if upload.name.lower().endswith(".pdf"):
            return self._read_pdf(upload)
        if upload.name.lower().endswith(_IMAGE_SUFFIXES):
            return self._read_image(upload)
        if not upload.name.lower().endswith(".docx"):
            self.add_error("file", _("Only Word .docx files can be imported; save the file as .docx in Word first."))
            return ""
        if upload.size > MAX_DOCX_BYTES:
            size, limit = (f"{value:,}".replace(",", ".") for value in (upload.size, MAX_DOCX_BYTES))
            self.add_error("file", MSG_DOCX_TOO_LARGE.format(size=size, limit=limit))
            return ""
        try:
            return read_docx_text(upload.read())
        except DirectiveImportError as error:
            self.add_error("file", str(error))
            return ""

    def _read_pdf(self, upload) -> str:
        # The size is checked before reading, so a 50 MB upload is refused without being parsed.
        if upload.size > MAX_PDF_BYTES:
            self.add_error("file", MSG_PDF_TOO_LARGE.format(size=vn_int(upload.size), limit=vn_int(MAX_PDF_BYTES)))
            return ""
        data = upload.read()
        try:
            return read_pdf_text(data)
        except ScannedPdf as scanned:
            if not ocr.ocr_available():
                self.add_error("file", str(scanned))
            elif scanned.pages > MAX_SCAN_PAGES:
                self.add_error("file", MSG_SCAN_TOO_MANY_PAGES.format(pages=scanned.pages, limit=MAX_SCAN_PAGES))
            else:
                self.scan = {"name": upload.name, "data": data, "is_pdf": True, "pages": scanned.pages}
            return ""
        except DirectiveImportError as error:
            self.add_error("file", str(error))
            return ""

    def _read_image(self, upload) -> str:
        if not ocr.ocr_available():
            self.add_error(
                "file",
                _(
                    "An image (a scan or a photo) cannot be read here: reading scans (OCR) is not available. "
                    "Paste the text, or upload the document as .docx or as a PDF exported from Word."
                ),
            )
        elif upload.size > MAX_PDF_BYTES:
            self.add_error("file", MSG_IMAGE_TOO_LARGE.format(size=vn_int(upload.size), limit=vn_int(MAX_PDF_BYTES)))
        else:
            data = upload.read()
            kind = filetype.guess(data)
            if kind is None or not kind.mime.startswith("image/"):
                self.add_error("file", OCR_MESSAGES["unreadable"])
            else:
                self.scan = {"name": upload.name, "data": data, "is_pdf": False, "pages": 1}
        return ""


class DirectiveReviewForm(forms.Form):
    """Step 2: the directive's own fields as the parser proposed them, for the admin to correct."""

    kind = forms.ChoiceField(label=_("Document type"), choices=[("", "---------"), *Directive.Kind.choices])
    number = forms.CharField(
        label=_("Number"), max_length=60, help_text=_("As written on the document, e.g. 249-KL/TU.")
    )
    issuer = forms.CharField(label=_("Issuer"), max_length=200)
    issued_on = forms.DateField(
        label=_("Date issued"),
        required=False,
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS),
    )
    subject = forms.CharField(label=_("Subject"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(
        label=_("Preamble"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The text before item 1; kept as the directive's text."),
    )
    coordinating_agency = forms.ModelChoiceField(
        label=_("Coordinating agency"),
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        help_text=_("Presides, urges, monitors and compiles the periodic reports."),
    )
    warnings = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_body(self):
        return (self.cleaned_data.get("body") or "").strip()


class ImportGroupForm(forms.Form):
    """One numbered item of the directive: its text, its tasks (one a line), lead agencies, deadline."""

    number = forms.IntegerField(label=_("Item number"), min_value=1, max_value=999)
    # Where the item sits in the document's outline ("II.3", "Điều 2"), as the parser read it.
    label = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False, help_text=_("Left empty, the first words of the text.")
    )
    text = forms.CharField(label=_("Text of the item"), widget=forms.Textarea(attrs={"rows": 8}))
    tasks = forms.CharField(
        label=_("Tasks, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Each line becomes a task. Join or split lines to merge or split tasks."),
    )
    all_agencies = forms.BooleanField(
        label=_("Every agency (Sở, Ban, Ngành, đoàn thể, district People's Committees)"), required=False
    )
    agencies = forms.MultipleChoiceField(label=_("Lead agencies"), required=False, widget=forms.CheckboxSelectMultiple)
    per_task = forms.BooleanField(
        label=_("Assign this item task by task (each task its own agencies and deadline)"), required=False
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        help_text=_("dd/mm/yyyy, for every task of the item; empty means standing work."),
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS),
    )

    def __init__(self, *args, agencies_by_id: dict[str, Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies_by_id = agencies_by_id
        self.fields["agencies"].choices = [(key, agency.display_name) for key, agency in agencies_by_id.items()]

    def clean_agencies(self) -> list[Agency]:
        return [self.agencies_by_id[key] for key in self.cleaned_data.get("agencies") or []]

    def clean_tasks(self) -> list[str]:
        lines = (self.cleaned_data.get("tasks") or "").splitlines()
        return [line.strip() for line in lines if line.strip(" .-•\t")]

    @property
    def selected_agency_names(self) -> list[str]:
        """The ticked agencies as the page shows them in the summary line, bound or not."""
        keys = self["agencies"].value() or []
        return [self.agencies_by_id[str(key)].display_name for key in keys if str(key) in self.agencies_by_id]


class BaseImportGroupFormSet(forms.BaseFormSet):
    @property
    def kept_forms(self) -> list[forms.Form]:
        """The items the admin keeps: neither ticked for deletion nor an extra row left empty."""
        return [
            form
            for form in self.forms
            if (form.has_changed() or not form.empty_permitted)
            and not (self.can_delete and self._should_delete_form(form))
        ]

    def clean(self):
        kept = self.kept_forms
        if any(form.errors for form in kept):
            return
        check_item_numbers([form.cleaned_data["number"] for form in kept])


ImportGroupFormSet = forms.formset_factory(
    ImportGroupForm, formset=BaseImportGroupFormSet, extra=1, can_delete=True, max_num=300, validate_max=True
)


class ImportCitationForm(forms.Form):
    """A document the directive cites: linked to its record, or created as a cited-only record."""

    include = forms.BooleanField(label=_("Link"), required=False)
    kind = forms.ChoiceField(
        label=_("Document type"), required=False, choices=[("", "---------"), *Directive.Kind.choices]
    )
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    issuer = forms.CharField(label=_("Issuer"), max_length=200, required=False)
    issued_on = forms.DateField(
        label=_("Date issued"),
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS),
    )
    relation = forms.ChoiceField(
        label=_("Relation"), choices=DirectiveLink.Relation.choices, initial=DirectiveLink.Relation.CITES
    )
    title = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("include"):
            return cleaned
        required = {
            "kind": _("Choose the type of the cited document."),
            "number": _("Enter the number of the cited document."),
            "issuer": _("Enter the issuer of the cited document."),
        }
        for name, message in required.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        return cleaned


ImportCitationFormSet = forms.formset_factory(ImportCitationForm, extra=1, max_num=300, validate_max=True)
