"""Who signs an agency's report: chosen on submission from the agency's signers, frozen with the version, printed in
its .docx (and so in its PDF) under the authority chosen; never a user's display name."""

import io
import zipfile

import pytest
from django.urls import reverse
from lxml import etree

from agencies.models import Agency, Signer
from reports.errors import Errors
from reports.models import AgencyReport
from tests.reports.conftest import narrative

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def deputy(world) -> Signer:
    return Signer.objects.create(agency=world.agency, name="Trần Văn D", title="Phó Giám đốc", sort_order=20)


def page(world) -> str:
    return reverse("reports:agency_report", args=[world.period.pk, world.agency.pk])


def submit(client, world, **fields):
    client.force_login(world.manager)
    return client.post(page(world), {"version": 0, **narrative(), "submit": "1", **fields})


def signature_lines(docx: bytes) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    right = root.findall(f".//{W}body/{W}tbl")[-1].findall(f"{W}tr/{W}tc")[1]
    lines = ["".join(t.text for t in p.iter(f"{W}t")) for p in right.findall(f"{W}p")]
    return [line for line in lines if line]


def downloaded(client, world) -> bytes:
    return client.get(reverse("reports:agency_report_docx", args=[world.period.pk, world.agency.pk])).content


def test_the_manager_chooses_a_kt_signer_and_the_version_keeps_it(client, world, deputy):
    response = submit(client, world, signer=deputy.pk, authority="KT.", head_title="Giám đốc")
    assert response.status_code == 302
    version = AgencyReport.objects.get(agency=world.agency).versions.get()
    assert version.content["signer"] == {
        "name": "Trần Văn D",
        "title": "GIÁM ĐỐC",
        "authority": "KT.",
        "own_title": "PHÓ GIÁM ĐỐC",
    }
    assert signature_lines(downloaded(client, world)) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn D"]
    # The signer leaving later does not rewrite what was sent.
    Signer.objects.filter(pk=deputy.pk).update(is_active=False, name="Người khác")
    assert signature_lines(downloaded(client, world))[-1] == "Trần Văn D"


def test_the_page_offers_the_agencys_signers_with_the_head_chosen(client, world, deputy):
    client.force_login(world.manager)
    body = client.get(page(world)).content.decode()
    assert "Người ký báo cáo" in body
    assert f'<option value="{deputy.pk}">' in body
    head = Signer.objects.get(agency=world.agency, is_head=True)
    assert f'<option value="{head.pk}" selected>' in body
    # Staff draft; they do not choose who signs.
    client.force_login(world.staff)
    assert "Người ký báo cáo" not in client.get(page(world)).content.decode()


def test_left_out_the_head_signs(client, world):
    assert submit(client, world).status_code == 302
    assert signature_lines(downloaded(client, world)) == ["GIÁM ĐỐC", "Nguyễn Thị C"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"authority": "KT.", "head_title": ""}, Errors.HEAD_TITLE_REQUIRED),
        ({"authority": "KT.", "head_title": "Giám đốc " * 12}, "không vừa một dòng"),
        ({"authority": "XX.", "head_title": "Giám đốc"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_a_bad_signature_is_refused_keeps_the_text_and_submits_nothing(client, world, deputy, fields, message):
    response = submit(client, world, signer=deputy.pk, **fields)
    assert response.status_code == 400
    body = response.content.decode()
    assert str(message) in body
    assert narrative()["results"] in body
    assert not AgencyReport.objects.filter(agency=world.agency, status=AgencyReport.Status.SUBMITTED).exists()


def test_a_signer_of_another_agency_is_refused(client, world):
    stranger = Signer.objects.get(agency=world.coordinator_agency, is_head=True)
    response = submit(client, world, signer=stranger.pk)
    assert response.status_code == 400
    assert not AgencyReport.objects.filter(agency=world.agency, status=AgencyReport.Status.SUBMITTED).exists()


def test_an_agency_without_signers_sends_a_report_its_head_signs_by_hand(client, world):
    Signer.objects.filter(agency=world.agency).delete()
    client.force_login(world.manager)
    assert "chưa có người ký" in client.get(page(world)).content.decode()
    assert submit(client, world).status_code == 302
    lines = signature_lines(downloaded(client, world))
    assert lines == ["THỦ TRƯỞNG ĐƠN VỊ"]
    assert world.manager.full_name not in lines
    assert Agency.objects.get(pk=world.agency.pk).signers.count() == 0
