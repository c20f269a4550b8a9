"""/api/v1/: the REST API, its OpenAPI schema and the documentation page (assets from drf-spectacular-sidecar)."""

from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import actions, assignments, directives, exports, reports, tokens, webhooks

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's page carries one <style> block and sets style attributes: allowed on this page only.
    path(
        "docs/",
        csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("directives/", directives.DirectiveList.as_view(), name="directive_list"),
    path("directives/<int:pk>/", directives.DirectiveDetail.as_view(), name="directive_detail"),
    path(
        "directives/<int:pk>/assignments/",
        assignments.DirectiveAssignmentList.as_view(),
        name="directive_assignments",
    ),
    path("assignments/", assignments.WorkList.as_view(), name="assignment_list"),
    path("assignments/<int:pk>/", assignments.AssignmentDetail.as_view(), name="assignment_detail"),
    path("assignments/<int:pk>/updates/", actions.ProgressUpdates.as_view(), name="assignment_updates"),
    path(
        "assignments/<int:pk>/extension-requests/",
        actions.ExtensionRequests.as_view(),
        name="assignment_extension_requests",
    ),
    path("assignments/<int:pk>/declare-done/", actions.DeclareDone.as_view(), name="assignment_declare_done"),
    path("assignments/<int:pk>/confirm/", actions.Confirm.as_view(), name="assignment_confirm"),
    path("assignments/<int:pk>/return/", actions.Return.as_view(), name="assignment_return"),
    path("assignments/<int:pk>/delegate/", actions.Delegate.as_view(), name="assignment_delegate"),
    path("periods/", reports.PeriodList.as_view(), name="period_list"),
    path(
        "periods/<int:pk>/agencies/<int:agency_id>/report/",
        reports.AgencyReportDetail.as_view(),
        name="agency_report",
    ),
    path(
        "periods/<int:pk>/agencies/<int:agency_id>/report/submit/",
        reports.AgencyReportSubmit.as_view(),
        name="agency_report_submit",
    ),
    path(
        "periods/<int:pk>/agencies/<int:agency_id>/report/docx/",
        reports.AgencyReportDocx.as_view(),
        name="agency_report_docx",
    ),
    path("periods/<int:pk>/consolidated/", reports.ConsolidatedDetail.as_view(), name="consolidated"),
    path("periods/<int:pk>/consolidated/docx/", reports.ConsolidatedDocx.as_view(), name="consolidated_docx"),
    path("periods/<int:pk>/consolidated/xlsx/", reports.ConsolidatedXlsx.as_view(), name="consolidated_xlsx"),
    re_path(r"^exports/assignments\.(?P<fmt>csv|xlsx)$", exports.WorkListExport.as_view(), name="export_work"),
    re_path(
        r"^exports/directives/(?P<pk>[0-9]+)/assignments\.(?P<fmt>csv|xlsx)$",
        exports.DirectiveAssignmentsExport.as_view(),
        name="export_directive_assignments",
    ),
    re_path(
        r"^exports/extension-requests\.(?P<fmt>csv|xlsx)$",
        exports.ExtensionRequestsExport.as_view(),
        name="export_extensions",
    ),
    re_path(
        r"^exports/periods/(?P<pk>[0-9]+)/tracker\.(?P<fmt>csv|xlsx)$",
        exports.TrackerExport.as_view(),
        name="export_tracker",
    ),
    re_path(
        r"^exports/directives/(?P<pk>[0-9]+)/dashboard\.(?P<fmt>csv|xlsx)$",
        exports.DashboardExport.as_view(),
        name="export_dashboard",
    ),
    path("webhooks/", webhooks.WebhookList.as_view(), name="webhook_list"),
    path("webhooks/<int:pk>/deliveries/", webhooks.DeliveryList.as_view(), name="webhook_deliveries"),
    path("webhook-deliveries/<int:pk>/replay/", webhooks.DeliveryReplay.as_view(), name="webhook_replay"),
    path("tokens/", tokens.TokenList.as_view(), name="token_list"),
    path("tokens/<int:pk>/", tokens.TokenDetail.as_view(), name="token_detail"),
]
