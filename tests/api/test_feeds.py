"""The calendar feed: valid iCalendar with one event per open deadline, stable UIDs, at a secret address the user
rotates; and the connections page where tokens and the address are made, shown once, and revoked."""

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from api.feeds import calendar_feed_rotate
from api.models import ApiToken, CalendarFeed
from api.tokens import token_digest
from tasks.models import Assignment
from tasks.timeliness import Status
from tests.tasks.helpers import add_assignments


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every feed here is read on TODAY."""


def feed(client, secret, **params) -> icalendar.Calendar:
    response = client.get(reverse("api_pages:calendar_feed", args=[secret]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(cal) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in cal.walk("VEVENT")}


def test_the_feed_has_one_event_per_open_deadline_of_the_agency(client, world):
    add_assignments(world.agency, world.directive, 12)  # open and done, some standing (no deadline)
    secret = calendar_feed_rotate(user=world.users["staff"])
    cal = feed(client, secret)
    open_ = Assignment.objects.filter(
        agency=world.agency, deadline__isnull=False, status__in=[Status.NOT_STARTED, Status.IN_PROGRESS]
    )
    assignment_events = {uid: e for uid, e in events(cal).items() if uid.startswith("assignment-")}
    assert set(assignment_events) == {f"assignment-{pk}@dondoc" for pk in open_.values_list("pk", flat=True)}
    event = assignment_events[f"assignment-{world.assignment.pk}@dondoc"]
    assert event.decoded("dtstart") == world.assignment.deadline
    assert event.decoded("dtend") == world.assignment.deadline + timedelta(days=1)
    assert str(event["url"]).endswith(world.assignment.get_absolute_url())
    assert cal["x-wr-timezone"] == "Asia/Ho_Chi_Minh"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert world.other_assignment.pk not in {int(uid.split("-")[1].split("@")[0]) for uid in assignment_events}


def test_a_changed_deadline_keeps_its_uid_and_raises_its_sequence(client, world, api_as):
    secret = calendar_feed_rotate(user=world.users["staff"])
    uid = f"assignment-{world.assignment.pk}@dondoc"
    before = events(feed(client, secret))[uid]
    api_as("staff").post(
        f"/api/v1/assignments/{world.assignment.pk}/updates/", {"percent": 10, "results": "x"}, format="json"
    )
    after = events(feed(client, secret))[uid]
    assert after["sequence"] > before["sequence"]


def test_rotating_makes_the_old_address_stop_working_and_only_the_hash_is_kept(client, world):
    old = calendar_feed_rotate(user=world.users["staff"])
    new = calendar_feed_rotate(user=world.users["staff"])
    assert client.get(reverse("api_pages:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("api_pages:calendar_feed", args=["bịa"])).status_code == 404
    assert CalendarFeed.objects.get().digest == token_digest(new)
    feed(client, new)


def test_a_directive_feed_is_for_its_coordinator_leaders_and_admins(client, world):
    for role, status in [("coordinator", 200), ("leader", 200), ("staff", 403), ("other_coordinator", 403)]:
        secret = calendar_feed_rotate(user=world.users[role])
        url = reverse("api_pages:calendar_feed", args=[secret])
        response = client.get(url, {"directive": world.directive.pk})
        assert response.status_code == status, role
    secret = calendar_feed_rotate(user=world.users["coordinator"])
    uids = set(events(feed(client, secret, directive=world.directive.pk)))
    assert f"assignment-{world.assignment.pk}@dondoc" in uids
    assert f"assignment-{world.other_assignment.pk}@dondoc" not in uids


def test_the_connections_page_makes_shows_once_and_revokes_a_token(client, world):
    client.force_login(world.users["staff"])
    url = reverse("api_pages:connections")
    assert client.get(url).status_code == 200
    made = client.post(url, {"action": "token", "name": "Một cửa", "days": 30})
    raw = made.context["new_token"]
    assert raw in made.content.decode()
    assert ApiToken.objects.get().digest == token_digest(raw)
    assert raw not in client.get(url).content.decode()
    refused = client.post(url, {"action": "token", "name": "", "days": 0})
    assert refused.status_code == 400
    token = ApiToken.objects.get()
    client.post(url, {"action": "revoke", "token": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None
    shown = client.post(url, {"action": "calendar"})
    assert "/calendar/" in shown.context["feed_url"]
    assert client.post(url, {"action": "nope"}).status_code == 400
