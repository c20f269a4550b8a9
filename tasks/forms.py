"""Forms of the tasks app."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .models import Assignment
from .uploads import ACCEPT_ATTRIBUTE, megabytes
from .workflow import COMMENT_REQUIRED, PERCENT_RANGE, REASON_REQUIRED, progress_update_check
from .workflow.services import TEXT_LIMIT, check_length


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


DATE_WIDGET_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


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


class ActionSubmit(Submit):
    """A submit button in the action's own colour: crispy's Submit also adds btn-primary, which paints
    an outline button blue under its red text."""

    field_classes = "btn"


class VersionedForm(forms.Form):
    """A form about one assignment, posted to its own URL and refused if the page was stale.

    Nothing irreversible by accident: a form with a `confirm_question` acts only when posted with `confirmed`.
    Without JavaScript the first valid post gets a confirmation step (tasks/views/confirm.py) whose "Yes"
    button posts the same data again with `confirmed`; with JavaScript (static/js/app.js) a <dialog> asks the
    question on submit and sets `confirmed` itself, so the page posts once.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    submit_label = _("Save")
    submit_class = "btn-primary"
    confirm_question = None  # what will happen, asked before acting; None: the action is not confirmed
    confirm_yes = None  # the label of the "Yes, …" button

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_action = action
        self.helper.form_id = f"{self.prefix}-form"
        self.helper.attrs = {"novalidate": ""}
        if self.confirm_question:
            self.helper.attrs.update(self.confirm_attributes(self.confirm_question, self.confirm_yes))
        self.helper.add_input(ActionSubmit(f"{self.prefix}-submit", self.submit_label, css_class=self.submit_class))

    def clean(self):
        # The services' own length rule, checked before the confirmation is asked (they check it again).
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                try:
                    check_length(value, field=name)
                except forms.ValidationError as error:
                    self.add_error(None, error)
        return cleaned

    @staticmethod
    def yes_class(submit_class: str) -> str:
        """The "Yes" button's look: the action's own colour, solid (red only for returning or cancelling)."""
        return submit_class.replace("btn-outline-", "btn-")

    def confirm_attributes(self, question, yes, submit_class: str | None = None) -> dict[str, str]:
        """What app.js needs to ask in a dialog: the question, the two buttons and the field to set."""
        return {
            "data-confirm": str(question),
            "data-confirm-yes": str(yes),
            "data-confirm-class": self.yes_class(submit_class or self.submit_class),
            "data-confirm-no": str(CONFIRM_NO),
            "data-confirm-field": self.add_prefix("confirmed"),
        }

    def asks_first(self) -> tuple | None:
        """(question, "Yes" label, its button class) when this valid post still needs the user's confirmation."""
        if self.confirm_question and not self.cleaned_data.get("confirmed"):
            return self.confirm_question, self.confirm_yes, self.yes_class(self.submit_class)
        return None


CONFIRM_NO = _("No, go back")


# app.js fills in the counts; the label is written by the server, in the user's language.
COUNTER_LABEL = _("%(count)s / %(limit)s characters")


def text_area(rows: int = 2) -> forms.Textarea:
    """A text area with its limit; app.js shows a live count beside it."""
    return forms.Textarea(attrs={"rows": rows, "maxlength": TEXT_LIMIT, "data-counter": COUNTER_LABEL})


def reason_field(label, *, required: bool = True, message=REASON_REQUIRED) -> forms.CharField:
    """The reason (or comment) a state change keeps in the history: a short text area. The limit is the service's
    (tasks.workflow.services.TEXT_LIMIT), so a pasted text over it gets the service's message and is kept."""
    return forms.CharField(label=label, required=required, widget=text_area(), error_messages={"required": message})


# The rules themselves (range, empty update, file checks) live in the services; the view shows their errors.
PERCENT_MESSAGES = dict.fromkeys(["required", "invalid", "min_value", "max_value"], PERCENT_RANGE)


