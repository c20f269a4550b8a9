"""An agency report as PDF (issue 12: "the same layout serves the agency report"): made by the Celery job from the
latest submitted version, kept with that version, offered to the agency and to those who track the period."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from reports.errors import Errors
from reports.models import AgencyReportVersion, PdfStatus
from reports.services.agency_reports import agency_report_return, agency_report_submit
from tests.conftest import skip_or_fail
from tests.reports.conftest import narrative

from .test_official_report import fake_soffice


@pytest.fixture
def submitted(world, after_cutoff):
    return agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )


def urls(world, name):
    return reverse(f"reports:agency_report_{name}", args=[world.period.pk, world.agency.pk])


def page(client, world) -> str:
    return client.get(reverse("reports:agency_report", args=[world.period.pk, world.agency.pk])).content.decode()


def make(client, world, capture):
    with capture(execute=True):
        return client.post(urls(world, "pdf_make"))


def test_no_pdf_before_anything_is_submitted(client, world, after_cutoff):
    client.force_login(world.manager)
    assert 'id="pdf-panel"' not in page(client, world)
    assert client.post(urls(world, "pdf_make")).status_code == 404
    assert client.get(urls(world, "pdf")).status_code == 404


def test_the_pdf_of_the_submitted_version_is_made_kept_and_served(
    client, world, submitted, django_capture_on_commit_callbacks, tmp_path
):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        skip_or_fail("LibreOffice (libreoffice-writer-nogui) and pdftotext (poppler-utils) are needed")
    client.force_login(world.manager)
    assert 'id="make-pdf"' in page(client, world)
    assert make(client, world, django_capture_on_commit_callbacks).status_code == 302
    version = AgencyReportVersion.objects.get(report=submitted)
    assert version.pdf_status == PdfStatus.DONE
    assert 'id="download-pdf"' in page(client, world)

    # The coordinator, who received it, downloads the same file; a user of another agency cannot.
    client.force_login(world.coordinator)
    response = client.get(urls(world, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "SỞ NỘI VỤ" in text
    assert narrative()["results"][:40] in " ".join(text.split())
    client.force_login(world.other_staff)
    assert client.get(urls(world, "pdf")).status_code in (403, 404)
    assert client.post(urls(world, "pdf_make")).status_code in (403, 404)


def test_a_new_submission_gets_its_own_pdf(client, world, submitted, settings, tmp_path, after_cutoff):
    settings.DONDOC_SOFFICE = fake_soffice(tmp_path, "exit 3")
    first = AgencyReportVersion.objects.get(report=submitted)
    AgencyReportVersion.objects.filter(pk=first.pk).update(pdf_status=PdfStatus.DONE, pdf="reports/pdf/agency/x.pdf")
    agency_report_return(report=submitted, user=world.coordinator, expected_version=None, comment="Bổ sung số liệu.")
    submitted.refresh_from_db()
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=submitted.version, **narrative()
    )
    client.force_login(world.coordinator)
    html = page(client, world)
    # Version 2 has no PDF yet: the panel offers to make one, not version 1's file.
    assert 'id="make-pdf"' in html
    assert 'id="download-pdf"' not in html


def test_libreoffice_failing_gives_a_message_and_keeps_the_docx(
    client, world, submitted, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DONDOC_SOFFICE = fake_soffice(tmp_path, "exit 3")
    client.force_login(world.manager)
    make(client, world, django_capture_on_commit_callbacks)
    assert AgencyReportVersion.objects.get(report=submitted).pdf_status == PdfStatus.FAILED
    html = page(client, world)
    assert 'id="pdf-error"' in html
    assert str(Errors.PDF_FAILED) in html
    assert client.get(urls(world, "pdf")).status_code == 404
    assert client.get(urls(world, "docx")).status_code == 200


def test_without_libreoffice_the_page_says_so(client, world, submitted, settings):
    settings.DONDOC_SOFFICE = "/nonexistent/soffice"
    client.force_login(world.manager)
    html = page(client, world)
    assert 'id="pdf-unavailable"' in html
    assert 'id="download-docx"' in html
