"""TIMEX3 values: parsing a document date into an anchor, calendar arithmetic, formatting.

Values keep the precision the text gives: "1988", "2013-10", "2014-06-03", "2019-W43",
"2013-SU", "2014-Q1", "198X". An anchor coarser than an expression needs (a month for
"yesterday") yields the anchor's own precision, flagged uncertain, never an invented day.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

_ANCHOR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The document date as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Anchor:
        """`Anchor.parse("2014-06")` -> Anchor(2014, 6); unknown shapes keep what they can."""
        if not value:
            return cls()
        week = _WEEK.match(value)
        if week:
            return cls(int(week.group(1)))
        match = _ANCHOR.match(value)
        if not match:
            return cls()
        year, month, day = (int(g) if g else None for g in match.groups())
        if not year:
            return cls()
        if month is not None and not 1 <= month <= 12:
            return cls(year)
        if day is not None and valid_day(year, month, day) is None:  # type: ignore[arg-type]
            return cls(year, month)
        return cls(year, month, day)

    @property
    def date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None

    def truncated(self) -> str | None:
        """The anchor's own value, at its own precision."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def valid_day(year: int | None, month: int, day: int) -> date | None:
    """The calendar day, or None when it does not exist (Feb 30; Feb 29 of a common year)."""
    try:
        return date(year if year else 2000, month, day)  # 2000: leap, so "February 29" passes
    except ValueError:
        return None


def easter(year: int) -> date:
    """Western Easter Sunday of a year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the computus's own name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def moving_holiday(rule: str, year: int) -> date | None:
    """The day of a holiday that moves with the year: "easter+1" (Easter Monday), "11-4-4"
    (the fourth Thursday of November), "05-L-1" (the last Monday of May)."""
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:] or 0))
    month, nth, weekday = rule.split("-")
    first = date(year, int(month), 1)
    if nth == "L":
        last = date(year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - int(weekday)) % 7)
    offset = (int(weekday) - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (int(nth) - 1))


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"


def underspecified_day(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


def week_value(d: date) -> str:
    iso_year, iso_week, _ = d.isocalendar()
    return f"{iso_year:04d}-W{iso_week:02d}"


def decade_value(year: int) -> str:
    return f"{year // 10:03d}X"


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    d = date(year, month, 1) + relativedelta(months=months)
    return d.year, d.month


def shift(anchor: Anchor, unit: str, amount: int) -> tuple[str, bool] | None:
    """The value `amount` units from the anchor ("three years ago": year, -3) and whether it
    had to fall back to the anchor's coarser precision. None without an anchor year."""
    if anchor.year is None:
        return None
    if unit == "year":
        return f"{anchor.year + amount:04d}", False
    if unit == "decade":
        return decade_value(anchor.year + 10 * amount), False
    if unit == "quarter":
        if anchor.month is None:
            return anchor.truncated() or "", True
        y, m = shift_months(anchor.year, anchor.month, 3 * amount)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}", False
    if unit == "month":
        if anchor.month is None:
            return anchor.truncated() or "", True
        y, m = shift_months(anchor.year, anchor.month, amount)
        return month_value(y, m), False
    d = anchor.date
    if d is None:
        return anchor.truncated() or "", True
    if unit == "week":
        return week_value(d + timedelta(weeks=amount)), False
    return day_value(d + timedelta(days=amount)), False


def nearest_year_with_weekday(
    month: int, day: int, weekday: int, around: int, limit: int = 11
) -> int | None:
    """The year nearest `around` (the earlier one on a tie) in which month/day falls on the
    ISO weekday; weekdays repeat within 11 years, so `limit` = 11 always finds one."""
    for offset in range(limit + 1):
        for year in (around - offset, around + offset) if offset else (around,):
            d = valid_day(year, month, day)
            if d is not None and d.year == year and d.isoweekday() == weekday:
                return year
    return None


def years_with_weekday(month: int, day: int, weekday: int, first: int, last: int) -> list[int]:
    """Every year in [first, last] where month/day falls on the ISO weekday."""
    out = []
    for year in range(first, last + 1):
        try:
            if date(year, month, day).isoweekday() == weekday:
                out.append(year)
        except ValueError:
            continue
    return out


_SPAN_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_SPAN_PARTS = {
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
}
# A prefix match: "2014-06-03TNI" (a part of the day) is still on 3 June.
_SPAN_VALUE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-(SP|SU|FA|AU|WI|Q[1-4]|H[12]))?"
)


def calendar_span(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 value covers: "2014" the year, "2014-06" the month,
    "2014-W23" the week, "2014-SU" the summer (winter runs into the next year); None for
    values off the calendar ("PAST_REF") or impossible days."""
    m = _SPAN_VALUE.match(value or "")
    if not m:
        return None
    year = int(m[1])
    try:
        if m[3]:
            day = date(year, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            return _month_range(year, int(m[2]), int(m[2]))
        if m[4]:
            monday = date.fromisocalendar(year, int(m[4]), 1)
            return monday, monday + timedelta(days=6)
        if m[5]:
            first, last = (_SPAN_SEASONS | _SPAN_PARTS)[m[5]]
            return _month_range(year, first, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _month_range(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return date(year, first, 1), date(end_year, end_month, monthrange(end_year, end_month)[1])
