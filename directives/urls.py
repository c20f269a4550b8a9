from django.urls import path

from . import views

app_name = "directives"

urlpatterns = [
    path("", views.directive_list, name="list"),
]
