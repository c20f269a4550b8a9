"""The extension decisions page through HTTP: pending requests, decisions, and its fixed query count."""

from datetime import timedelta

import pytest
from django.urls import reverse

from agencies.models import User
from tasks import workflow as services
from tasks.models import Assignment, ExtensionRequest
from tests.factories import AgencyFactory, UserFactory

from .conftest import TODAY
from .helpers import confirmed
from .test_work_lists import count_queries


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page here is read on TODAY."""


# --- Extension decisions ---


def test_extension_page_lists_pending_requests_and_decides(client, world):
    request = services.extension_request_create(
        assignment=world.assignment,
        user=world.users["staff"],
        expected_version=1,
        new_deadline=world.assignment.deadline + timedelta(days=7),
        reason="Chờ ý kiến các huyện",
    )
    client.force_login(world.users["leader"])
    response = client.get(reverse("tasks:extension_list"))
    assert "Chờ ý kiến các huyện" in response.content.decode()
    prefix = f"decide-{request.pk}"
    refused = client.post(
        reverse("tasks:extension_decide", args=[request.pk]),
        {f"{prefix}-version": 1, f"{prefix}-decision": "refuse", f"{prefix}-note": ""},
    )
    assert refused.status_code == 200
    assert "Vui lòng nêu lý do." in refused.content.decode()
    approved = client.post(
        reverse("tasks:extension_decide", args=[request.pk]),
        confirmed({f"{prefix}-version": 1, f"{prefix}-decision": "approve", f"{prefix}-note": "Đồng ý"}, prefix),
    )
    assert approved.status_code == 302
    assert world.refresh().deadline == request.new_deadline
    page = client.get(reverse("tasks:extension_list")).content.decode()
    assert "Không có đề nghị nào đang chờ" in page
    assert "Đã quyết định gần đây" in page


def test_extension_page_query_count_is_fixed(client, world, django_assert_num_queries):
    client.force_login(world.users["leader"])

    def add(count):
        for _ in range(count):
            agency = AgencyFactory()
            assignment = Assignment.objects.create(
                task=world.assignment.task, agency=agency, deadline=TODAY + timedelta(days=3)
            )
            ExtensionRequest.objects.create(
                assignment=assignment,
                requested_by=UserFactory(agency=agency, role=User.Role.STAFF),
                current_deadline=assignment.deadline,
                new_deadline=assignment.deadline + timedelta(days=9),
                reason="Lý do",
            )

    add(1)
    small = count_queries(client, reverse("tasks:extension_list"))
    add(30)
    assert count_queries(client, reverse("tasks:extension_list")) == small
    # session, user, agency (menu), unread notifications (menu), the inbox's counts and periods (menu), pending count,
    # pending page, recently decided
    with django_assert_num_queries(9):
        client.get(reverse("tasks:extension_list"))
