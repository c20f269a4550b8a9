"""Reporting-period arithmetic of Nghị định 09/2019/NĐ-CP Điều 12 (DESIGN §4): pure functions, no database."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("First 6 months")
    NINE_MONTHS = "nine_months", _("9 months")
    YEAR = "year", _("Year")


# How many periods of each kind a year has; index runs from 1.
PERIODS_PER_YEAR = {Kind.MONTH: 12, Kind.QUARTER: 4, Kind.HALF_YEAR: 1, Kind.NINE_MONTHS: 1, Kind.YEAR: 1}
# The month whose 14th is the cutoff of the period with index 1 (monthly and quarterly periods add to it).
_LAST_MONTH = {Kind.HALF_YEAR: 6, Kind.NINE_MONTHS: 9, Kind.YEAR: 12}
CUTOFF_DAY = 14
START_DAY = 15
ROMAN = ["I", "II", "III", "IV"]


@dataclass(frozen=True)
class PeriodDates:
    kind: str
    year: int
    index: int
    starts_on: date
    cutoff_on: date


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def period_dates(kind: str, year: int, index: int) -> PeriodDates:
    """Data window of a period: from the 15th of the month before its first month to the 14th of its last month."""
    kind = Kind(kind)
    if not 1 <= index <= PERIODS_PER_YEAR[kind]:
        raise ValueError(f"{kind} has no period {index}")
    if kind == Kind.MONTH:
        first_month = last_month = index
    elif kind == Kind.QUARTER:
        first_month, last_month = 3 * index - 2, 3 * index
    else:
        # Half year, nine months and year all count from the start of the year.
        first_month, last_month = 1, _LAST_MONTH[kind]
    start_year, start_month = _previous_month(year, first_month)
    return PeriodDates(
        kind=kind,
        year=year,
        index=index,
        starts_on=date(start_year, start_month, START_DAY),
        cutoff_on=date(year, last_month, CUTOFF_DAY),
    )


def periods_from(kind: str, year: int) -> Iterator[PeriodDates]:
    """Every period of the kind in order, starting with the first one of the year; endless."""
    while True:
        for index in range(1, PERIODS_PER_YEAR[Kind(kind)] + 1):
            yield period_dates(kind, year, index)
        year += 1


def period_label(kind: str, year: int, index: int) -> str:
    """'quý I năm 2026', '6 tháng đầu năm 2026' ... in the active language, lower case to fit in a sentence."""
    kind = Kind(kind)
    if kind == Kind.MONTH:
        return gettext("month %(month)d of %(year)d") % {"month": index, "year": year}
    if kind == Kind.QUARTER:
        return gettext("quarter %(quarter)s of %(year)d") % {"quarter": ROMAN[index - 1], "year": year}
    if kind == Kind.HALF_YEAR:
        return gettext("the first 6 months of %(year)d") % {"year": year}
    if kind == Kind.NINE_MONTHS:
        return gettext("the first 9 months of %(year)d") % {"year": year}
    return gettext("the year %(year)d") % {"year": year}


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of the day in Asia/Ho_Chi_Minh, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


def end_of_day(day: date) -> datetime:
    """The first instant after the day in Asia/Ho_Chi_Minh: compare with `<`, never `<=`."""
    return start_of_day(day + timedelta(days=1))
