"""Period arithmetic of Nghị định 09/2019 Điều 12 and due dates in working days, against hand-worked dates."""

import itertools
from datetime import date

import pytest
from django.conf import settings
from django.utils import translation

from directives.models import CalendarDay
from reports.jobs import generate_periods
from reports.models import ReportPeriod, ReportSchedule
from reports.periods import end_of_day, period_dates, period_label, periods_from, start_of_day
from reports.services.periods import report_period_get_or_create, report_periods_generate
from tests.factories import DirectiveFactory


@pytest.mark.parametrize(
    ("kind", "year", "index", "starts_on", "cutoff_on"),
    [
        # The period containing 1 January starts on 15 December of the previous year.
        ("month", 2027, 1, date(2026, 12, 15), date(2027, 1, 14)),
        ("month", 2026, 3, date(2026, 2, 15), date(2026, 3, 14)),
        ("month", 2026, 12, date(2026, 11, 15), date(2026, 12, 14)),
        ("quarter", 2027, 1, date(2026, 12, 15), date(2027, 3, 14)),
        ("quarter", 2026, 2, date(2026, 3, 15), date(2026, 6, 14)),
        ("quarter", 2026, 3, date(2026, 6, 15), date(2026, 9, 14)),
        ("quarter", 2026, 4, date(2026, 9, 15), date(2026, 12, 14)),
        ("half_year", 2026, 1, date(2025, 12, 15), date(2026, 6, 14)),
        ("nine_months", 2026, 1, date(2025, 12, 15), date(2026, 9, 14)),
        ("year", 2026, 1, date(2025, 12, 15), date(2026, 12, 14)),
    ],
)
def test_period_windows(kind, year, index, starts_on, cutoff_on):
    dates = period_dates(kind, year, index)
    assert (dates.starts_on, dates.cutoff_on) == (starts_on, cutoff_on)


def test_consecutive_months_and_quarters_leave_no_gap():
    months = list(itertools.islice(periods_from("month", 2026), 14))
    for before, after in itertools.pairwise(months):
        assert (after.starts_on - before.cutoff_on).days == 1
    quarters = list(itertools.islice(periods_from("quarter", 2026), 6))
    for before, after in itertools.pairwise(quarters):
        assert (after.starts_on - before.cutoff_on).days == 1


def test_impossible_period_is_refused():
    with pytest.raises(ValueError):
        period_dates("quarter", 2026, 5)
    with pytest.raises(ValueError):
        period_dates("half_year", 2026, 2)


def test_labels_in_vietnamese():
    with translation.override("vi"):
        assert period_label("quarter", 2026, 1) == "quý I năm 2026"
        assert period_label("half_year", 2026, 1) == "6 tháng đầu năm 2026"
        assert period_label("nine_months", 2026, 1) == "9 tháng năm 2026"
        assert period_label("year", 2026, 1) == "năm 2026"
        assert period_label("month", 2026, 3) == "tháng 3 năm 2026"


def test_day_boundaries_are_local_midnight():
    assert start_of_day(date(2026, 6, 14)).isoformat() == "2026-06-14T00:00:00+07:00"
    assert end_of_day(date(2026, 6, 14)).isoformat() == "2026-06-15T00:00:00+07:00"


@pytest.fixture
def schedule(db):
    return ReportSchedule.objects.create(directive=DirectiveFactory())


def test_defaults_follow_the_design(schedule):
    assert schedule.cadences == ["half_year", "year"]
    assert (schedule.agency_due_working_days, schedule.consolidated_due_working_days, schedule.periods_ahead) == (
        2,
        4,
        2,
    )


def test_due_dates_in_working_days(schedule):
    # Cutoff Sunday 14/06/2026: Monday 15 and Tuesday 16 are the two working days.
    period, _ = report_period_get_or_create(schedule=schedule, kind="half_year", year=2026, index=1)
    assert (period.agency_due_on, period.consolidated_due_on) == (date(2026, 6, 16), date(2026, 6, 18))