class ProgressUpdateForm(VersionedForm):
    submit_label = _("Save the update")
    percent = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100, error_messages=PERCENT_MESSAGES)
    results = forms.CharField(label=_("Results"), required=False, widget=text_area(3))
    difficulties = forms.CharField(label=_("Difficulties and obstacles"), required=False, widget=text_area())
    proposals = forms.CharField(label=_("Proposals and recommendations"), required=False, widget=text_area())
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word, Excel, PNG or JPEG; at most %(count)s files of %(size)s MB each."),
    )

    # The second button: this update is the last, at 100 %, and declares the work done (one step to finish).
    FINISH = "finish"
    FINISH_CLASS = "btn-success"
    finish_label = _("Report the work done")
    finish_question = _(
        "The update will be saved as fully done (100%) and the work declared done, for the coordinating agency "
        "to confirm. You cannot take this back yourself."
    )
    finish_yes = _("Yes, report the work done")

    def asks_first(self) -> tuple | None:
        # Only the "Report the work done" button is confirmed; a plain update is saved at once.
        if self.data.get(self.add_prefix(self.FINISH)) and not self.cleaned_data.get("confirmed"):
            return self.finish_question, self.finish_yes, self.yes_class(self.FINISH_CLASS)
        return None

    def __init__(self, *args, may_finish: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if may_finish:
            attributes = self.confirm_attributes(self.finish_question, self.finish_yes, self.FINISH_CLASS)
            self.helper.add_input(
                ActionSubmit(
                    f"{self.prefix}-{self.FINISH}", self.finish_label, css_class=self.FINISH_CLASS, **attributes
                )
            )
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
    confirm_question = _(
        "The work will be declared done and sent to the coordinating agency for confirmation. "
        "You cannot take this back yourself."
    )
    confirm_yes = _("Yes, declare it done")
    note = forms.CharField(label=_("Summary of what was done (optional)"), required=False, widget=text_area())


class ConfirmForm(VersionedForm):
    submit_label = _("Confirm it is done")
    submit_class = "btn-success"
    confirm_question = _(
        "The work will be confirmed as done and closed; only a leader or an administrator can reopen it."
    )
    confirm_yes = _("Yes, confirm it is done")


class ReturnForm(VersionedForm):
    submit_label = _("Return it to be done again")
    submit_class = "btn-outline-danger"
    confirm_question = _("The work will go back to the agency to be done again, with your comment.")
    confirm_yes = _("Yes, return it")
    comment = reason_field(_("What must be done again"), message=COMMENT_REQUIRED)


class ExtensionRequestForm(VersionedForm):
    submit_label = _("Send the request")
    new_deadline = forms.DateField(
        label=_("New deadline"),
        help_text=_("dd/mm/yyyy"),
        widget=forms.TextInput(attrs=DATE_WIDGET_ATTRS),
        error_messages={"required": _("Enter the new deadline."), "invalid": _("Enter a date as dd/mm/yyyy.")},
    )
    reason = reason_field(_("Reason"))


class ExtensionDecisionForm(VersionedForm):
    submit_label = _("Record the decision")
    confirm_question = _(
        "The decision will be recorded and the requesting agency told; it cannot be changed afterwards."
    )
    confirm_yes = _("Yes, record the decision")
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or refuse.")},
    )
    note = reason_field(_("Note (required when refusing)"), required=False)

    def clean(self):
        # The service's rule, checked before the confirmation is asked.
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not cleaned.get("note"):
            self.add_error("note", REASON_REQUIRED)
        return cleaned


class PauseForm(VersionedForm):
    submit_label = _("Pause")
    submit_class = "btn-outline-secondary"
    reason = reason_field(_("Reason for pausing"))


class ResumeForm(VersionedForm):
    submit_label = _("Resume")
    submit_class = "btn-outline-primary"
    reason = reason_field(_("Note (optional)"), required=False)


class CancelForm(VersionedForm):
    submit_label = _("Cancel the assignment")
    submit_class = "btn-outline-danger"
    confirm_question = _(
        "The assignment will be cancelled and the agency told; only a leader or an administrator can reopen it."
    )
    confirm_yes = _("Yes, cancel the assignment")
    reason = reason_field(_("Reason for cancelling"))


class ReopenForm(VersionedForm):
    submit_label = _("Reopen the assignment")
    submit_class = "btn-outline-primary"
    confirm_question = _(
        "The assignment will be reopened for the agency to work on again; the reopening stays in the history."
    )
    confirm_yes = _("Yes, reopen it")
    reason = reason_field(_("Reason for reopening"))


class AdminStateChangeForm(forms.Form):
    """The admin's pause, resume, cancel or change of deadline: a reason for the history, and the new deadline."""

    deadline = forms.DateField(
        label=_("New deadline"),
        required=False,
        help_text=_("dd/mm/yyyy"),
        widget=forms.TextInput(attrs=DATE_WIDGET_ATTRS),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )
    reason = reason_field(_("Reason"))

    def __init__(self, *args, with_deadline: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_deadline:
            self.fields["deadline"].required = True
            self.fields["deadline"].error_messages["required"] = _("Enter the new deadline.")
        else:
            del self.fields["deadline"]


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


class DelegateForm(VersionedForm):
    """Pass the share down: the units offered are the agency's (tasks.delegation); the service checks them again."""

    submit_label = _("Pass down")
    submit_class = "btn-outline-primary"
    units = forms.ModelMultipleChoiceField(
        label=_("Units or communes"),
        # Any active agency validates, so that one outside the agency's units gets the service's own refusal.
        queryset=Agency.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one unit or commune.")},
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        help_text=_("dd/mm/yyyy; no later than your own deadline. Empty only for standing work."),
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )
    note = forms.CharField(label=_("Note to the units (optional)"), required=False, widget=text_area())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].widget.choices = [(unit.pk, unit.name) for unit in units]
