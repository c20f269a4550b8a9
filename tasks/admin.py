"""Admin for tasks and assignments, with the bulk assignment action."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .forms import BulkAssignForm
from .models import Assignment, DigestLedger, ReminderLedger, Task
from .services import assignment_bulk_create


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ["agency", "role", "deadline", "status", "percent"]
    readonly_fields = ["status", "percent"]
    autocomplete_fields = ["agency"]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["code", "short_text", "group", "deadline"]
    list_filter = ["group__directive", "group"]
    search_fields = ["text", "search_text"]
    list_select_related = ["group__directive"]
    autocomplete_fields = ["group"]
    inlines = [AssignmentInline]
    actions = ["assign_to_agencies"]

    @admin.display(description=_("task"))
    def short_text(self, task: Task) -> str:
        return task.text[:120]

    @admin.display(description=_("number"))
    def code(self, task: Task) -> str:
        return task.code

    @admin.action(description=_("Assign the selected tasks to agencies"))
    def assign_to_agencies(self, request, queryset):
        tasks = list(queryset.select_related("group__directive"))
        form = BulkAssignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                result = assignment_bulk_create(
                    tasks=tasks,
                    agencies=form.cleaned_data["selected_agencies"],
                    role=form.cleaned_data["role"],
                    deadline=form.cleaned_data["deadline"],
                    use_task_deadline=form.cleaned_data["use_task_deadline"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(created)d assignment created, %(skipped)d already existed.",
                        "%(created)d assignments created, %(skipped)d already existed.",
                        result.created,
                    )
                    % {"created": result.created, "skipped": result.skipped},
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Assign tasks to agencies"),
            "tasks": tasks,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/tasks/task/assign_to_agencies.html", context)


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["task", "agency", "role", "deadline", "status", "percent"]
    list_filter = ["role", "status", "task__group__directive", "agency__kind", "agency"]
    search_fields = ["task__search_text", "agency__name"]
    list_select_related = ["task__group", "agency"]
    autocomplete_fields = ["task", "agency"]
    readonly_fields = ["version"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Ledgers are written by the reminder jobs alone; the admin only shows what was sent."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReminderLedger)
class ReminderLedgerAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "source", "object_id", "kind_label", "created_at"]
    list_filter = ["source", "kind"]
    search_fields = ["object_id"]
    date_hierarchy = "due_on"

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, entry: ReminderLedger) -> str:
        return dict(ReminderLedger.Kind.choices).get(entry.kind, entry.kind)


@admin.register(DigestLedger)
class DigestLedgerAdmin(ReadOnlyAdmin):
    list_display = ["day", "user", "item_count", "claimed_at", "sent_at"]
    list_filter = ["day"]
    search_fields = ["user__username", "user__full_name", "user__email"]
    list_select_related = ["user"]
    date_hierarchy = "day"
