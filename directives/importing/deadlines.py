"""Deadlines as items write them: "hoàn thành trước ngày 30/5/2020", "trong quý II năm 2020", "hằng năm"."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .citations import make_date
from .numerals import from_roman


@dataclass(frozen=True)
class ProposedDeadline:
    """A deadline read from a task's sentence: a day, or a recurring or standing duty (``on`` is None)."""

    kind: str  # "date" | "yearly" | "standing"
    on: date | None
    text: str


_DAY = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
_LONG_DAY = r"(?P<ld>\d{1,2})\s+tháng\s+(?P<lm>\d{1,2})\s+năm\s+(?P<ly>\d{4})"
_BY_DAY = re.compile(
    r"(?:(?:hoàn\s+thành|xong|báo\s+cáo|gửi)\s+)?(?:trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất|đến|hạn(?:\s+chót)?)"
    r"\s+(?:(?:là|vào)\s+)?ngày\s+(?:" + _DAY + "|" + _LONG_DAY + ")",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"(?:trong\s+)?quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s+năm\s+|\s*/\s*)(?P<y>\d{4})", re.IGNORECASE)
_MONTH = re.compile(r"(?<!\d\s)(?:trong\s+)?tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+|\s*/\s*)(?P<y>\d{4})", re.IGNORECASE)
_YEARLY = re.compile(r"\b(?:hằng|hàng)\s+năm\b", re.IGNORECASE)
_STANDING = re.compile(r"\b(?:thường\s+xuyên|liên\s+tục)\b", re.IGNORECASE)


def _end_of_month(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _by_day(sentence: str) -> ProposedDeadline | None:
    match = _BY_DAY.search(sentence)
    if not match:
        return None
    if match.group("d"):
        on = make_date(match.group("d"), match.group("m"), match.group("y"))
    else:
        on = make_date(match.group("ld"), match.group("lm"), match.group("ly"))
    return ProposedDeadline("date", on, match.group(0)) if on else None


def _by_period(sentence: str) -> ProposedDeadline | None:
    quarter = _QUARTER.search(sentence)
    if quarter:
        raw = quarter.group("q").upper()
        number = int(raw) if raw.isdigit() else from_roman(raw)
        on = _end_of_month(int(quarter.group("y")), 3 * number) if number else None
        if on:
            return ProposedDeadline("date", on, quarter.group(0))
    month = _MONTH.search(sentence)
    if month:
        on = _end_of_month(int(month.group("y")), int(month.group("m")))
        if on:
            return ProposedDeadline("date", on, month.group(0))
    return None


def find_deadline(sentence: str) -> ProposedDeadline | None:
    """The deadline a task's sentence sets, the most precise first; None where it sets none."""
    found = _by_day(sentence) or _by_period(sentence)
    if found:
        return found
    yearly = _YEARLY.search(sentence)
    if yearly:
        return ProposedDeadline("yearly", None, yearly.group(0))
    standing = _STANDING.search(sentence)
    if standing:
        return ProposedDeadline("standing", None, standing.group(0))
    return None
