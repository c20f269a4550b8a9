from django.urls import path

from . import views, views_reminders

app_name = "tasks"

urlpatterns = [
    path("directives/<int:pk>/", views.directive_detail, name="directive_detail"),
    path("search/", views.search, name="search"),
    path("assignments/<int:pk>/urge/", views_reminders.assignment_urge_view, name="assignment_urge"),
]
