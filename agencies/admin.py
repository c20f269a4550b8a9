"""Admin for agencies and users."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Agency, Signer, User


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "document_code", "is_active", "sort_order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    prepopulated_fields = {"code": ["name"]}
    list_editable = ["sort_order", "is_active"]


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
