"""The confirmation step of an action that cannot be taken back, for browsers without JavaScript.

The first valid post of such a form (tasks.forms.VersionedForm.confirm_question) renders this step instead of
acting: what will happen, what was typed, the post's data kept in hidden fields, a "Yes, …" button that posts
them again with `<prefix>-confirmed` and a "No, go back" button that shows the form again as typed (both post to
the form's own URL). The version travels with the data, so a page gone stale meanwhile is still refused.
With JavaScript, app.js asks in a <dialog> and posts `confirmed` at once: this step is never shown.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format

from ..forms import CONFIRM_NO

# Never carried over: the CSRF token is the template's own, the two answers are the step's buttons.
DROPPED = {"csrfmiddlewaretoken"}


def going_back(request: HttpRequest, form) -> bool:
    """True when the user pressed "No, go back" on the step: the form is shown again, nothing is done."""
    return bool(request.POST.get(form.add_prefix("back")))


def confirmation_step(request: HttpRequest, *, form, action_url: str, subject: str) -> HttpResponse:
    question, yes, yes_class = form.asks_first()
    dropped = DROPPED | {form.add_prefix("confirmed"), form.add_prefix("back")}
    hidden = [(name, value) for name, values in request.POST.lists() if name not in dropped for value in values]
    context = {
        "question": question,
        "yes": yes,
        "yes_class": yes_class,
        "no": CONFIRM_NO,
        "subject": subject,
        "summary": _summary(form),
        "hidden": hidden,
        "action_url": action_url,
        "confirmed_name": form.add_prefix("confirmed"),
        "back_name": form.add_prefix("back"),
        # Browsers cannot carry chosen files over a page: the step asks for them again.
        "files_name": form.add_prefix("files") if request.FILES else None,
    }
    return render(request, "tasks/confirm_action.html", context)


def _summary(form) -> list[tuple[str, str]]:
    """What the user typed or chose, as label and text, for the step to show before acting."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if isinstance(field.widget, forms.HiddenInput) or name == "files" or value in (None, "", []):
            continue
        if isinstance(field, forms.ChoiceField):
            value = dict(field.choices).get(value, value)
        elif hasattr(value, "year"):
            value = date_format(value, "d/m/Y")
        rows.append((str(field.label), str(value)))
    return rows
