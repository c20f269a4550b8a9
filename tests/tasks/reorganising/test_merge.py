"""Merging agencies: what moves, what stays, the history it leaves, who is reminded, what past reports show."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency, AgencyChange, Notification, User
from reports.models import AgencyReport
from tasks.models import Assignment, ExtensionRequest
from tasks.reminders.scan import reminder_scan_run
from tasks.reorganising import agencies_reorganise, reorganisation_plan
from tests.conftest import travel_to

from .conftest import EFFECTIVE, counts

MERGE = AgencyChange.Kind.MERGE


def merge_into_c(province, **fields):
    request = province.request(MERGE, predecessors=[province.a, province.b], successors=[province.c], **fields)
    with travel_to(EFFECTIVE):
        return agencies_reorganise(request=request, user=province.admin)


def test_open_work_moves_to_the_successor_and_closed_work_stays(province):
    change = merge_into_c(province)

    moved = {a.pk: a.agency_id for a in Assignment.objects.all()}
    assert moved[province.a_open.pk] == province.c.pk
    assert moved[province.b_open.pk] == province.c.pk
    assert moved[province.a_shared.pk] == province.c.pk
    assert moved[province.a_done.pk] == province.a.pk  # closed work stays with the agency as it was
    # The pending extension request travels with its assignment.
    pending = ExtensionRequest.objects.get(decision=ExtensionRequest.Decision.PENDING)
    assert pending.assignment.agency == province.c
    assert change.summary["moved"] == 3
    assert change.summary["pending_extensions"] == 1


def test_the_same_task_at_two_predecessors_becomes_one_lead_assignment(province):
    merge_into_c(province)

    province.a_open.refresh_from_db()
    province.b_shared.refresh_from_db()
    assert province.a_open.agency == province.c
    assert province.a_open.role == Assignment.Role.LEAD
    # B's cooperating share of the same task is closed into C's and stays with B, saying why.
    assert province.b_shared.agency == province.b
    assert province.b_shared.status == Assignment.Status.CANCELLED
    assert "UBND xã Lương Sơn" in province.b_shared.status_note


def test_each_moved_assignment_has_a_history_row_naming_who_and_the_decision(province):
    merge_into_c(province)

    row = province.a_open.history.first()
    assert row.agency_id == province.c.pk
    assert row.history_user == province.admin
    assert row.history_change_reason == "Chuyển bởi Quản trị viên theo quyết định 1676/NQ-UBTVQH15"
    assert province.a_open.history.count() == 2
    assert province.a_done.history.count() == 1  # closed work is not touched


def test_predecessors_end_the_day_before_and_links_read_both_ways(province):
    change = merge_into_c(province)

    for agency in (province.a, province.b):
        agency.refresh_from_db()
        assert agency.valid_to == EFFECTIVE - timedelta(days=1)
        assert not agency.is_active
        assert list(agency.changes_as_predecessor.all()) == [change]
    assert list(province.c.changes_as_successor.all()) == [change]
    assert set(change.predecessors.all()) == {province.a, province.b}
    assert change.main_successor == province.c
    assert change.performed_by == province.admin


def test_users_move_to_the_successor(province):
    merge_into_c(province)

    assert set(User.objects.filter(agency=province.c).values_list("username", flat=True)) == {
        "cv.kyson",
        "ql.luongson",
        "cv.xaluongson",
    }


def test_users_can_be_deactivated_instead(province):
    merge_into_c(province, move_users=False)

    assert not User.objects.get(username="cv.kyson").is_active
    assert User.objects.get(username="cv.kyson").agency == province.a


def test_reminders_go_to_the_successors_users_from_the_next_scan(province):
    merge_into_c(province, move_users=False)

    reminder_scan_run(today=EFFECTIVE)  # three days before the moved work's deadline

    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"cv.xaluongson"}


def test_unsent_reports_move_and_sent_ones_stay(province):
    change = merge_into_c(province)

    province.draft.refresh_from_db()
    province.submitted.refresh_from_db()
    assert province.draft.agency == province.c
    assert province.submitted.agency == province.a
    assert change.summary["agency_reports"] == 1
    assert AgencyReport.history.filter(id=province.draft.pk).first().history_change_reason.startswith("Chuyển bởi")


def test_merge_into_a_new_agency(province):
    new = Agency(name="UBND phường Kỳ Sơn", code="ubnd-phuong-ky-son", kind=Agency.Kind.WARD)
    request = province.request(MERGE, predecessors=[province.a, province.b], new_successor=new)
    with travel_to(EFFECTIVE):
        change = agencies_reorganise(request=request, user=province.admin)

    created = Agency.objects.get(code="ubnd-phuong-ky-son")
    assert created.valid_from == EFFECTIVE
    assert list(change.successors.all()) == [created]
    assert Assignment.objects.filter(agency=created).count() == 3


def test_the_preview_lists_what_would_move_and_writes_nothing(province):
    before = counts()
    request = province.request(MERGE, predecessors=[province.a, province.b], successors=[province.c])

    plan = reorganisation_plan(request=request)

    assert {a.pk for a, _ in plan.moves} == {province.a_open.pk, province.b_open.pk, province.a_shared.pk}
    assert [a.pk for a, _ in plan.joins] == [province.b_shared.pk]
    assert plan.closed_count == 1
    assert plan.pending_extensions == 1
    assert {u.username for u in plan.users} == {"cv.kyson", "ql.luongson"}
    assert ("Báo cáo chưa gửi chuyển sang", 1) in plan.extras
    assert counts() == before


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("into_itself", "không thể sáp nhập, chia tách hoặc giải thể vào chính nó"),
        ("into_dissolved", "đã giải thể"),
        ("no_successor", "cần cơ quan được hình thành"),
        ("cycle", "vòng lặp"),
    ],
)
def test_bad_merges_are_refused_in_vietnamese_and_change_nothing(province, case, message):
    if case == "into_dissolved":
        merge_into_c(province)
        province.a.refresh_from_db()
        d = Agency.objects.create(name="Sở thử", code="so-thu")
        request = province.request(MERGE, predecessors=[d], successors=[province.a])
    elif case == "cycle":
        # C came from A under an earlier change (A kept on as a unit); merging C back into A would close a loop.
        earlier = AgencyChange.objects.create(kind=MERGE, decision_date=EFFECTIVE, effective_on=EFFECTIVE, issuer="x")
        earlier.predecessors.set([province.a])
        earlier.successors.set([province.c])
        request = province.request(MERGE, predecessors=[province.c], successors=[province.a])
    elif case == "into_itself":
        request = province.request(MERGE, predecessors=[province.a, province.b], successors=[province.a])
    else:
        request = province.request(MERGE, predecessors=[province.a, province.b])
    before = counts()

    with pytest.raises(ValidationError) as refused, travel_to(EFFECTIVE):
        agencies_reorganise(request=request, user=province.admin)

    assert message in refused.value.messages[0]
    assert counts() == before


def test_a_merge_gives_the_successor_the_predecessors_units(db):
    """Who may pass work down to whom follows a merge: children (Agency.parent) and delegation links move."""
    from datetime import date

    from tasks.delegation import delegable_units
    from tasks.models import Subordinate
    from tasks.reorganising.plan import Kind, Reorganisation
    from tests.factories import AgencyFactory, UserFactory

    a, b, c = (AgencyFactory(name=f"UBND huyện {name} (thử)") for name in ("A", "B", "C"))
    child = AgencyFactory(name="UBND xã con (thử)", parent=a)
    listed = AgencyFactory(name="UBND xã được giao (thử)")
    Subordinate.objects.create(agency=b, unit=listed)
    department = AgencyFactory(name="Sở Nội vụ (thử)")
    Subordinate.objects.create(agency=department, unit=b)
    admin = UserFactory(username="admin-merge", agency=None, role=User.Role.ADMIN)
    request = Reorganisation(
        kind=Kind.MERGE,
        predecessors=[a, b],
        successors=[c],
        decision_number="01/NQ-HĐND",
        decision_date=date(2025, 6, 16),
        issuer="HĐND tỉnh",
        effective_on=date(2025, 7, 1),
    )
    agencies_reorganise(request=request, user=admin)
    assert set(delegable_units(c)) == {child, listed}
    assert not delegable_units(a).exists() and not delegable_units(b).exists()
    assert c in delegable_units(department) and not Agency.objects.get(pk=b.pk).is_active
