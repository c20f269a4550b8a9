"""URL map of the whole site."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from agencies import views as agencies_views
from agencies.forms import LoginForm
from reports.views import dashboard as report_home

admin.site.site_header = _("Đôn đốc – administration")
admin.site.site_title = _("Đôn đốc")
admin.site.index_title = _("Set-up")

urlpatterns = [
    path("", report_home.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("api.page_urls")),
    path("directives/", include("directives.urls")),
    path("notifications/", include("agencies.urls")),
    path("agencies/<int:pk>/documents/", agencies_views.agency_documents, name="agency_documents"),
    path("", include("tasks.urls")),
    path("", include("reports.urls")),
]
