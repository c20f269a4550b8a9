"""Forms of the agencies app."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Agency, Signer


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Check both and try again (passwords are case-sensitive)."),
        "inactive": _("This account is disabled. Contact your system administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget = forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})


class NotificationSettingsForm(forms.Form):
    receives_daily_digest = forms.BooleanField(
        label=_("Send me the daily digest e-mail"),
        required=False,
        help_text=_(
            "One e-mail each morning listing what is overdue, due soon and newly assigned to your agency. "
            "When it is off you still receive overdue items and urges by e-mail."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class AgencyDocumentForm(forms.Form):
    parent_body = forms.CharField(
        label=_("Parent body"),
        required=False,
        max_length=120,
        help_text=_("Printed above the agency's name on its documents, e.g. UBND TỈNH HÒA BÌNH or QUÂN KHU 3."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class SignerForm(forms.ModelForm):
    class Meta:
        model = Signer
        fields = ["name", "title", "is_head", "sort_order", "is_active"]
        error_messages = {"name": {"required": _("Enter the signer's name.")}}


SignerFormSet = forms.inlineformset_factory(Agency, Signer, form=SignerForm, extra=2, can_delete=False)
