"""Admin for reporting schedules and periods; reports themselves are written through the site's pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .forms import ReportScheduleForm
from .models import AgencyReport, AgencyReportVersion, ConsolidatedReport, ReportPeriod, ReportSchedule


@admin.register(ReportSchedule)
class ReportScheduleAdmin(SimpleHistoryAdmin):
    form = ReportScheduleForm
    list_display = ["directive", "cadences", "agency_due_working_days", "consolidated_due_working_days"]
    list_select_related = ["directive"]


@admin.register(ReportPeriod)
class ReportPeriodAdmin(SimpleHistoryAdmin):
    list_display = [
        "directive",
        "kind",
        "year",
        "index",
        "starts_on",
        "cutoff_on",
        "agency_due_on",
        "consolidated_due_on",
    ]
    list_filter = ["kind", "year", "directive"]
    list_select_related = ["directive"]
    date_hierarchy = "cutoff_on"


class AgencyReportVersionInline(admin.TabularInline):
    model = AgencyReportVersion
    extra = 0
    can_delete = False
    fields = ["number", "submitted_at", "submitted_by", "outcome", "reviewed_at", "reviewed_by", "review_comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AgencyReport)
class AgencyReportAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "period", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "period__directive"]
    list_select_related = ["agency", "period__directive"]
    readonly_fields = [field.name for field in AgencyReport._meta.fields]
    inlines = [AgencyReportVersionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsolidatedReport)
class ConsolidatedReportAdmin(SimpleHistoryAdmin):
    list_display = ["period", "number", "year", "issued_on", "status"]
    list_filter = ["status", "year"]
    list_select_related = ["period__directive", "issuing_agency"]
    readonly_fields = [field.name for field in ConsolidatedReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
