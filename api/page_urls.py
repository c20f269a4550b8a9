"""Pages of the exchange outside /api/v1/: the user's connections and the calendar feed at its secret address."""

from django.urls import path

from .views import pages

app_name = "api_pages"

urlpatterns = [
    path("connections/", pages.connections, name="connections"),
    path("calendar/<str:secret>.ics", pages.calendar_feed, name="calendar_feed"),
]
