from django.urls import path

from .importing import scan as importing_scan
from .importing import views as importing
from .reorganising import views as reorganising
from .views import assignment, directives, evidence, extensions, urge, work

app_name = "tasks"

urlpatterns = [
    path("directives/import/", importing.directive_import, name="directive_import"),
    path("directives/import/scan/<int:pk>/", importing_scan.directive_import_scan, name="directive_import_scan"),
    path(
        "directives/import/scan/<int:pk>/status/",
        importing_scan.directive_import_scan_status,
        name="directive_import_scan_status",
    ),
    path("directives/<int:pk>/", directives.directive_detail, name="directive_detail"),
    path("directives/<int:pk>/assignments/", work.directive_assignments, name="directive_assignments"),
    path("search/", directives.search, name="search"),
    path("agencies/reorganise/", reorganising.agency_reorganise, name="agency_reorganise"),
    path("agencies/reorganise/file/", reorganising.agency_reorganise_file, name="agency_reorganise_file"),
    path("work/", work.work_list, name="work"),
    path("assignments/<int:pk>/", assignment.assignment_detail, name="assignment_detail"),
    path("extensions/", extensions.extension_list, name="extension_list"),
    path("extensions/<int:pk>/decide/", extensions.extension_decide, name="extension_decide"),
    path("evidence/<int:pk>/", evidence.evidence_download, name="evidence_download"),
    path("assignments/<int:pk>/urge/", urge.assignment_urge_view, name="assignment_urge"),
]
# One URL per form of the assignment page, so each action has its own entry in the access matrix.
urlpatterns += [
    path(
        f"assignments/<int:pk>/{action.value}/",
        assignment.assignment_action,
        {"action": action.value},
        name=f"assignment_{action.value}",
    )
    for action in assignment.ACTIONS
]
