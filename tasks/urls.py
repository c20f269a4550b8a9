from django.urls import path

from . import views, views_reminders

app_name = "tasks"

urlpatterns = [
    path("directives/import/", views.directive_import, name="directive_import"),
    path("directives/<int:pk>/", views.directive_detail, name="directive_detail"),
    path("directives/<int:pk>/assignments/", views.directive_assignments, name="directive_assignments"),
    path("search/", views.search, name="search"),
    path("work/", views.work_list, name="work"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("extensions/", views.extension_list, name="extension_list"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("assignments/<int:pk>/urge/", views_reminders.assignment_urge_view, name="assignment_urge"),
]
# One URL per form of the assignment page, so each action has its own entry in the access matrix.
urlpatterns += [
    path(f"assignments/<int:pk>/{action}/", views.assignment_action, {"action": action}, name=f"assignment_{action}")
    for action in views.ACTIONS
]
