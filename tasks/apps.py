from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Tasks and assignments")

    def ready(self):
        from .reminders import register_reminder_source
        from .reminders.assignments import AssignmentReminderSource

        # Registration only, no query: the daily scan instantiates the source when it runs.
        register_reminder_source(AssignmentReminderSource.name, AssignmentReminderSource)
