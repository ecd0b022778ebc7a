"""Which calendar days a TIMEX3 value covers, so that the event list can filter by a range.

"2014" covers the whole year, "2014-06" the month, "2014-W23" the week, "2014-SU" the
summer; values that are not on the calendar ("PAST_REF", "FUTURE_REF") cover nothing.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_QUARTERS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12)}
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-(SP|SU|FA|AU|WI|Q[1-4]|H[12]))?")


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return date(year, first, 1), date(
        end_year, end_month, calendar.monthrange(end_year, end_month)[1]
    )


def span(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 value covers, or None when it has no place on the calendar."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    year = int(m[1])
    try:
        if m[3]:
            day = date(year, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            return _months(year, int(m[2]), int(m[2]))
        if m[4]:
            monday = date.fromisocalendar(year, int(m[4]), 1)
            return monday, monday + timedelta(days=6)
        if m[5]:
            first, last = (_SEASONS | _QUARTERS)[m[5]]
            return _months(year, first, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def parse_bound(text: str, *, end: bool) -> date | None:
    """A filter bound typed by a person: "2014", "2014-06" or "2014-06-03"; None if empty or unreadable.

    An end bound stands for the last day of what it names, a start bound for the first.
    """
    covered = span(text.strip()) if text.strip() else None
    if covered is None:
        return None
    return covered[1] if end else covered[0]


def overlaps(value: str, first: date | None, last: date | None) -> bool:
    """Whether a TIMEX3 value's days meet the range; open ends are unbounded."""
    if first is None and last is None:
        return True
    covered = span(value)
    if covered is None:
        return False
    return (last is None or covered[0] <= last) and (first is None or covered[1] >= first)
