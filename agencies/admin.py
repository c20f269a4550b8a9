"""Admin for agencies and users."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Agency, AgencyChange, Signer, User


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    # The list links to the page "Tổ chức lại cơ quan" (served by tasks, which moves the assignments).
    change_list_template = "admin/agencies/agency/change_list.html"
    list_display = ["name", "short_name", "kind", "parent", "valid_from", "valid_to", "is_active", "sort_order"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "code"]
    prepopulated_fields = {"code": ["name"]}
    list_editable = ["sort_order", "is_active"]
    autocomplete_fields = ["parent"]


@admin.register(AgencyChange)
class AgencyChangeAdmin(admin.ModelAdmin):
    """Changes are made on the reorganisation page only; here they are read (both ways: before and after)."""

    list_display = ["effective_on", "kind", "decision_number", "issuer", "performed_by", "performed_at"]
    list_filter = ["kind"]
    list_select_related = ["performed_by"]
    search_fields = ["decision_number", "issuer", "predecessors__name", "successors__name", "old_name"]
    date_hierarchy = "effective_on"
    readonly_fields = [field.name for field in AgencyChange._meta.fields] + ["predecessors", "successors"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "agency", "role", "email", "is_active", "last_login"]
    list_filter = ["role", "is_active", "agency__kind", "agency"]
    search_fields = ["username", "full_name", "email", "agency__name"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    ordering = ["username"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "job_title")}),
        (_("Agency and role"), {"fields": ("agency", "role")}),
        (_("Status"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "email", "agency", "role", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Signer)
class SignerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "agency", "is_head", "is_active"]
    list_filter = ["is_head", "is_active"]
    search_fields = ["name", "title", "agency__name"]