def test_due_date_in_tet_2026_moves_past_it(schedule):
    # February 2026: cutoff Saturday 14/02; Tết is Monday 16 to Friday 20 February, so the second working day
    # after the cutoff is Tuesday 24/02 (it would have been Tuesday 17/02 without Tết).
    period, _ = report_period_get_or_create(schedule=schedule, kind="month", year=2026, index=2)
    assert period.cutoff_on == date(2026, 2, 14)
    assert period.agency_due_on == date(2026, 2, 24)
    assert period.consolidated_due_on == date(2026, 2, 26)


def test_due_date_in_tet_2027_moves_past_it(schedule):
    # January 2027 with 15 working days: 15/01 (1), 18–22/01 (2–6), 25–29/01 (7–11), 01–03/02 (12–14),
    # Tết 04–10/02 (Thursday to Wednesday) skipped, Thursday 11/02 is the 15th; without Tết it is 04/02.
    schedule.agency_due_working_days = 15
    schedule.consolidated_due_working_days = 16
    period, _ = report_period_get_or_create(schedule=schedule, kind="month", year=2027, index=1)
    assert (period.starts_on, period.cutoff_on) == (date(2026, 12, 15), date(2027, 1, 14))
    assert period.agency_due_on == date(2027, 2, 11)
    assert period.consolidated_due_on == date(2027, 2, 12)


def test_admin_extra_day_off_moves_the_due_date(schedule):
    CalendarDay.objects.create(date=date(2026, 6, 16), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù")
    period, _ = report_period_get_or_create(schedule=schedule, kind="half_year", year=2026, index=1)
    assert period.agency_due_on == date(2026, 6, 17)


def test_generation_creates_the_open_period_and_those_ahead(schedule):
    created = report_periods_generate(schedule=schedule, today=date(2026, 11, 28))
    keys = sorted((period.kind, period.year) for period in created)
    # The first 6 months of 2026 closed in June; the year 2026 is open; two of each kind come after.
    assert keys == [
        ("half_year", 2027),
        ("half_year", 2028),
        ("half_year", 2029),
        ("year", 2026),
        ("year", 2027),
        ("year", 2028),
    ]


def test_generation_keeps_a_period_until_its_consolidated_report_is_due(schedule):
    # 17/06/2026: the agencies' reports were due 16/06, the consolidated report is due 18/06.
    created = report_periods_generate(schedule=schedule, today=date(2026, 6, 17))
    assert ("half_year", 2026) in {(period.kind, period.year) for period in created}


def test_monthly_generation_across_new_year(schedule):
    schedule.cadences = ["month"]
    schedule.periods_ahead = 2
    created = report_periods_generate(schedule=schedule, today=date(2026, 12, 20))
    assert [(p.year, p.index, p.starts_on, p.cutoff_on) for p in created] == [
        (2027, 1, date(2026, 12, 15), date(2027, 1, 14)),
        (2027, 2, date(2027, 1, 15), date(2027, 2, 14)),
        (2027, 3, date(2027, 2, 15), date(2027, 3, 14)),
    ]


def test_generation_is_idempotent_and_keeps_admin_edits(schedule):
    report_periods_generate(schedule=schedule, today=date(2026, 11, 28))
    period = ReportPeriod.objects.get(kind="year", year=2026)
    period.agency_due_on = date(2026, 12, 21)
    period.save()
    assert report_periods_generate(schedule=schedule, today=date(2026, 11, 28)) == []
    assert ReportPeriod.objects.count() == 6
    period.refresh_from_db()
    assert period.agency_due_on == date(2026, 12, 21)


def test_celery_job_runs_every_schedule_idempotently(schedule):
    assert generate_periods() >= 1
    count = ReportPeriod.objects.count()
    assert generate_periods() == 0
    assert ReportPeriod.objects.count() == count


def test_job_is_on_the_daily_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["reports-generate-periods"]
    assert entry["task"] == "reports.jobs.generate_periods"
