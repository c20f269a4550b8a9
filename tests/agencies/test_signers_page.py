"""The page where an agency's manager keeps its signers and the parent body above its name on documents."""

import pytest
from django.urls import reverse

from agencies.models import Agency, Signer, User
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def command(db):
    return AgencyFactory(name="Bộ Chỉ huy quân sự tỉnh", code="bchqs", parent_body="UBND TỈNH HÒA BÌNH")


def form_data(**overrides):
    data = {
        "parent_body": "Quân khu 3",
        "signers-TOTAL_FORMS": "2",
        "signers-INITIAL_FORMS": "0",
        "signers-MIN_NUM_FORMS": "0",
        "signers-MAX_NUM_FORMS": "1000",
        "signers-0-name": "Đại tá Nguyễn Văn A",
        "signers-0-title": "Chỉ huy trưởng",
        "signers-0-is_head": "on",
        "signers-0-sort_order": "10",
        "signers-0-is_active": "on",
        "signers-1-name": "Thượng tá Trần Văn B",
        "signers-1-title": "Phó Chỉ huy trưởng",
        "signers-1-sort_order": "20",
        "signers-1-is_active": "on",
    }
    data.update(overrides)
    return data


def test_the_manager_keeps_the_signers_and_the_parent_body(client, command):
    client.force_login(UserFactory(username="m", agency=command, role=User.Role.MANAGER))
    url = reverse("agency_documents", args=[command.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data())
    assert response.status_code == 302
    command.refresh_from_db()
    # A military unit may put its military superior above its name.
    assert command.parent_body == "QUÂN KHU 3"
    assert list(Signer.objects.filter(agency=command).values_list("name", "title", "is_head")) == [
        ("Đại tá Nguyễn Văn A", "Chỉ huy trưởng", True),
        ("Thượng tá Trần Văn B", "Phó Chỉ huy trưởng", False),
    ]


def test_a_signer_without_a_name_is_refused_and_nothing_is_saved(client, command):
    client.force_login(UserFactory(username="m", agency=command, role=User.Role.MANAGER))
    response = client.post(reverse("agency_documents", args=[command.pk]), form_data(**{"signers-0-name": "   "}))
    assert response.status_code == 400
    assert "Nhập họ tên người ký." in response.content.decode()
    assert not Signer.objects.exists()
    assert Agency.objects.get(pk=command.pk).parent_body == "UBND TỈNH HÒA BÌNH"


@pytest.mark.parametrize("role", [User.Role.STAFF, User.Role.MANAGER])
def test_staff_and_other_agencies_managers_may_not(client, command, role):
    other = AgencyFactory(name="Sở Nội vụ", code="snv")
    agency = command if role == User.Role.STAFF else other
    client.force_login(UserFactory(username="u", agency=agency, role=role))
    assert client.get(reverse("agency_documents", args=[command.pk])).status_code == 403
    assert client.post(reverse("agency_documents", args=[command.pk]), form_data()).status_code == 403
