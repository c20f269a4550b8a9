"""The review of an import task by task: each task's own text, lead and cooperating agencies and deadline.

An item whose tasks name different agencies ("Nhiệm vụ cụ thể" with one agency an item) is reviewed row by
row; any other item can be switched to it. An item left as a whole keeps its tasks textarea, lead agencies
and deadline, as before.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from ..forms import DATE_WIDGET_ATTRS

PREFIX = "taskrows"


class ImportTaskForm(forms.Form):
    """One task of an item as its sentence assigns it; the admin corrects any part of it."""

    # The position of its item on the page (not its number, which the admin may change).
    group = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=999)
    text = forms.CharField(
        label=_("Task"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Empty: left out.")
    )
    lead = forms.MultipleChoiceField(
        label=_("Lead agencies"), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    cooperating = forms.MultipleChoiceField(
        label=_("Cooperating agencies"), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS),
    )
    deadline_note = forms.CharField(required=False, widget=forms.HiddenInput)
    # What collective phrases of the sentence were read as ("các sở, ban, ngành" → 19 agencies), for the page.
    collectives = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, agencies_by_id: dict[str, Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies_by_id = agencies_by_id
        choices = [(key, agency.display_name) for key, agency in agencies_by_id.items()]
        self.fields["lead"].choices = choices
        self.fields["cooperating"].choices = choices

    def clean_lead(self) -> list[Agency]:
        return [self.agencies_by_id[key] for key in self.cleaned_data.get("lead") or []]

    def clean_cooperating(self) -> list[Agency]:
        return [self.agencies_by_id[key] for key in self.cleaned_data.get("cooperating") or []]

    def chosen_names(self, field: str) -> list[str]:
        """The agencies ticked in ``field`` as the page shows them, bound or not."""
        keys = self[field].value() or []
        return [self.agencies_by_id[str(key)].display_name for key in keys if str(key) in self.agencies_by_id]

    @property
    def chosen_lead(self) -> list[str]:
        return self.chosen_names("lead")

    @property
    def chosen_cooperating(self) -> list[str]:
        return self.chosen_names("cooperating")

    def clean_text(self) -> str:
        return " ".join((self.cleaned_data.get("text") or "").split())


ImportTaskFormSet = forms.formset_factory(ImportTaskForm, extra=0, max_num=3000, validate_max=True)


def task_formset(data, initial: list[dict] | None, agencies_by_id: dict[str, Agency]):
    """The task rows of the review; a post without them (an older page) reviews every item as a whole."""
    if data is not None and f"{PREFIX}-TOTAL_FORMS" not in data:
        data = data.copy()
        data.update({f"{PREFIX}-TOTAL_FORMS": "0", f"{PREFIX}-INITIAL_FORMS": "0"})
    return ImportTaskFormSet(data, initial=initial, prefix=PREFIX, form_kwargs={"agencies_by_id": agencies_by_id})


def rows_by_group(formset) -> dict[int, list[forms.Form]]:
    """The rows of each item, by the item's position on the page."""
    rows: dict[int, list[forms.Form]] = {}
    for form in formset.forms:
        try:
            number = int(form["group"].value())
        except (TypeError, ValueError):
            continue
        rows.setdefault(number, []).append(form)
    return rows
