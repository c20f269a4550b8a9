from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.period_list, name="period_list"),
    path("reports/periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("reports/periods/<int:pk>/urge/", views.period_urge, name="period_urge"),
    path("reports/periods/<int:pk>/agencies/<int:agency_id>/", views.agency_report, name="agency_report"),
    path(
        "reports/periods/<int:pk>/agencies/<int:agency_id>/review/",
        views.agency_report_review,
        name="agency_report_review",
    ),
    path(
        "reports/periods/<int:pk>/agencies/<int:agency_id>/docx/",
        views.agency_report_download,
        name="agency_report_docx",
    ),
    path("reports/periods/<int:pk>/consolidated/", views.consolidated, name="consolidated"),
    path("reports/periods/<int:pk>/consolidated/compile/", views.consolidated_compile, name="consolidated_compile"),
    path("reports/periods/<int:pk>/consolidated/issue/", views.consolidated_issue, name="consolidated_issue"),
    path("reports/periods/<int:pk>/consolidated/docx/", views.consolidated_download_docx, name="consolidated_docx"),
    path("reports/periods/<int:pk>/consolidated/xlsx/", views.consolidated_download_xlsx, name="consolidated_xlsx"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
