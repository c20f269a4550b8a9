"""The consolidated report a records clerk files as it is: issued with a signer chosen from the agency's signers,
a table by agency that equals the annex's summary sheet, whole sentences whatever the data, and its PDF."""

import io
import shutil
import zipfile
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import etree

from agencies.models import Signer
from reports.errors import Errors
from reports.models import ConsolidatedReport, PdfStatus
from reports.report_text import NO_RATE, statistics_sentences
from reports.services.agency_reports import agency_report_accept, agency_report_submit
from reports.services.consolidated import consolidated_compile, consolidated_issue
from tests.conftest import skip_or_fail
from tests.reports.conftest import local, narrative, save_at

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def draft(world, after_cutoff):
    save_at(
        world.assignments["home_due_march"],
        local(date(2026, 3, 20)),
        status="done",
        percent=100,
        completed_on=date(2026, 3, 20),
    )
    home = agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    agency_report_accept(report=home, user=world.coordinator, expected_version=None)
    return consolidated_compile(period=world.period, user=world.coordinator, today=after_cutoff)


def deputy(world) -> Signer:
    return world.coordinator_agency.signers.get(is_head=False)


def issue_post(client, world, report, **fields):
    client.force_login(world.coordinator)
    data = {"version": report.version, "issued_on": "18/06/2026", "number": ""} | fields
    return client.post(reverse("reports:consolidated_issue", args=[world.period.pk]), data)


def test_issue_with_a_kt_signer(client, world, draft):
    response = issue_post(client, world, draft, signer=deputy(world).pk, authority="KT.", head_title="Chỉ huy trưởng")
    assert response.status_code == 302
    report = ConsolidatedReport.objects.get(pk=draft.pk)
    assert report.status == ConsolidatedReport.Status.ISSUED
    assert (report.signer_authority, report.signer_title, report.signer_own_title, report.signer_name) == (
        "KT.",
        "CHỈ HUY TRƯỞNG",
        "PHÓ CHỈ HUY TRƯỞNG",
        "Thượng tá Trần Văn B",
    )
    docx = client.get(reverse("reports:consolidated_docx", args=[world.period.pk])).content
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    right = root.findall(f".//{W}body/{W}tbl")[-1].findall(f"{W}tr/{W}tc")[1]
    lines = ["".join(t.text for t in p.iter(f"{W}t")) for p in right.findall(f"{W}p")]
    assert [line for line in lines if line] == ["KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG", "Thượng tá Trần Văn B"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"authority": "KT.", "head_title": ""}, Errors.HEAD_TITLE_REQUIRED),
        ({"authority": "", "head_title": ""}, None),
    ],
)
def test_issue_form_refuses_what_a_clerk_would(client, world, draft, fields, message):
    response = issue_post(client, world, draft, signer=deputy(world).pk, **fields)
    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert ConsolidatedReport.objects.get(pk=draft.pk).status == ConsolidatedReport.Status.DRAFT
    assert "CHỈ HUY TRƯỞNG" in response.content.decode()


def test_a_signer_without_a_name_or_of_another_agency_is_refused(client, world, draft):
    response = issue_post(client, world, draft, authority="")
    assert response.status_code == 400
    assert "Chọn người ký" in response.content.decode()
    stranger = Signer.objects.get(agency=world.agency)
    with pytest.raises(ValidationError) as error:
        consolidated_issue(
            report=draft, user=world.coordinator, expected_version=None, issued_on=date(2026, 6, 18), signer=stranger
        )
    assert "signer" in error.value.message_dict
    assert ConsolidatedReport.objects.get(pk=draft.pk).status == ConsolidatedReport.Status.DRAFT


def test_a_title_wider_than_the_signature_block_is_refused(world, draft):
    head = world.coordinator_agency.signers.get(is_head=True)
    head.title = "Chỉ huy trưởng kiêm Chính ủy Bộ Chỉ huy quân sự tỉnh Hòa Bình"
    head.save()
    with pytest.raises(ValidationError) as error:
        consolidated_issue(
            report=draft, user=world.coordinator, expected_version=None, issued_on=date(2026, 6, 18), signer=head
        )
    assert "không vừa một dòng" in " ".join(error.value.messages) or "does not fit" in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert draft.status == ConsolidatedReport.Status.DRAFT
    assert draft.number is None


def body_tables(data: bytes):
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    tables = root.findall(f".//{W}body/{W}tbl")
    return [
        [
            ["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")]
            for row in table.findall(f"{W}tr")
        ]
        for table in tables
    ]


