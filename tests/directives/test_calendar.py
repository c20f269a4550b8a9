"""Working days: weekends, Vietnamese public holidays (Tết) and the admin's exceptions."""

from datetime import date

import pytest

from directives.calendar import WorkingCalendar, add_working_days, next_working_day
from directives.models import CalendarDay


@pytest.fixture
def calendar():
    return WorkingCalendar(exceptions={})


def test_weekend_is_skipped(calendar):
    # Friday 27/11/2026 + 1 working day = Monday 30/11/2026.
    assert calendar.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert calendar.add_working_days(date(2026, 11, 27), 3) == date(2026, 12, 2)


def test_tet_2026_is_skipped(calendar):
    # Tết Bính Ngọ: Mùng 1 is Tuesday 17/02/2026; the VN calendar gives the days around it off.
    assert not calendar.is_working_day(date(2026, 2, 17))
    assert not calendar.is_working_day(date(2026, 2, 18))
    # Friday 13/02/2026 + 1 working day lands after the whole Tết break and its weekend.
    assert calendar.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    # 16/02 (Giao thừa) to 20/02 (Mùng bốn) are all days off.
    assert [calendar.is_working_day(date(2026, 2, day)) for day in range(16, 21)] == [False] * 5
    # A deadline falling in Tết moves to the next working day.
    assert calendar.next_working_day(date(2026, 2, 18)) == date(2026, 2, 23)


def test_national_day_and_reunification_day(calendar):
    assert not calendar.is_working_day(date(2026, 9, 2))
    assert not calendar.is_working_day(date(2026, 4, 30))
    assert not calendar.is_working_day(date(2026, 5, 1))


def test_zero_days_is_the_next_working_day(calendar):
    assert calendar.add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)
    assert calendar.add_working_days(date(2026, 11, 30), 0) == date(2026, 11, 30)


def test_negative_days_are_refused(calendar):
    with pytest.raises(ValueError, match="days"):
        calendar.add_working_days(date(2026, 11, 30), -1)


@pytest.mark.django_db
def test_admin_exceptions_extra_day_off_and_swapped_working_day():
    CalendarDay.objects.create(date=date(2026, 12, 1), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù")
    CalendarDay.objects.create(date=date(2026, 12, 5), kind=CalendarDay.Kind.WORKING_DAY, name="Làm bù")
    # Monday 30/11 + 1 skips Tuesday 01/12 (extra day off).
    assert add_working_days(date(2026, 11, 30), 1) == date(2026, 12, 2)
    # Friday 04/12 + 1 is Saturday 05/12, a swapped working day.
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 5)
    assert next_working_day(date(2026, 12, 1)) == date(2026, 12, 2)


def test_the_weekend_day_a_day_off_was_moved_from_is_worked(calendar):
    """31/08/2026 (Monday) is a day off moved from Saturday 22/08/2026, so 22/08 is worked."""
    assert not calendar.is_working_day(date(2026, 8, 31))
    assert calendar.is_working_day(date(2026, 8, 22))
    assert not calendar.is_working_day(date(2026, 8, 23))  # the Sunday stays off
    assert calendar.add_working_days(date(2026, 8, 20), 5) == date(2026, 8, 26)


# Every substitution the holidays package lists for 2025–2027 (2027 has none yet), worked out by hand from the
# Government's announcements it cites: (day off, weekend day worked instead).
SUBSTITUTIONS = [(date(2025, 5, 2), date(2025, 4, 26)), (date(2026, 8, 31), date(2026, 8, 22))]


@pytest.mark.parametrize(("day_off", "worked"), SUBSTITUTIONS)
def test_every_substituted_day_of_2025_to_2027(calendar, day_off, worked):
    assert worked.weekday() >= 5
    assert not calendar.is_working_day(day_off)
    assert calendar.is_working_day(worked)


def test_the_package_lists_exactly_those_substitutions_for_2025_to_2027():
    from directives.calendar import substituted_working_days

    listed = sorted(day for year in (2025, 2026, 2027) for day in substituted_working_days(year))
    assert listed == [worked for _off, worked in SUBSTITUTIONS]


@pytest.mark.django_db
def test_the_admin_can_still_make_a_substituted_weekend_day_a_day_off():
    CalendarDay.objects.create(date=date(2026, 8, 22), kind=CalendarDay.Kind.DAY_OFF, name="Điều chỉnh")
    assert not WorkingCalendar().is_working_day(date(2026, 8, 22))
