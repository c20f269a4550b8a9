"""Forms of the tasks app."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .models import Assignment


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
