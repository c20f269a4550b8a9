"""The home page sends each user where their work is: the dashboard or the agency's work list."""

import pytest
from django.urls import reverse

from directives.models import Directive

DASHBOARD = "/dashboard/"
WORK = "/work/"


@pytest.mark.parametrize(
    ("username", "target"),
    [
        ("admin", DASHBOARD),
        ("lanhdao", DASHBOARD),
        ("bchqs", DASHBOARD),
        ("quanly.snv", WORK),
        ("chuyenvien.snv", WORK),
        ("chuyenvien.cat", WORK),
    ],
)
def test_each_demo_user_lands_where_their_work_is(client, demo_user, username, target):
    client.force_login(demo_user(username))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == target
    # And the page they land on opens.
    assert client.get(target).status_code == 200


def test_signing_in_goes_home_then_to_the_dashboard(client, seeded):
    response = client.post(reverse("login"), {"username": "bchqs", "password": "dondoc-demo"}, follow=True)
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("leader", DASHBOARD),
        ("admin", DASHBOARD),
        ("coordinator", DASHBOARD),
        ("other_coordinator", DASHBOARD),
        ("agency_manager", WORK),
        ("agency_staff", WORK),
        ("other_agency_staff", WORK),
    ],
)
def test_each_role_of_the_reports_world(client, world, who, target):
    client.force_login(world.users()[who])
    assert client.get(reverse("home"))["Location"] == target


def test_coordinating_only_untracked_directives_lands_on_the_work_list(client, world):
    Directive.objects.filter(coordinating_agency=world.coordinator_agency).update(is_tracked=False)
    client.force_login(world.coordinator)
    assert client.get(reverse("home"))["Location"] == WORK


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_costs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.staff)
    # session, user, whether the agency coordinates a tracked directive
    with django_assert_num_queries(3):
        client.get(reverse("home"))
    client.force_login(world.leader)
    with django_assert_num_queries(2):
        client.get(reverse("home"))
