"""Which calendar days a TIMEX3 value covers, so that the event list can filter by a range.

"2014" covers the whole year, "2014-06" the month, "2014-W23" the week, "2014-SU" the
summer; values that are not on the calendar ("PAST_REF", "FUTURE_REF") cover nothing.
"""

from __future__ import annotations

from datetime import date

from xrefviewer.core.timex import calendar_span

span = calendar_span


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
