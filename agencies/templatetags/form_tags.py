"""Form fields in crispy-bootstrap5's markup, rendered in Python for the hot filter forms (issue 11).

crispy renders one field through about forty template nodes and Django's widget templates one include per
<option>: a third of /work/'s time. `fast_field` writes the same markup (label, input or select, selected
option) directly for a text input or a single select without errors or help text; anything else, and any
field with errors, goes through crispy as before, so error feedback looks exactly as it did.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

register = template.Library()

FAST_WIDGETS = (forms.TextInput, forms.Select)


def _plain(bound) -> bool:
    widget = bound.field.widget
    return (
        isinstance(widget, FAST_WIDGETS)
        and not isinstance(widget, forms.SelectMultiple)
        and type(widget).__name__ in {"TextInput", "Select"}
        and not bound.errors
        and not bound.help_text
        and not bound.field.required
        and not widget.is_hidden
    )


def _options(bound):
    value = bound.value()
    chosen = {"" if value is None else str(value)}
    rows = []
    for option_value, label in bound.field.choices:
        if isinstance(label, (list, tuple)):
            return None  # option groups: leave them to Django's widget
        text = "" if option_value is None else str(option_value)
        rows.append((text, " selected" if text in chosen else "", label))
    return format_html_join("", '<option value="{}"{}>{}</option>', rows)


def _control(bound):
    widget = bound.field.widget
    attrs = {key: value for key, value in widget.attrs.items() if key != "class"}
    if isinstance(widget, forms.Select):
        options = _options(bound)
        if options is None:
            return None
        extra = flatatt(attrs)
        return format_html(
            '<select name="{}" class="select form-select" id="{}"{}>{}</select>',
            bound.html_name,
            bound.auto_id,
            extra,
            options,
        )
    value = widget.format_value(bound.value())
    return format_html(
        '<input type="{}" name="{}"{} class="textinput form-control" id="{}"{}>',
        widget.input_type,
        bound.html_name,
        flatatt({"value": value}) if value not in (None, "") else "",
        bound.auto_id,
        flatatt(attrs),
    )


@register.simple_tag
def fast_field(bound):
    """One filter field as crispy-bootstrap5 draws it (div.mb-3, label.form-label, the control)."""
    control = _control(bound) if _plain(bound) else None
    if control is None:
        return as_crispy_field(bound)
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}</div>',
        bound.auto_id,
        bound.auto_id,
        bound.label,
        control,
    )
