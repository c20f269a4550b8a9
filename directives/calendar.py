"""Working days in Việt Nam: weekends and public holidays off, the weekend days worked in exchange for a day off,
plus the admin's exceptions (which win)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from holidays.countries.vietnam import VietnamStaticHolidays

from .models import CalendarDay


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.VN(years=year))


def _substitutions(year: int) -> list[tuple[date, date]]:
    """(day off, weekend day worked instead) that the Government decided in `year`, from the holidays package's data.

    Each entry is (month, day, month worked, day worked[, year worked]): 2026's (8, 31, 8, 22) moved the work of
    Monday 31/08 to Saturday 22/08.
    """
    entries = VietnamStaticHolidays.special_public_holidays.get(year, ())
    if entries and isinstance(entries[0], int):
        entries = (entries,)
    pairs = []
    for entry in entries:
        month, day, worked_month, worked_day, *worked_year = entry
        pairs.append((date(year, month, day), date(worked_year[0] if worked_year else year, worked_month, worked_day)))
    return pairs


@lru_cache(maxsize=32)
def substituted_working_days(year: int) -> frozenset[date]:
    """Weekend days of `year` that are working days, because a day off was moved from them."""
    return frozenset(
        worked
        for decided in (year - 1, year, year + 1)
        for _off, worked in _substitutions(decided)
        if worked.year == year
    )


class WorkingCalendar:
    """Loads the admin's exceptions once, so a loop over many deadlines costs one query."""

    def __init__(self, exceptions: dict[date, str] | None = None) -> None:
        if exceptions is None:
            exceptions = dict(CalendarDay.objects.values_list("date", "kind"))
        self._exceptions = exceptions

    def is_working_day(self, day: date) -> bool:
        kind = self._exceptions.get(day)
        if kind == CalendarDay.Kind.DAY_OFF:
            return False
        if kind == CalendarDay.Kind.WORKING_DAY:
            return True
        if day in substituted_working_days(day.year):
            return True
        return day.weekday() < 5 and day not in _public_holidays(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        """The day N working days after start (start itself not counted); N >= 0."""
        if days < 0:
            raise ValueError("days must be >= 0")
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current if days else self.next_working_day(start)

    def next_working_day(self, day: date) -> date:
        """The day itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def add_working_days(start: date, days: int) -> date:
    return WorkingCalendar().add_working_days(start, days)


def next_working_day(day: date) -> date:
    return WorkingCalendar().next_working_day(day)
