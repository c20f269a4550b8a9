"""Forms of the reports app: validation only, no side effects."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Signer

from .errors import Errors
from .models import ReportSchedule, SignerAuthority
from .periods import Kind

DATE_INPUT = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class AgencyReportForm(_Form):
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


class IssueForm(_Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    issued_on = forms.DateField(label=_("Date of the report"), widget=DATE_INPUT, help_text=_("dd/mm/yyyy"))
    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=99999,
        help_text=_("Leave empty to take the next free number of the year."),
    )

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
        if not self.is_bound:
            self.initial.setdefault("issued_on", timezone.localdate())
            if head is not None:
                self.initial.setdefault("signer", head.pk)
                self.initial.setdefault("head_title", head.title.upper())


class ReportScheduleForm(forms.ModelForm):
    """Admin form: the cadences as ticks instead of raw JSON."""

    cadences = forms.MultipleChoiceField(label=_("cadences"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ReportSchedule
        fields = ["directive", "cadences", "agency_due_working_days", "consolidated_due_working_days", "periods_ahead"]
