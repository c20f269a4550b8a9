from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from tasks.reminders import register_reminder_source
        from tasks.reorganising import register_reorganisation_hook

        from . import signals  # noqa: F401  (connects the sign-in receiver)
        from .reminder_sources import AgencyReportReminderSource, ConsolidatedReportReminderSource
        from .reorganising import AgencyReportMove

        # Report due dates join the daily reminder scan (registration only, no query).
        register_reminder_source(AgencyReportReminderSource.name, AgencyReportReminderSource)
        register_reminder_source(ConsolidatedReportReminderSource.name, ConsolidatedReportReminderSource)
        # Unsent agency reports move with the open work when agencies are reorganised.
        register_reorganisation_hook("agency_reports", AgencyReportMove)
