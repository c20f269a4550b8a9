"""The form of the reorganisation page: which change, to which agencies, under which decision."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyChange
from agencies.text import fold

from .plan import Reorganisation

DATE_WIDGET = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
USERS_CHOICES = [("move", _("Move them to the main successor")), ("deactivate", _("Deactivate them"))]


def existing_agencies():
    return Agency.objects.filter(valid_to__isnull=True).order_by("sort_order", "name")


def new_agency_code(name: str) -> str:
    """A stable code from the name, without diacritics: "UBND xã Lương Sơn" → "ubnd-xa-luong-son"."""
    return slugify(fold(name))[:40]


class ReorganisationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of change"), choices=AgencyChange.Kind.choices)
    predecessors = forms.ModelMultipleChoiceField(
        label=_("Agencies before the change"),
        queryset=existing_agencies(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    successors = forms.ModelMultipleChoiceField(
        label=_("Existing successor agencies"),
        queryset=existing_agencies(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("One for a merge or a dissolution, two or more for a split; none for a rename."),
    )
    main_successor = forms.ModelChoiceField(
        label=_("Main successor"),
        queryset=existing_agencies(),
        required=False,
        help_text=_(
            "Takes the users, the unsent reports and the figures of closed work (a split: the first if empty)."
        ),
    )
    new_name = forms.CharField(
        label=_("New name"),
        max_length=200,
        required=False,
        help_text=_("A rename: the agency's new name. A merge or dissolution into a new agency: its name."),
    )
    new_short_name = forms.CharField(label=_("New short name"), max_length=60, required=False)
    new_code = forms.SlugField(label=_("New code"), max_length=40, required=False)
    new_kind = forms.ChoiceField(
        label=_("Kind of the new agency"), choices=[("", "---------"), *Agency.Kind.choices], required=False
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=100)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    effective_on = forms.DateField(label=_("Effective from"), widget=DATE_WIDGET)
    users = forms.ChoiceField(label=_("Users of the agencies before"), choices=USERS_CHOICES, initial="move")

    def request(self, *, destinations: dict[int, int]) -> Reorganisation:
        data = self.cleaned_data
        kind = data["kind"]
        new_name = data["new_name"].strip()
        new_successor = None
        if new_name and kind in (AgencyChange.Kind.MERGE, AgencyChange.Kind.DISSOLVE):
            new_successor = Agency(
                name=new_name,
                short_name=data["new_short_name"].strip(),
                code=data["new_code"] or new_agency_code(new_name),
                kind=data["new_kind"] or Agency.Kind.OTHER,
            )
        is_rename = kind == AgencyChange.Kind.RENAME
        return Reorganisation(
            kind=kind,
            predecessors=list(data["predecessors"]),
            successors=list(data["successors"]),
            new_successor=new_successor,
            main_successor=data["main_successor"],
            destinations=destinations,
            move_users=data["users"] == "move",
            decision_number=data["decision_number"].strip(),
            decision_date=data["decision_date"],
            issuer=data["issuer"].strip(),
            effective_on=data["effective_on"],
            new_name=new_name if is_rename else "",
            new_short_name=data["new_short_name"].strip() if is_rename else "",
            new_code=data["new_code"] if is_rename else "",
        )
