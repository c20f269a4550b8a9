from django.urls import path

from .views import agency_reports, consolidated, dashboard, pdf, periods

app_name = "reports"

urlpatterns = [
    path("reports/", periods.period_list, name="period_list"),
    path("reports/periods/<int:pk>/", periods.period_detail, name="period_detail"),
    path("reports/periods/<int:pk>/urge/", periods.period_urge, name="period_urge"),
    path("reports/periods/<int:pk>/agencies/<int:agency_id>/", agency_reports.agency_report, name="agency_report"),
    path(
        "reports/periods/<int:pk>/agencies/<int:agency_id>/review/",
        agency_reports.agency_report_review,
        name="agency_report_review",
    ),
    path(
        "reports/periods/<int:pk>/agencies/<int:agency_id>/docx/",
        agency_reports.agency_report_download,
        name="agency_report_docx",
    ),
    path(
        "reports/periods/<int:pk>/agencies/<int:agency_id>/pdf/",
        pdf.agency_report_pdf_download,
        name="agency_report_pdf",
    ),
    path(
        "reports/periods/<int:pk>/agencies/<int:agency_id>/pdf/make/",
        pdf.agency_report_pdf_make,
        name="agency_report_pdf_make",
    ),
    path(
        "reports/periods/<int:pk>/agencies/<int:agency_id>/pdf/status/",
        pdf.agency_report_pdf_status,
        name="agency_report_pdf_status",
    ),
    path("reports/periods/<int:pk>/consolidated/", consolidated.consolidated, name="consolidated"),
    path(
        "reports/periods/<int:pk>/consolidated/compile/",
        consolidated.consolidated_compile,
        name="consolidated_compile",
    ),
    path("reports/periods/<int:pk>/consolidated/issue/", consolidated.consolidated_issue, name="consolidated_issue"),
    path(
        "reports/periods/<int:pk>/consolidated/docx/",
        consolidated.consolidated_download_docx,
        name="consolidated_docx",
    ),
    path(
        "reports/periods/<int:pk>/consolidated/xlsx/",
        consolidated.consolidated_download_xlsx,
        name="consolidated_xlsx",
    ),
    path(
        "reports/periods/<int:pk>/consolidated/pdf/",
        pdf.consolidated_pdf_download,
        name="consolidated_pdf",
    ),
    path(
        "reports/periods/<int:pk>/consolidated/pdf/make/",
        pdf.consolidated_pdf_make,
        name="consolidated_pdf_make",
    ),
    path(
        "reports/periods/<int:pk>/consolidated/pdf/status/",
        pdf.consolidated_pdf_status,
        name="consolidated_pdf_status",
    ),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
