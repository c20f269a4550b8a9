"""Remember at sign-in whether the user may open the dashboard, so the menu costs no query on every page."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .permissions import user_can_view_dashboard

SESSION_KEY = "dondoc_dashboard"


@receiver(user_logged_in)
def remember_dashboard_access(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    session[SESSION_KEY] = user_can_view_dashboard(user)
