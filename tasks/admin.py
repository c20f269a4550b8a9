"""Admin for tasks and assignments, with the bulk assignment action."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .assigning import assignment_bulk_create
from .forms import AdminStateChangeForm, BulkAssignForm
from .models import Assignment, DigestLedger, ReminderLedger, Subordinate, Task
from .workflow import (
    assignment_cancel,
    assignment_change_deadline,
    assignment_pause,
    assignment_reopen,
    assignment_resume,
)


class AssignmentInline(admin.TabularInline):
    """The task's assignments as they are: their state changes only through the workflow (the assignment's page,
    or the actions of the assignment list here), and nothing with history is deleted."""

    model = Assignment
    extra = 0
    can_delete = False
    fields = ["agency", "role", "deadline", "status", "percent"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class NewAssignmentInline(admin.TabularInline):
    """Add agencies to the task (the bulk action assigns many at once)."""

    model = Assignment
    extra = 0
    can_delete = False
    fields = ["agency", "role", "deadline"]
    autocomplete_fields = ["agency"]
    verbose_name_plural = _("add agencies")

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["code", "short_text", "group", "deadline"]
    list_filter = ["group__directive", "group"]
    search_fields = ["text", "search_text"]
    list_select_related = ["group__directive"]
    autocomplete_fields = ["group"]
    inlines = [AssignmentInline, NewAssignmentInline]
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
    """Assignments are created here; their state, percent and deadline change only through the workflow's services
    (the actions below ask for a reason, which the history keeps), and they are never deleted."""

    list_display = ["task", "agency", "role", "deadline", "status", "percent"]
    list_filter = ["role", "status", "task__group__directive", "agency__kind", "agency"]
    search_fields = ["task__search_text", "agency__name"]
    list_select_related = ["task__group", "agency"]
    autocomplete_fields = ["task", "agency"]
    actions = ["pause", "resume", "cancel", "reopen", "change_deadline"]
    # A delegated share is made by its agency's manager on the assignment page (tasks.workflow.delegation).
    WORKFLOW_FIELDS = ["parent", "status", "percent", "completed_on", "status_note", "version"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.WORKFLOW_FIELDS
        return ["task", "agency", "deadline", *self.WORKFLOW_FIELDS]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            # A stale assignment page must not overwrite what was edited here.
            obj.version += 1
            obj._change_reason = _("Edited in the administration")
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Pause the selected assignments"))
    def pause(self, request, queryset):
        return self._workflow_action(request, queryset, "pause", assignment_pause)

    @admin.action(description=_("Resume the selected assignments"))
    def resume(self, request, queryset):
        return self._workflow_action(request, queryset, "resume", assignment_resume)

    @admin.action(description=_("Cancel the selected assignments"))
    def cancel(self, request, queryset):
        return self._workflow_action(request, queryset, "cancel", assignment_cancel)

    @admin.action(description=_("Reopen the selected assignments"))
    def reopen(self, request, queryset):
        return self._workflow_action(request, queryset, "reopen", assignment_reopen)

    @admin.action(description=_("Change the deadline of the selected assignments"))
    def change_deadline(self, request, queryset):
        return self._workflow_action(request, queryset, "change_deadline", assignment_change_deadline)

    def _workflow_action(self, request, queryset, name: str, service):
        """Ask for the reason (and the deadline), then call the workflow's service on each selected assignment."""
        assignments = list(queryset.select_related("task__group__directive", "agency"))
        bound = request.POST if "apply" in request.POST else None
        form = AdminStateChangeForm(bound, with_deadline=name == "change_deadline")
        if form.is_bound and form.is_valid():
            done, refused = 0, []
            for assignment in assignments:
                values = {"reason": form.cleaned_data["reason"]}
                if name == "change_deadline":
                    values["deadline"] = form.cleaned_data["deadline"]
                try:
                    service(assignment=assignment, user=request.user, expected_version=None, **values)
                except ValidationError as error:
                    refused.append(f"{assignment}: {' '.join(error.messages)}")
                else:
                    done += 1
            if done:
                self.message_user(
                    request,
                    ngettext("%(count)d assignment changed.", "%(count)d assignments changed.", done) % {"count": done},
                    messages.SUCCESS,
                )
            for line in refused:
                self.message_user(request, line, messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": self.get_actions(request)[name][2],
            "assignments": assignments,
            "form": form,
            "action_name": name,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/tasks/assignment/workflow_action.html", context)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Ledgers are written by the reminder jobs alone; the admin only shows what was sent."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReminderLedger)
class ReminderLedgerAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "source", "object_id", "kind", "created_at"]
    list_filter = ["source", "kind"]
    search_fields = ["object_id"]
    date_hierarchy = "due_on"


@admin.register(DigestLedger)
class DigestLedgerAdmin(ReadOnlyAdmin):
    list_display = ["day", "user", "item_count", "claimed_at", "sent_at"]
    list_filter = ["day"]
    search_fields = ["user__username", "user__full_name", "user__email"]
    list_select_related = ["user"]
    date_hierarchy = "day"


@admin.register(Subordinate)
class SubordinateAdmin(admin.ModelAdmin):
    """Which agencies are units or communes of which: to whom an agency may pass its shares down."""

    list_display = ["agency", "unit"]
    list_filter = ["agency"]
    search_fields = ["agency__name", "unit__name"]
    list_select_related = ["agency", "unit"]
    autocomplete_fields = ["agency", "unit"]
