from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies and users")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from . import checks, page_cache  # noqa: F401  (checks: registered on import)

        # Every write but a session's changes the kept pages' version (agencies.page_cache), on every connection.
        connection_created.connect(page_cache.install, dispatch_uid="agencies.page_cache")
        for connection in connections.all(initialized_only=True):
            page_cache.install(None, connection)
