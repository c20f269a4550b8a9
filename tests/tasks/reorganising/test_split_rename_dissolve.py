"""Splitting, renaming and dissolving agencies; the figures of past reports and of the dashboard after a change."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency, AgencyChange, User
from agencies.selectors import agency_names_on
from reports.models import ReportPeriod
from reports.selectors.dashboard import dashboard
from reports.selectors.tracker import period_tracker
from reports.statistics import statistics_snapshot
from tasks.models import Assignment
from tasks.reorganising import agencies_reorganise
from tests.conftest import travel_to

from .conftest import EFFECTIVE, counts

Kind = AgencyChange.Kind


def perform(province, request):
    with travel_to(EFFECTIVE):
        return agencies_reorganise(request=request, user=province.admin)


def split_a(province, destinations, **fields):
    d = Agency.objects.create(name="UBND xã Kỳ Sơn", code="ubnd-xa-ky-son", kind=Agency.Kind.COMMUNE)
    request = province.request(Kind.SPLIT, predecessors=[province.a], successors=[province.c, d], **fields)
    request.destinations = destinations(d)
    return d, perform(province, request)


def test_a_split_sends_each_open_assignment_where_it_was_told(province):
    d, change = split_a(
        province, lambda d: {province.a_open.pk: province.c.pk, province.a_shared.pk: d.pk}, main_successor=None
    )

    assert Assignment.objects.get(pk=province.a_open.pk).agency == province.c
    assert Assignment.objects.get(pk=province.a_shared.pk).agency == d
    assert Assignment.objects.get(pk=province.a_done.pk).agency == province.a
    assert set(change.successors.all()) == {province.c, d}
    assert User.objects.get(username="cv.kyson").agency == province.c  # the main successor: the first one


def test_a_split_leaving_an_assignment_without_destination_is_refused(province):
    before = counts()
    with pytest.raises(ValidationError) as refused:
        split_a(province, lambda d: {province.a_open.pk: province.c.pk})

    assert "chưa có nơi tiếp nhận" in refused.value.messages[0]
    # The new commune was created by the test, not by the refused change.
    assert AgencyChange.objects.count() == before["changes"]
    assert sorted(Assignment.objects.values_list("pk", "agency_id", "status")) == before["by_agency"]


def test_a_rename_keeps_the_old_name_for_what_came_before(province):
    request = province.request(
        Kind.RENAME, predecessors=[province.a], new_name="UBND thành phố Kỳ Sơn", new_code="ubnd-tp-ky-son"
    )
    change = perform(province, request)

    province.a.refresh_from_db()
    assert (province.a.name, province.a.code, province.a.is_active) == ("UBND thành phố Kỳ Sơn", "ubnd-tp-ky-son", True)
    assert change.old_name == "UBND huyện Kỳ Sơn"
    assert province.a.history.first().history_change_reason.startswith("Chuyển bởi")
    assert Assignment.objects.filter(agency=province.a).count() == 3  # nothing moves
    assert agency_names_on(date(2025, 6, 30), agency_ids=[province.a.pk]) == {province.a.pk: "UBND huyện Kỳ Sơn"}
    assert agency_names_on(EFFECTIVE, agency_ids=[province.a.pk]) == {province.a.pk: "UBND thành phố Kỳ Sơn"}
    # The report of a period before the rename names the agency as it was then.
    snapshot = statistics_snapshot(period=province.past_period, today=EFFECTIVE)
    assert {row["name"] for row in snapshot["agencies"]} == {"UBND huyện Kỳ Sơn", "UBND huyện Lương Sơn"}


def test_dissolving_with_open_work_needs_a_successor(province):
    before = counts()
    with pytest.raises(ValidationError) as refused:
        perform(province, province.request(Kind.DISSOLVE, predecessors=[province.a]))

    assert "còn 2 nhiệm vụ chưa kết thúc" in refused.value.messages[0]
    assert counts() == before


def test_dissolving_into_a_successor_moves_the_work_and_can_deactivate_users(province):
    perform(
        province, province.request(Kind.DISSOLVE, predecessors=[province.a], successors=[province.c], move_users=False)
    )

    assert Assignment.objects.get(pk=province.a_open.pk).agency == province.c
    assert Assignment.objects.get(pk=province.a_done.pk).agency == province.a
    assert not User.objects.get(username="cv.kyson").is_active
    province.a.refresh_from_db()
    assert province.a.is_dissolved


def test_dissolving_an_agency_without_open_work_needs_no_successor(province):
    Assignment.objects.filter(agency=province.a).exclude(pk=province.a_done.pk).update(
        status=Assignment.Status.CANCELLED
    )
    # Asked to move the users, with no successor to move them to: they are deactivated.
    change = perform(province, province.request(Kind.DISSOLVE, predecessors=[province.a], move_users=True))

    assert change.main_successor is None
    assert change.summary["users_moved"] is False
    assert not User.objects.get(username="cv.kyson").is_active


def test_a_past_report_keeps_the_agencies_as_they_were(province):
    perform(province, province.request(Kind.MERGE, predecessors=[province.a, province.b], successors=[province.c]))

    snapshot = statistics_snapshot(period=province.past_period, today=EFFECTIVE)

    # On 14/06/2024 the work was A's and B's, under their names then; C is not in that report.
    assert {row["name"] for row in snapshot["agencies"]} == {"UBND huyện Kỳ Sơn", "UBND huyện Lương Sơn"}


def test_the_dashboard_and_ranking_roll_a_predecessors_figures_into_its_successor(province):
    perform(province, province.request(Kind.MERGE, predecessors=[province.a, province.b], successors=[province.c]))

    board = dashboard(directive=province.directive, today=EFFECTIVE)
    rows = {row.agency.name: row.total for row in board.heatmap}
    # C carries A's done work and every open assignment; B's joined (cancelled) share counts under C too.
    assert rows == {"UBND xã Lương Sơn": 5}
    # Before the change's date closed work counts where it was done (the open work has already moved).
    before = dashboard(directive=province.directive, today=date(2025, 6, 30))
    assert {row.agency.name: row.total for row in before.heatmap} == {
        "UBND huyện Kỳ Sơn": 1,
        "UBND huyện Lương Sơn": 1,
        "UBND xã Lương Sơn": 3,
    }
    assert (
        statistics_snapshot(period=province.past_period, today=EFFECTIVE)["ranking"][0]["name"] == "UBND huyện Kỳ Sơn"
    )


def test_an_agency_gone_before_a_period_is_not_expected_to_report_for_it(province):
    perform(province, province.request(Kind.MERGE, predecessors=[province.a, province.b], successors=[province.c]))
    autumn = ReportPeriod.objects.create(
        directive=province.directive,
        kind=ReportPeriod.Kind.QUARTER,
        year=2025,
        index=3,
        starts_on=date(2025, 7, 15),
        cutoff_on=date(2025, 9, 14),
        agency_due_on=date(2025, 9, 18),
        consolidated_due_on=date(2025, 9, 20),
    )
    spring = ReportPeriod.objects.get(year=2025, kind=ReportPeriod.Kind.HALF_YEAR)

    assert {row.agency.name for row in period_tracker(period=autumn).rows} == {"UBND xã Lương Sơn"}
    # A period that began while A and B still existed still lists them (with what they sent, or not).
    assert {row.agency.name for row in period_tracker(period=spring).rows} == {
        "UBND huyện Kỳ Sơn",
        "UBND huyện Lương Sơn",
        "UBND xã Lương Sơn",
    }


def test_the_page_of_a_past_report_names_the_agency_as_it_was(client, province):
    from django.urls import reverse

    perform(province, province.request(Kind.RENAME, predecessors=[province.a], new_name="UBND thành phố Kỳ Sơn"))
    client.force_login(province.admin)

    past = client.get(reverse("reports:agency_report", args=[province.past_period.pk, province.a.pk]))
    current = client.get(reverse("reports:agency_report", args=[province.draft.period_id, province.a.pk]))

    assert "Báo cáo của UBND huyện Kỳ Sơn" in past.content.decode()
    assert "UBND thành phố Kỳ Sơn" not in past.content.decode()
    # The period of the draft ended on 14/06/2025, before the rename too; a period after it shows the new name.
    assert "UBND huyện Kỳ Sơn" in current.content.decode()
