"""Forms of the reports app: validation only, no side effects."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Signer

from .errors import Errors
from .models import NARRATIVE_FIELDS, ReportSchedule, SignerAuthority
from .periods import Kind

DATE_INPUT = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class SignatureForm(_Form):
    """Who signs: one of the agency's signers, the authority they sign under, and the head's title for KT. and the
    like. The agency's head is chosen until someone chooses otherwise."""

    authority = forms.ChoiceField(label=_("Signed as"), choices=SignerAuthority.choices, required=False)
    signer = forms.ModelChoiceField(
        label=_("Signer"),
        queryset=Signer.objects.none(),
        help_text=_("The agency's signers are kept by its manager on the signers page."),
        error_messages={"required": Errors.SIGNER_REQUIRED},
    )
    head_title = forms.CharField(
        label=_("Head's title"),
        required=False,
        max_length=150,
        help_text=_("For KT., Q., TL., TUQ.: the head's title, e.g. CHỈ HUY TRƯỞNG; for TM.: the collective body."),
    )

    def __init__(self, *args, signers=None, head=None, **kwargs):
        super().__init__(*args, **kwargs)
        if signers is not None:
            self.fields["signer"].queryset = signers
        if not self.is_bound and head is not None:
            self.initial.setdefault("signer", head.pk)
            self.initial.setdefault("head_title", head.title.upper())


class AgencyReportForm(SignatureForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    results = forms.CharField(
        label=_("I. Results achieved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=50000,
    )
    limitations = forms.CharField(
        label=_("II. Limitations and causes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=50000,
    )
    tasks_ahead = forms.CharField(
        label=_("III. Tasks ahead"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=50000
    )
    proposals = forms.CharField(
        label=_("IV. Proposals and recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=50000,
    )
    field_order = ["version", *NARRATIVE_FIELDS, "authority", "signer", "head_title"]

    def __init__(self, *args, with_signature: bool = False, **kwargs):
        """`with_signature`: the page of someone who may submit, who chooses who signs what goes out. An agency
        that keeps no signers yet submits a report its head signs by hand."""
        super().__init__(*args, **kwargs)
        signer = self.fields["signer"]
        if not with_signature:
            for name in ("authority", "signer", "head_title"):
                del self.fields[name]
            return
        self.helper.layout = Layout(
            "version",
            *NARRATIVE_FIELDS,
            Fieldset(_("Who signs the report"), "authority", "signer", "head_title"),
        )
        # Nobody chosen (a client that leaves the field out): the agency's head signs, as the select proposes.
        signer.required = False
        if signer.queryset.exists():
            signer.empty_label = None
        else:
            signer.help_text = _(
                "Your agency keeps no signers yet: the report is left for the head to sign. Its manager adds the head "
                "and deputies on the signers page."
            )


class ReviewForm(_Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comment = forms.CharField(
        label=_("Comment to the agency"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Required when returning the report."),
    )


class ConsolidatedForm(_Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    results = forms.CharField(
        label=_("I. Results achieved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=200000,
        help_text=_("The statistics at the cutoff are written at the start of this section automatically."),
    )
    limitations = forms.CharField(
        label=_("II. Limitations and causes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=200000,
        help_text=_("The list of overdue assignments is written at the start of this section automatically."),
    )
    tasks_ahead = forms.CharField(
        label=_("III. Tasks ahead"), required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=200000
    )
    proposals = forms.CharField(
        label=_("IV. Proposals and recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=200000,
    )
    recipients = forms.CharField(
        label=_("Recipients (Nơi nhận)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("One recipient per line; the archive line “Lưu: VT” is added automatically."),
    )


class IssueForm(SignatureForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    issued_on = forms.DateField(label=_("Date of the report"), widget=DATE_INPUT, help_text=_("dd/mm/yyyy"))
    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=99999,
        help_text=_("Leave empty to take the next free number of the year."),
    )
    field_order = ["version", "issued_on", "number", "authority", "signer", "head_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("issued_on", timezone.localdate())


class ReportScheduleForm(forms.ModelForm):
    """Admin form: the cadences as ticks instead of raw JSON."""

    cadences = forms.MultipleChoiceField(label=_("cadences"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ReportSchedule
        fields = ["directive", "cadences", "agency_due_working_days", "consolidated_due_working_days", "periods_ahead"]
