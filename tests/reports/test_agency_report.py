"""Agency reports: the pre-fill window, drafting, submitting, and the coordinator's review with its forbidden moves."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.models import Notification
from reports.errors import Errors
from reports.models import AgencyReport, ReviewOutcome
from reports.selectors.agency_reports import agency_report_prefill, prefill_narrative
from reports.selectors.tracker import TrackerState, period_tracker
from reports.services.agency_reports import (
    agency_report_accept,
    agency_report_return,
    agency_report_save,
    agency_report_submit,
    period_urge_missing,
)
from tests.reports.conftest import add_update, local, narrative, save_at


def test_prefill_takes_exactly_the_updates_inside_the_window(world, after_cutoff):
    period = world.period
    assignment = world.assignments["home_due_march"]
    start, cutoff = period.starts_on, period.cutoff_on
    add_update(assignment, world.staff, local(start, 0) - timedelta(microseconds=1), 5, results="before the window")
    add_update(assignment, world.staff, local(start, 0, 0), 10, results="first instant")
    add_update(assignment, world.staff, local(cutoff, 23, 59, 59, 999999), 40, results="last instant")
    add_update(assignment, world.staff, local(cutoff + timedelta(days=1), 0, 0), 50, results="after the cutoff")
    # Another agency's update on the same task is not this agency's.
    add_update(world.assignments["other_due_march"], world.other_staff, local(cutoff, 10), 30, results="other agency")

    rows = {
        row.task_code: row
        for row in agency_report_prefill(period=period, agency_id=world.agency.pk, today=after_cutoff)
    }
    assert set(rows) == {"1.1", "2.1", "2.2"}
    assert [update["results"] for update in rows["2.1"].updates] == ["first instant", "last instant"]
    assert rows["1.1"].updates == []
    assert rows["2.1"].timeliness_code == "overdue"
    assert rows["1.1"].timeliness_code == "standing"


def test_prefill_narrative_collects_the_window_texts(world, after_cutoff):
    add_update(
        world.assignments["home_due_may"],
        world.staff,
        local(world.period.cutoff_on, 8),
        100,
        results="Đã kiện toàn.",
        difficulties="Thiếu người.",
        proposals="Bổ sung biên chế.",
    )
    rows = agency_report_prefill(period=world.period, agency_id=world.agency.pk, today=after_cutoff)
    text = prefill_narrative(rows)
    assert text["results"] == "- Nhiệm vụ 2.2: Đã kiện toàn."
    assert text["limitations"] == "- Nhiệm vụ 2.2: Thiếu người."
    assert text["proposals"] == "- Nhiệm vụ 2.2: Bổ sung biên chế."


def test_prefill_state_is_the_state_at_the_cutoff(world, after_cutoff):
    assignment = world.assignments["home_due_may"]
    save_at(assignment, local(world.period.cutoff_on, 10), status="in_progress", percent=60)
    save_at(assignment, local(world.period.cutoff_on + timedelta(days=2)), status="done", percent=100)
    row = next(
        row
        for row in agency_report_prefill(period=world.period, agency_id=world.agency.pk, today=after_cutoff)
        if row.task_code == "2.2"
    )
    assert (row.status, row.percent, row.timeliness_code) == ("in_progress", 60, "overdue")


def submit(world, **overrides):
    return agency_report_submit(
        period=world.period,
        agency=world.agency,
        user=world.manager,
        expected_version=overrides.pop("expected_version", None),
        **narrative(**overrides),
    )


def test_full_review_cycle_keeps_every_version(world):
    draft = agency_report_save(
        period=world.period, agency=world.agency, user=world.staff, expected_version=0, **narrative()
    )
    assert draft.status == AgencyReport.Status.DRAFT
    report = submit(world, expected_version=draft.version)
    assert report.status == AgencyReport.Status.SUBMITTED
    assert Notification.objects.filter(user=world.coordinator, kind="report").count() == 1

    report = agency_report_return(
        report=report, user=world.coordinator, expected_version=report.version, comment="Bổ sung số liệu."
    )
    assert report.status == AgencyReport.Status.RETURNED
    assert Notification.objects.filter(user=world.manager, kind="decision").exists()

    report = submit(world, results="Đã bổ sung số liệu.", expected_version=report.version)
    report = agency_report_accept(report=report, user=world.coordinator, expected_version=report.version)
    assert report.status == AgencyReport.Status.ACCEPTED

    versions = list(report.versions.order_by("number"))
    assert [(v.number, v.outcome) for v in versions] == [(1, ReviewOutcome.RETURNED), (2, ReviewOutcome.ACCEPTED)]
    assert versions[0].content["results"] == narrative()["results"]
    assert versions[0].review_comment == "Bổ sung số liệu."
    assert versions[1].content["results"] == "Đã bổ sung số liệu."
    assert {row["task_code"] for row in versions[1].content["assignments"]} == {"1.1", "2.1", "2.2"}


def test_cannot_submit_twice(world):
    submit(world)
    with pytest.raises(ValidationError) as error:
        submit(world)
    assert error.value.messages == [str(Errors.ALREADY_SUBMITTED)]


def test_cannot_accept_after_return_until_resubmitted(world):
    report = submit(world)
    report = agency_report_return(report=report, user=world.coordinator, expected_version=None, comment="Sửa lại.")
    with pytest.raises(ValidationError) as error:
        agency_report_accept(report=report, user=world.coordinator, expected_version=None)
    assert error.value.messages == [str(Errors.RETURNED_NEEDS_RESUBMIT)]


def test_cannot_edit_or_resubmit_after_acceptance(world):
    report = submit(world)
    agency_report_accept(report=report, user=world.coordinator, expected_version=None)
    with pytest.raises(ValidationError) as error:
        agency_report_save(period=world.period, agency=world.agency, user=world.staff, expected_version=None)
    assert error.value.messages == [str(Errors.ACCEPTED_LOCKED)]
    with pytest.raises(ValidationError):
        submit(world)
    with pytest.raises(ValidationError) as error:
        agency_report_accept(report=report, user=world.coordinator, expected_version=None)
    assert error.value.messages == [str(Errors.ALREADY_ACCEPTED)]


def test_cannot_edit_while_awaiting_review(world):
    submit(world)
    with pytest.raises(ValidationError) as error:
        agency_report_save(period=world.period, agency=world.agency, user=world.staff, expected_version=None)
    assert error.value.messages == [str(Errors.SUBMITTED_LOCKED)]


def test_return_needs_a_comment_and_a_draft_cannot_be_reviewed(world):
    draft = agency_report_save(period=world.period, agency=world.agency, user=world.staff, expected_version=0)
    with pytest.raises(ValidationError) as error:
        agency_report_accept(report=draft, user=world.coordinator, expected_version=None)
    assert error.value.messages == [str(Errors.NOT_SUBMITTED)]
    report = submit(world)
    with pytest.raises(ValidationError) as error:
        agency_report_return(report=report, user=world.coordinator, expected_version=None, comment="  ")
    assert error.value.message_dict == {"comment": [str(Errors.COMMENT_REQUIRED)]}


def test_submission_needs_results(world):
    with pytest.raises(ValidationError) as error:
        submit(world, results="")
    assert "results" in error.value.message_dict


def test_stale_page_is_refused(world):
    draft = agency_report_save(period=world.period, agency=world.agency, user=world.staff, expected_version=0)
    agency_report_save(
        period=world.period, agency=world.agency, user=world.manager, expected_version=draft.version, results="B"
    )
    with pytest.raises(ValidationError) as error:
        agency_report_save(
            period=world.period, agency=world.agency, user=world.staff, expected_version=draft.version, results="A"
        )
    assert error.value.messages == [str(Errors.STALE)]
    # A second "first save" from a page opened before the report existed is stale too.
    with pytest.raises(ValidationError):
        agency_report_save(period=world.period, agency=world.agency, user=world.staff, expected_version=0)


def test_tracker_states_and_on_time(world):
    period = world.period
    on_time = local(period.agency_due_on, 16)
    with time_machine.travel(on_time, tick=False):
        submit(world)
    late = local(period.agency_due_on + timedelta(days=1), 8)
    with time_machine.travel(late, tick=False):
        agency_report_submit(
            period=period, agency=world.other_agency, user=world.other_staff, expected_version=None, **narrative()
        )
    agency_report_save(period=period, agency=world.coordinator_agency, user=world.coordinator, expected_version=0)
    states = {row.agency.pk: row.state for row in period_tracker(period=period).rows}
    assert states == {
        world.agency.pk: TrackerState.SUBMITTED_ON_TIME,
        world.other_agency.pk: TrackerState.SUBMITTED_LATE,
        # A draft is not a submission.
        world.coordinator_agency.pk: TrackerState.NOT_SUBMITTED,
    }


def test_urge_notifies_and_emails_the_missing_agencies(world, mailoutbox, django_capture_on_commit_callbacks):
    submit(world)
    with django_capture_on_commit_callbacks(execute=True):
        agencies, people = period_urge_missing(period=world.period, user=world.coordinator)
    # Công an tỉnh (one staff) and the command itself (one manager) have not submitted.
    assert (agencies, people) == (2, 2)
    urged = set(Notification.objects.filter(kind="urge").values_list("user__username", flat=True))
    assert urged == {"other", "coordinator"}
    assert sorted(message.to[0] for message in mailoutbox) == sorted([world.other_staff.email, world.coordinator.email])


# ---------------------------------------------------------------- through the pages


def page(world, agency=None):
    return reverse("reports:agency_report", args=[world.period.pk, (agency or world.agency).pk])


def test_staff_saves_a_draft_but_cannot_submit(client, world):
    client.force_login(world.staff)
    response = client.get(page(world))
    assert response.status_code == 200
    assert "Nộp cho cơ quan theo dõi" not in response.content.decode()
    response = client.post(page(world), {"version": 0, **narrative(), "save": "1"})
    assert response.status_code == 302
    assert AgencyReport.objects.get().status == "draft"
    response = client.post(page(world), {"version": 1, **narrative(), "submit": "1"})
    assert response.status_code == 403


def test_manager_submits_and_a_second_submit_says_why(client, world):
    client.force_login(world.manager)
    assert client.post(page(world), {"version": 0, **narrative(), "submit": "1"}).status_code == 302
    report = AgencyReport.objects.get()
    assert report.status == "submitted"
    response = client.post(page(world), {"version": report.version, **narrative(), "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "đã được gửi và đang chờ xem xét" in html
    # What the user typed stays in the form.
    assert narrative()["limitations"] in html


def test_stale_form_keeps_the_text_and_says_why(client, world):
    client.force_login(world.staff)
    client.post(page(world), {"version": 0, **narrative(), "save": "1"})
    response = client.post(page(world), {"version": 0, **narrative(results="Văn bản mới của tôi"), "save": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Văn bản mới của tôi" in html
    assert "tải lại trang" in html


def test_coordinator_returns_then_accepts_through_the_pages(client, world):
    client.force_login(world.manager)
    client.post(page(world), {"version": 0, **narrative(), "submit": "1"})
    report = AgencyReport.objects.get()
    client.force_login(world.coordinator)
    review = reverse("reports:agency_report_review", args=[world.period.pk, world.agency.pk])
    response = client.post(review, {"version": report.version, "comment": "", "decision": "return"})
    assert response.status_code == 400
    assert "cần có ý kiến" in response.content.decode()
    response = client.post(review, {"version": report.version, "comment": "Bổ sung.", "decision": "return"})
    assert response.status_code == 302
    report.refresh_from_db()
    response = client.post(review, {"version": report.version, "comment": "", "decision": "accept"})
    assert response.status_code == 400
    assert "chỉ có thể chấp nhận sau khi đơn vị gửi lại" in response.content.decode()
