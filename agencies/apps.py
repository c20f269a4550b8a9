from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies and users")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from . import checks, data_version, page_cache  # noqa: F401  (checks: registered on import)

        # One execute wrapper on every connection hands each write to the versions' watchers (agencies.data_version):
        # every write but a session's changes the kept pages' version (agencies.page_cache).
        connection_created.connect(data_version.install, dispatch_uid="agencies.data_version")
        for connection in connections.all(initialized_only=True):
            data_version.install(None, connection)
        data_version.watch(page_cache.note_write)
