"""One rule for "may see the dashboard": the menu link, the home page's redirect and the page itself agree."""

import pytest
from django.urls import reverse

from directives.models import Directive
from reports.permissions import user_can_view_dashboard

DASHBOARD = "/dashboard/"
ROLES = [
    "agency_staff",
    "agency_manager",
    "other_agency_staff",
    "coordinator",
    "other_coordinator",
    "leader",
    "admin",
    "coordinator_of_untracked",
]


def user_for(world, role):
    if role == "coordinator_of_untracked":
        # Bộ CHQS tỉnh coordinates only Kết luận 249 here; once it is no longer tracked it has no dashboard.
        Directive.objects.filter(coordinating_agency=world.coordinator_agency).update(is_tracked=False)
        return world.coordinator
    return world.users()[role]


@pytest.mark.parametrize("role", ROLES)
def test_menu_links_the_dashboard_exactly_when_it_opens(client, world, role):
    user = user_for(world, role)
    # Signing in stores the answer the menu shows (reports.signals).
    client.force_login(user)
    menu = client.get(reverse("reports:period_list")).content.decode()
    linked = f'href="{DASHBOARD}"' in menu
    status = client.get(DASHBOARD).status_code
    assert status in (200, 403)
    assert linked is (status == 200), (role, status)
    assert user_can_view_dashboard(user) is linked
    # Home (the inbox) links on to the dashboard exactly for those who may open it.
    assert (f'href="{DASHBOARD}"' in client.get(reverse("home")).content.decode()) is linked


def test_coordinator_of_an_untracked_directive_signs_in_to_no_dashboard_link(client, world):
    user = user_for(world, "coordinator_of_untracked")
    response = client.post(reverse("login"), {"username": user.username, "password": "dondoc-test"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert f'href="{DASHBOARD}"' not in response.content.decode()
    assert client.get(DASHBOARD).status_code == 403
