from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Tasks and assignments")

    def ready(self):
        from django.db.models.signals import post_save

        from agencies import data_version
        from agencies.models import Agency
        from directives.models import TaskGroup

        from . import list_version
        from .list_order import agency_saved, group_saved
        from .reminders import register_reminder_source
        from .reminders.assignments import AssignmentReminderSource

        # Registration only, no query: the daily scan instantiates the source when it runs.
        register_reminder_source(AssignmentReminderSource.name, AssignmentReminderSource)
        # The work lists' copies of item numbers and agency sort orders follow their originals (tasks.list_order).
        post_save.connect(group_saved, sender=TaskGroup, dispatch_uid="tasks.list_order.group")
        post_save.connect(agency_saved, sender=Agency, dispatch_uid="tasks.list_order.agency")
        # Every write to the tables the lists read changes their version (tasks.list_version), on every connection.
        data_version.watch(list_version.note_write)
