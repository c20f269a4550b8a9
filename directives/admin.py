"""Admin for directives, their groups, links and the calendar exceptions."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarDay, Directive, DirectiveLink, ReminderPolicy, TaskGroup


class DirectiveLinkInline(admin.TabularInline):
    model = DirectiveLink
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


class ReminderPolicyInline(admin.StackedInline):
    # Shown with the defaults; saved only when an admin changes them (the scan uses the defaults otherwise).
    model = ReminderPolicy
    extra = 1
    max_num = 1
    can_delete = True


class TaskGroupInline(admin.StackedInline):
    model = TaskGroup
    extra = 0
    fields = ["number", "title", "short_title", "text"]
    show_change_link = True


@admin.register(Directive)
class DirectiveAdmin(SimpleHistoryAdmin):
    list_display = ["number", "kind", "issuer", "issued_on", "coordinating_agency", "is_tracked"]
    list_filter = ["kind", "is_tracked", "coordinating_agency"]
    search_fields = ["number", "subject", "issuer", "search_text"]
    autocomplete_fields = ["coordinating_agency"]
    list_select_related = ["coordinating_agency"]
    inlines = [DirectiveLinkInline, ReminderPolicyInline, TaskGroupInline]
    date_hierarchy = "issued_on"


@admin.register(TaskGroup)
class TaskGroupAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "directive"]
    list_filter = ["directive"]
    search_fields = ["title", "text"]
    list_select_related = ["directive"]
    autocomplete_fields = ["directive"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
