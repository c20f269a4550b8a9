"""The access matrix: every page and action of the workspace for every role, with the expected answer.

"ok" is the success answer (200 for a page, a redirect back for an action), "login" a redirect to the sign-in
page; 403 means the user may see the assignment but not do this; 404 means they may not even know it exists.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from tasks.models import Assignment, ExtensionRequest
from tasks.timeliness import Status

from .conftest import TODAY
from .helpers import confirmed

ROLES = [
    "anonymous",
    "staff",
    "manager",
    "other_staff",
    "coordinator",
    "other_coordinator",
    "leader",
    "admin",
    "cooperating_staff",
]


def row(*answers):
    assert len(answers) == len(ROLES)
    return dict(zip(ROLES, answers, strict=True))


PAGES = {
    # page: anonymous, staff, manager, other staff, coordinator, other coordinator, leader, admin, cooperating staff
    "work": row("login", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"),
    "directive_assignments": row("login", 403, 403, 403, "ok", 403, "ok", "ok", 403),
    "assignment_detail": row("login", "ok", "ok", 404, "ok", 404, "ok", "ok", "ok"),
    "extension_list": row("login", 403, 403, 403, 403, 403, "ok", "ok", 403),
    "evidence_download": row("login", "ok", "ok", 404, "ok", 404, "ok", "ok", "ok"),
}

ACTIONS = {
    "update": row("login", "ok", "ok", 404, 403, 404, 403, 403, 403),
    "done": row("login", "ok", "ok", 404, 403, 404, 403, 403, 403),
    "confirm": row("login", 403, 403, 404, "ok", 404, 403, 403, 403),
    "return": row("login", 403, 403, 404, "ok", 404, 403, 403, 403),
    "extension": row("login", "ok", "ok", 404, 403, 404, 403, 403, 403),
    "pause": row("login", 403, 403, 404, 403, 404, "ok", "ok", 403),
    "resume": row("login", 403, 403, 404, 403, 404, "ok", "ok", 403),
    "cancel": row("login", 403, 403, 404, 403, 404, "ok", "ok", 403),
    "decide": row("login", 403, 403, 404, 403, 404, "ok", "ok", 403),
}

# The state each action starts from, and what it posts.
START = {
    "update": Status.IN_PROGRESS,
    "done": Status.IN_PROGRESS,
    "confirm": Status.AWAITING_CONFIRMATION,
    "return": Status.AWAITING_CONFIRMATION,
    "extension": Status.IN_PROGRESS,
    "pause": Status.IN_PROGRESS,
    "resume": Status.PAUSED,
    "cancel": Status.IN_PROGRESS,
    "decide": Status.IN_PROGRESS,
}


def payload(action: str, assignment: Assignment, extension_request=None) -> dict:
    version = assignment.version
    if action == "decide":
        prefix = f"decide-{extension_request.pk}"
        return confirmed({f"{prefix}-version": version, f"{prefix}-decision": "approve", f"{prefix}-note": ""}, prefix)
    data = {f"{action}-version": version}
    extra = {
        "update": {"percent": "50", "results": "Đã triển khai"},
        "return": {"comment": "Bổ sung minh chứng"},
        "extension": {
            "new_deadline": f"{assignment.deadline + timedelta(days=10):%d/%m/%Y}",
            "reason": "Cần thêm thời gian",
        },
        "pause": {"reason": "Chờ hướng dẫn"},
        "cancel": {"reason": "Lồng ghép vào nhiệm vụ khác"},
    }.get(action, {})
    data.update({f"{action}-{key}": value for key, value in extra.items()})
    return confirmed(data, action)


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])


def check(response, expected, *, success_prefix: str | None = None):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif expected == "ok":
        if success_prefix is None:
            assert response.status_code == 200
        else:
            assert response.status_code == 302, response.content.decode()[:2000]
            assert response["Location"].startswith(success_prefix)
    else:
        assert response.status_code == expected


def page_url(name, world, evidence):
    return {
        "work": reverse("tasks:work"),
        "directive_assignments": reverse("tasks:directive_assignments", args=[world.directive.pk]),
        "assignment_detail": reverse("tasks:assignment_detail", args=[world.assignment.pk]),
        "extension_list": reverse("tasks:extension_list"),
        "evidence_download": reverse("tasks:evidence_download", args=[evidence.pk]),
    }[name]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_page_access(client, world, evidence, page, role):
    login(client, world, role)
    response = client.get(page_url(page, world, evidence))
    check(response, PAGES[page][role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_action_access(client, world, action, role, on_today):
    assignment = world.assignment
    Assignment.objects.filter(pk=assignment.pk).update(
        status=START[action], completed_on=TODAY if START[action] == Status.AWAITING_CONFIRMATION else None
    )
    assignment.refresh_from_db()
    extension_request = None
    if action == "decide":
        extension_request = ExtensionRequest.objects.create(
            assignment=assignment,
            requested_by=world.users["staff"],
            current_deadline=assignment.deadline,
            new_deadline=assignment.deadline + timedelta(days=15),
            reason="Cần thêm thời gian",
        )
        url = reverse("tasks:extension_decide", args=[extension_request.pk])
        success = reverse("tasks:extension_list")
    else:
        url = reverse(f"tasks:assignment_{action}", args=[assignment.pk])
        success = assignment.get_absolute_url()
    login(client, world, role)
    before = assignment.version
    response = client.post(url, payload(action, assignment, extension_request))
    expected = ACTIONS[action][role]
    check(response, expected, success_prefix=success)
    assignment.refresh_from_db()
    if expected == "ok":
        changed = assignment.version != before or assignment.extension_requests.exists()
        assert changed
    else:
        assert assignment.version == before
        assert assignment.status == START[action]
        assert not assignment.updates.exists()


@pytest.mark.parametrize("action", [action for action in ACTIONS if action != "decide"])
def test_actions_refuse_get(client, world, action):
    client.force_login(world.users["staff"])
    response = client.get(reverse(f"tasks:assignment_{action}", args=[world.assignment.pk]))
    assert response.status_code == 405


def test_decide_refuses_get(client, world):
    client.force_login(world.users["leader"])
    request = ExtensionRequest.objects.create(
        assignment=world.assignment,
        requested_by=world.users["staff"],
        new_deadline=world.assignment.deadline + timedelta(days=5),
        reason="Cần thêm thời gian",
    )
    assert client.get(reverse("tasks:extension_decide", args=[request.pk])).status_code == 405


def test_guessing_another_agencys_assignment_or_file_gets_404(client, world, evidence):
    client.force_login(world.users["other_staff"])
    assert client.get(world.assignment.get_absolute_url()).status_code == 404
    assert client.get(reverse("tasks:evidence_download", args=[evidence.pk])).status_code == 404
    missing = Assignment.objects.order_by("-pk").first().pk + 1000
    assert client.get(reverse("tasks:assignment_detail", args=[missing])).status_code == 404
    assert client.get(reverse("tasks:evidence_download", args=[evidence.pk + 1000])).status_code == 404
    # The same answer for what exists and what does not: nothing to learn by guessing.
    response = client.post(
        reverse("tasks:assignment_update", args=[world.assignment.pk]),
        {"update-version": 1, "update-percent": 5, "update-results": "x"},
    )
    assert response.status_code == 404


def test_work_list_shows_only_the_agencys_assignments(client, world):
    client.force_login(world.users["other_staff"])
    response = client.get(reverse("tasks:work"))
    listed = {assignment.pk for assignment in response.context["page_obj"].object_list}
    assert listed == {world.other_assignment.pk}
    client.force_login(world.users["staff"])
    listed = {a.pk for a in client.get(reverse("tasks:work")).context["page_obj"].object_list}
    assert listed == {world.assignment.pk}


def test_leaders_and_admins_see_every_agencys_work(client, world):
    for role in ("leader", "admin"):
        client.force_login(world.users[role])
        response = client.get(reverse("tasks:work"))
        assert response.context["page_obj"].paginator.count == Assignment.objects.count()


def test_inactive_user_sees_nothing(client, world):
    user = world.users["staff"]
    user.is_active = False
    user.save()
    client.force_login(user)
    assert client.get(world.assignment.get_absolute_url()).status_code in (302, 404)


def test_cooperating_agency_reads_but_cannot_report(client, world):
    client.force_login(world.users["cooperating_staff"])
    response = client.get(world.assignment.get_absolute_url())
    assert response.status_code == 200
    assert "update" not in response.context["forms"]
    # Its own assignment on the same task is its to report on.
    response = client.get(world.sibling.get_absolute_url())
    assert "update" in response.context["forms"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("staff", "/work/"),
        ("manager", "/work/"),
        ("cooperating_staff", "/work/"),
        # The home view (the inbox) lives in the reports app (tests/reports/test_inbox.py); it links on to the
        # dashboard for these. The session's dashboard flag is set at sign-in.
        ("coordinator", "/dashboard/"),
        ("leader", "/dashboard/"),
        ("admin", "/dashboard/"),
    ],
)
def test_home_links_each_role_to_its_page(client, world, role, expected):
    client.force_login(world.users[role])
    response = client.get("/")
    assert response.status_code == 200
    assert f'href="{expected}"' in response.content.decode()


def test_home_sends_anonymous_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_need_to_know_between_agencies_on_one_task(client, world, evidence):
    """Partners on a task (lead and cooperating) read each other; agencies side by side see state and percent only."""
    from tasks.models import Evidence, ProgressUpdate
    from tests.factories import AgencyFactory, AssignmentFactory, UserFactory

    side = AssignmentFactory(task=world.assignment.task, agency=AgencyFactory(), role=Assignment.Role.LEAD)
    side_staff = UserFactory(agency=side.agency)
    update = ProgressUpdate.objects.create(assignment=side, author=side_staff, percent=35, results="Nội dung nội bộ")
    side_file = Evidence.objects.create(
        update=update, file=evidence.file.name, original_name="bi-mat.pdf", content_type="application/pdf", size=10
    )
    Assignment.objects.filter(pk=side.pk).update(percent=35, status=Status.IN_PROGRESS)

    # Side by side (both lead): no page, no evidence, and on the own page only the other's state and percent.
    client.force_login(world.users["staff"])
    assert client.get(side.get_absolute_url()).status_code == 404
    assert client.get(reverse("tasks:evidence_download", args=[side_file.pk])).status_code == 404
    own = client.get(world.assignment.get_absolute_url()).content.decode()
    assert side.agency.display_name in own
    assert "35%" in own
    assert "Nội dung nội bộ" not in own
    assert "bi-mat.pdf" not in own
    assert f'href="{side.get_absolute_url()}"' not in own

    # Partners: the cooperating agency reads both leads' work, and a lead reads the cooperating agency's.
    client.force_login(world.users["cooperating_staff"])
    assert client.get(side.get_absolute_url()).status_code == 200
    assert client.get(reverse("tasks:evidence_download", args=[side_file.pk])).status_code == 200
    assert "Nội dung nội bộ" in client.get(world.sibling.get_absolute_url()).content.decode()
    client.force_login(side_staff)
    assert client.get(world.sibling.get_absolute_url()).status_code == 200
    # The coordinator reads everyone's.
    client.force_login(world.users["coordinator"])
    assert "Nội dung nội bộ" in client.get(world.assignment.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "role, expected",
    [
        ("staff", "agency"),
        ("manager", "agency"),
        ("coordinator", "coordinator_agency"),
        ("leader", "everything"),
        ("admin", "everything"),
        ("inactive_admin", "nothing"),
    ],
)
def test_the_work_scope_each_role_has(world, role, expected):
    """tasks.permissions.user_work_scope: what the work page, its API list and the calendar feed list."""
    from agencies.models import User
    from tasks.permissions import user_work_scope
    from tests.factories import UserFactory

    if role == "inactive_admin":  # only an admin may have no agency (a check constraint); inactive, no list
        user = UserFactory(agency=None, role=User.Role.ADMIN, is_active=False)
    else:
        user = world.users[role]
    scopes = {
        "agency": (world.agency.pk, False),
        "coordinator_agency": (world.users["coordinator"].agency_id, False),
        "everything": (None, True),
        "nothing": (None, False),
    }
    assert user_work_scope(user) == scopes[expected]