def test_agency_table_in_the_body_equals_the_annex_summary(client, world, draft):
    client.force_login(world.coordinator)
    docx = client.get(reverse("reports:consolidated_docx", args=[world.period.pk])).content
    agency_table = next(table for table in body_tables(docx) if table and table[0][:2] == ["STT", "Cơ quan, đơn vị"])
    assert agency_table[0] == [
        "STT",
        "Cơ quan, đơn vị",
        "Được giao",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Quá hạn chưa hoàn thành",
        "Đang thực hiện",
        "Thường xuyên",
        "Tỷ lệ đúng hạn (%)",
        "Xếp hạng",
    ]
    rows = {row[1]: row for row in agency_table[1:]}
    # Sở Nội vụ: a standing task, one done on time (March), one overdue (May): 1 of 2 due on time.
    assert rows["Sở Nội vụ"][2:] == ["3", "1", "0", "1", "0", "1", "50", "1"]
    assert rows["Công an tỉnh"][2:] == ["1", "0", "0", "1", "0", "0", "0", "2"]
    assert rows["Tổng cộng"][2:8] == ["5", "1", "0", "2", "0", "2"]

    xlsx = client.get(reverse("reports:consolidated_xlsx", args=[world.period.pk])).content
    summary = openpyxl.load_workbook(io.BytesIO(xlsx))["Tổng hợp"]
    annex = {row[1]: row for row in summary.iter_rows(min_row=4, values_only=True)}
    for name, row in rows.items():
        if name == "Tổng cộng":
            continue
        assert [str(value) for value in annex[name][2:8]] == row[2:8], name
        rate = annex[name][8]
        assert (f"{rate:g}".replace(".", ",") if rate is not None else "-") == row[8]
        assert str(annex[name][9] or "-") == row[9]


def test_the_body_refers_to_the_annex(client, world, draft):
    client.force_login(world.coordinator)
    docx = client.get(reverse("reports:consolidated_docx", args=[world.period.pk])).content
    text = "".join(etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).itertext())
    assert "chi tiết tại Phụ lục kèm theo" in text


def test_nothing_due_gets_a_sentence_of_its_own():
    sentences = statistics_sentences({"total": 2, "by_timeliness": {"standing": 2}, "on_time_rate": None})
    assert NO_RATE in sentences
    assert not any("đạt chưa" in sentence for sentence in sentences)


def test_latest_report_column_agrees_with_the_percent(client, world, draft):
    client.force_login(world.coordinator)
    xlsx = client.get(reverse("reports:consolidated_xlsx", args=[world.period.pk])).content
    detail = openpyxl.load_workbook(io.BytesIO(xlsx))["Chi tiết"]
    header = [cell.value for cell in detail[3]]
    for row in detail.iter_rows(min_row=4, values_only=True):
        values = dict(zip(header, row, strict=True))
        if values["Báo cáo gần nhất"] is None:
            # No report by the cutoff: the assignment cannot show progress from one.
            assert values["Tiến độ (%)"] in (0, 100), values


def test_a_200000_character_narrative_is_refused_with_a_message_and_nothing_lost(client, world, draft):
    client.force_login(world.coordinator)
    url = reverse("reports:consolidated", args=[world.period.pk])
    text = "Kết quả. " * 25_000
    response = client.post(
        url,
        {
            "version": draft.version,
            "results": text,
            "limitations": "",
            "tasks_ahead": "",
            "proposals": "",
            "recipients": "",
            "save": "1",
        },
    )
    assert response.status_code == 400
    assert "200000" in response.content.decode().replace(".", "").replace(",", "")
    assert text[:100] in response.content.decode()
    assert ConsolidatedReport.objects.get(pk=draft.pk).results == draft.results


def fake_soffice(tmp_path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize(
    ("body", "message"),
    [("exit 3", Errors.PDF_FAILED), ("sleep 30", Errors.PDF_TIMEOUT)],
)
def test_libreoffice_crashing_or_hanging_gives_a_message_and_keeps_the_docx(
    client, world, draft, settings, tmp_path, body, message, django_capture_on_commit_callbacks
):
    settings.DONDOC_SOFFICE = fake_soffice(tmp_path, body)
    settings.DONDOC_PDF_TIMEOUT = 1
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:consolidated_pdf_make", args=[world.period.pk]))
    report = ConsolidatedReport.objects.get(pk=draft.pk)
    assert report.pdf_status == PdfStatus.FAILED
    page = client.get(reverse("reports:consolidated", args=[world.period.pk])).content.decode()
    assert 'id="pdf-error"' in page
    assert str(message) in page
    assert client.get(reverse("reports:consolidated_pdf", args=[world.period.pk])).status_code == 404
    assert client.get(reverse("reports:consolidated_docx", args=[world.period.pk])).status_code == 200


def test_without_libreoffice_the_page_says_so(client, world, draft, settings):
    settings.DONDOC_SOFFICE = "/nonexistent/soffice"
    client.force_login(world.coordinator)
    page = client.get(reverse("reports:consolidated", args=[world.period.pk])).content.decode()
    assert 'id="pdf-unavailable"' in page
    assert "LibreOffice" in page
    assert 'id="download-docx"' in page


def test_pdf_is_made_kept_and_served(client, world, draft, django_capture_on_commit_callbacks):
    if shutil.which("soffice") is None:
        skip_or_fail("LibreOffice (libreoffice-writer-nogui) is not installed")
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:consolidated_pdf_make", args=[world.period.pk]))
    report = ConsolidatedReport.objects.get(pk=draft.pk)
    assert report.pdf_status == PdfStatus.DONE
    assert report.pdf_version == report.version
    response = client.get(reverse("reports:consolidated_pdf", args=[world.period.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF")
    page = client.get(reverse("reports:consolidated", args=[world.period.pk])).content.decode()
    assert 'id="download-pdf"' in page
