from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("Exchange with other systems")

    def ready(self):
        from . import schema, signals  # noqa: F401  (the token's OpenAPI scheme; webhook events from saves)
