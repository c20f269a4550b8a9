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
