"""Forms of the tasks app."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from directives.importing import MAX_DOCX_BYTES, MSG_DOCX_TOO_LARGE, DirectiveImportError, read_docx_text
from directives.models import Directive, DirectiveLink

from .models import Assignment
from .services import COMMENT_REQUIRED, PERCENT_RANGE, REASON_REQUIRED, progress_update_check
from .uploads import ACCEPT_ATTRIBUTE, megabytes


class BulkAssignForm(forms.Form):
    """Assign the selected tasks to many agencies at once (e.g. item 1 to every agency)."""

    agency_kinds = forms.MultipleChoiceField(
        label=_("Every agency of these kinds"),
        choices=Agency.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("And/or these agencies"),
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices, initial=Assignment.Role.LEAD)
    use_task_deadline = forms.BooleanField(label=_("Use each task's own deadline"), required=False, initial=True)
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        help_text=_("dd/mm/yyyy; used when the box above is unticked. Empty means standing work."),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def clean(self):
        cleaned = super().clean()
        kinds = cleaned.get("agency_kinds") or []
        chosen = set(cleaned.get("agencies") or [])
        if kinds:
            chosen |= set(Agency.objects.filter(is_active=True, kind__in=kinds))
        if not chosen:
            raise forms.ValidationError(_("Choose at least one agency or kind of agency."))
        cleaned["selected_agencies"] = sorted(chosen, key=lambda agency: (agency.sort_order, agency.name))
        return cleaned


# --------------------------------------------------------------------------- directive import

DATE_WIDGET_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


class DirectiveImportSourceForm(forms.Form):
    """Step 1 of an import: the directive's text, pasted or as a .docx file."""

    text = forms.CharField(
        label=_("Text of the directive"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Paste the whole text, from the heading to the last numbered item."),
    )
    file = forms.FileField(
        label=_("Or a Word file (.docx)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
        help_text=format_lazy(
            _("At most {size} MB. Save a .doc or .pdf file as .docx in Word first."), size=MAX_DOCX_BYTES // 2**20
        ),
    )

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text") or ""
        upload = cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError(_("Paste the text or choose a file, not both."))
        if upload:
            cleaned["source_text"] = self._read_upload(upload)
        elif text.strip():
            cleaned["source_text"] = text
        elif "file" not in self.errors:
            raise forms.ValidationError(_("Paste the text of the directive or choose its .docx file."))
        return cleaned

    def _read_upload(self, upload) -> str:
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
    def clean(self):
        numbers = []
        for form in self.forms:
            if not form.has_changed() and form.empty_permitted:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.errors:
                return
            numbers.append(form.cleaned_data["number"])
        if not numbers:
            raise forms.ValidationError(_("Keep at least one item: a directive without items has nothing to assign."))
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if repeated:
            raise forms.ValidationError(
                _("Item numbers must be different; used more than once: %(numbers)s.")
                % {"numbers": ", ".join(map(str, repeated))}
            )


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


# --- The agency workspace: each form carries the assignment's version, so a stale page is refused. ---


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class VersionedForm(forms.Form):
    """A form about one assignment, posted to its own URL and refused if the page was stale."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    submit_label = _("Save")
    submit_class = "btn-primary"

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_action = action
        self.helper.form_id = f"{self.prefix}-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit(f"{self.prefix}-submit", self.submit_label, css_class=self.submit_class))


# The rules themselves (range, empty update, file checks) live in the services; the view shows their errors.
PERCENT_MESSAGES = dict.fromkeys(["required", "invalid", "min_value", "max_value"], PERCENT_RANGE)


class ProgressUpdateForm(VersionedForm):
    submit_label = _("Save the update")
    percent = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100, error_messages=PERCENT_MESSAGES)
    results = forms.CharField(label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    difficulties = forms.CharField(
        label=_("Difficulties and obstacles"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proposals = forms.CharField(
        label=_("Proposals and recommendations"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word, Excel, PNG or JPEG; at most %(count)s files of %(size)s MB each."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "count": settings.DONDOC_MAX_FILES_PER_UPDATE,
            "size": megabytes(settings.DONDOC_MAX_UPLOAD_BYTES),
        }

    def clean(self):
        cleaned = super().clean()
        if "files" not in self.errors:
            try:
                progress_update_check(
                    results=cleaned.get("results", ""),
                    difficulties=cleaned.get("difficulties", ""),
                    proposals=cleaned.get("proposals", ""),
                    files=cleaned.get("files", []),
                )
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned


class DeclareDoneForm(VersionedForm):
    submit_label = _("Declare the work done")
    submit_class = "btn-success"
    note = forms.CharField(
        label=_("Summary of what was done (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConfirmForm(VersionedForm):
    submit_label = _("Confirm it is done")
    submit_class = "btn-success"


class ReturnForm(VersionedForm):
    submit_label = _("Return it to be done again")
    submit_class = "btn-outline-danger"
    comment = forms.CharField(
        label=_("What must be done again"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": COMMENT_REQUIRED},
    )


class ExtensionRequestForm(VersionedForm):
    submit_label = _("Send the request")
    new_deadline = forms.DateField(
        label=_("New deadline"),
        help_text=_("dd/mm/yyyy"),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Enter the new deadline."), "invalid": _("Enter a date as dd/mm/yyyy.")},
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": REASON_REQUIRED}
    )


class ExtensionDecisionForm(VersionedForm):
    submit_label = _("Record the decision")
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or refuse.")},
    )
    note = forms.CharField(
        label=_("Note (required when refusing)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PauseForm(VersionedForm):
    submit_label = _("Pause")
    submit_class = "btn-outline-secondary"
    reason = forms.CharField(
        label=_("Reason for pausing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": REASON_REQUIRED},
    )


class ResumeForm(VersionedForm):
    submit_label = _("Resume")
    submit_class = "btn-outline-primary"
    reason = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(VersionedForm):
    submit_label = _("Cancel the assignment")
    submit_class = "btn-outline-danger"
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": REASON_REQUIRED},
    )


class UrgeForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the agency"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Short and concrete, e.g. what to report and by when. At most 1,000 characters."),
        error_messages={"required": _("Write a short message to the agency.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
