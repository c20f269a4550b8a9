from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("directives/import/", views.directive_import, name="directive_import"),
    path("directives/<int:pk>/", views.directive_detail, name="directive_detail"),
    path("search/", views.search, name="search"),
]
