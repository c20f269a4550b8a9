"""The consolidated report: narrative pre-filled from accepted reports, numbers unique per year, issue locks it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reports.errors import Errors
from reports.models import ConsolidatedReport, ReportSchedule
from reports.services.agency_reports import agency_report_accept, agency_report_return, agency_report_submit
from reports.services.consolidated import consolidated_compile, consolidated_issue, consolidated_save
from reports.services.periods import report_period_get_or_create
from tests.factories import DirectiveFactory
from tests.reports.conftest import narrative


def test_narrative_is_prefilled_from_accepted_reports_only(world, after_cutoff):
    home = agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    agency_report_accept(report=home, user=world.coordinator, expected_version=None)
    other = agency_report_submit(
        period=world.period,
        agency=world.other_agency,
        user=world.other_staff,
        expected_version=None,
        **narrative(results="Chưa đạt."),
    )
    agency_report_return(report=other, user=world.coordinator, expected_version=None, comment="Bổ sung.")
    report = consolidated_compile(period=world.period, user=world.coordinator, today=after_cutoff)
    # Drafted per task group, naming the agencies, then what each accepted report says, as sentences.
    assert report.results.splitlines() == [
        "Đối với nhóm nhiệm vụ 1 (Lãnh đạo, chỉ đạo): Bộ Chỉ huy quân sự tỉnh và Sở Nội vụ thực hiện thường xuyên.",
        "Đối với nhóm nhiệm vụ 2 (Giáo dục quốc phòng): Sở Nội vụ và Công an tỉnh còn quá hạn chưa hoàn thành.",
        "Sở Nội vụ báo cáo: Đã quán triệt Kết luận đến toàn thể cán bộ.",
    ]
    assert "Chưa đạt" not in report.results
    assert report.limitations.splitlines() == [
        "Một số cơ quan, đơn vị còn nhiệm vụ quá hạn chưa hoàn thành: Công an tỉnh (1), Sở Nội vụ (2).",
        "Sở Nội vụ nêu khó khăn, vướng mắc: Kinh phí còn hạn chế.",
    ]
    assert report.proposals == "Sở Nội vụ đề xuất, kiến nghị: Đề nghị bổ sung kinh phí."
    assert report.status == ConsolidatedReport.Status.DRAFT
    assert report.number is None
    assert report.document_number.strip() == "/BC-BCH"
    assert report.signer_name == "Đại tá Nguyễn Văn A"
    assert report.signer_title == "CHỈ HUY TRƯỞNG"
    with pytest.raises(ValidationError) as error:
        consolidated_compile(period=world.period, user=world.coordinator)
    assert error.value.messages == [str(Errors.ALREADY_COMPILED)]


@pytest.fixture
def reports(world, after_cutoff):
    """Four draft consolidated reports of the same coordinating agency (two directives, several periods)."""
    schedule = ReportSchedule.objects.get(directive=world.directive)
    second = ReportSchedule.objects.create(
        directive=DirectiveFactory(number="99-KL/TU", coordinating_agency=world.coordinator_agency)
    )
    periods = [
        world.period,
        report_period_get_or_create(schedule=schedule, kind="quarter", year=2026, index=3)[0],
        report_period_get_or_create(schedule=second, kind="half_year", year=2026, index=1)[0],
        report_period_get_or_create(schedule=second, kind="quarter", year=2026, index=3)[0],
    ]
    return [consolidated_compile(period=period, user=world.coordinator, today=after_cutoff) for period in periods]


def issue(report, user, day, number=None):
    return consolidated_issue(report=report, user=user, expected_version=None, issued_on=day, number=number)


def test_numbers_are_unique_per_year_and_restart_on_1_january(world, reports):
    first = issue(reports[0], world.coordinator, date(2026, 12, 30))
    second = issue(reports[1], world.coordinator, date(2026, 12, 31))
    third = issue(reports[2], world.coordinator, date(2027, 1, 1))
    fourth = issue(reports[3], world.coordinator, date(2027, 1, 2))
    assert [(r.year, r.number) for r in (first, second, third, fourth)] == [(2026, 1), (2026, 2), (2027, 1), (2027, 2)]
    assert first.document_number == "01/BC-BCH"
    assert third.document_number == "01/BC-BCH"
    assert third.status == ConsolidatedReport.Status.ISSUED


def test_a_chosen_number_must_be_free(world, reports):
    issue(reports[0], world.coordinator, date(2026, 7, 1), number=7)
    with pytest.raises(ValidationError) as error:
        issue(reports[1], world.coordinator, date(2026, 7, 2), number=7)
    assert "number" in error.value.message_dict
    # The next free number follows the highest one used.
    assert issue(reports[1], world.coordinator, date(2026, 7, 2)).document_number == "08/BC-BCH"
    # The same number is free again next year.
    assert issue(reports[2], world.coordinator, date(2027, 1, 5), number=7).document_number == "07/BC-BCH"


def test_database_refuses_a_duplicate_number(world, reports):
    issue(reports[0], world.coordinator, date(2026, 7, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsolidatedReport.objects.filter(pk=reports[1].pk).update(number=1, year=2026)


def test_issued_report_is_locked(world, reports):
    issued = issue(reports[0], world.coordinator, date(2026, 7, 1))
    with pytest.raises(ValidationError) as error:
        consolidated_save(
            report=issued,
            user=world.coordinator,
            expected_version=None,
            results="x",
            limitations="",
            tasks_ahead="",
            proposals="",
            recipients="",
        )
    assert error.value.messages == [str(Errors.ISSUED_LOCKED)]
    with pytest.raises(ValidationError):
        issue(issued, world.coordinator, date(2026, 7, 2))


def test_issue_needs_a_signer(world, reports):
    report = reports[0]
    report.signer_name = ""
    report.save()
    with pytest.raises(ValidationError) as error:
        issue(report, world.coordinator, date(2026, 7, 1))
    assert "signer" in error.value.message_dict


def test_stale_edit_is_refused(world, reports):
    report = reports[0]
    fields = {
        "results": "A",
        "limitations": "",
        "tasks_ahead": "",
        "proposals": "",
        "recipients": "",
    }
    consolidated_save(report=report, user=world.coordinator, expected_version=report.version, **fields)
    with pytest.raises(ValidationError) as error:
        consolidated_save(report=report, user=world.coordinator, expected_version=report.version, **fields)
    assert error.value.messages == [str(Errors.STALE)]
