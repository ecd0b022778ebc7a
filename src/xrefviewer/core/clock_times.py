"""Times of day joined to the day they fall on: "3 p.m. Friday", "Friday at 10:30",
"Monday morning", "last night".

TIMEX3 gives such a mention its day and its time ("2021-10-29T15:00", "2021-10-25TMO"). A
clock time with no day written beside it is left alone: which day it falls on is a guess.
"""

from __future__ import annotations

import re
from dataclasses import replace

from xrefviewer.core.model import DateSpan

FULL_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # a TIMEX3 value of one whole day

# "a.m." keeps its last dot; in "10am." the dot ends the sentence
_MERIDIEM = r"[AaPp](?:\.\s?[Mm]\.?|\s?[Mm](?![A-Za-z]))"
_CLOCK = (
    r"(?P<clock>(?P<h24>[01]?[0-9]|2[0-3]):(?P<m24>[0-5][0-9])(?:\s*(?P<mer24>" + _MERIDIEM + "))?"
    # "10.30am": with a dot, only a meridiem tells a time from a decimal
    r"|(?P<hdot>1[0-2]|0?[1-9])\.(?P<mdot>[0-5][0-9])\s*(?P<merdot>" + _MERIDIEM + ")"
    r"|(?P<h12>1[0-2]|0?[1-9])\s*(?P<mer12>" + _MERIDIEM + ")"
    r"|(?P<word>noon|midday|midnight))"
)
# A zone after the time belongs to the time ("3 p.m. EDT Friday"); only zones, so that an
# acronym after a time is never swallowed.
_ZONE = r"(?:\s+\(?(?:local\s+time|GMT|UTC|[ECMP][SD]T|BST|CEST|CET|EEST|EET|IST|JST|AE[SD]T)\)?)?"
_BEFORE = re.compile(r"(?<![0-9:.,])" + _CLOCK + _ZONE + r"\s+(?:on\s+)?$")
_AFTER = re.compile(r",?\s+(?:at\s+(?:around\s+|about\s+)?)?" + _CLOCK + _ZONE + r"(?![:0-9])")
_PART_AFTER = re.compile(r"\s+(?P<part>morning|afternoon|evening|night)\b")
_PART_AT_END = re.compile(r"(?:\b(?P<part>morning|afternoon|evening|night)|tonight)$", re.I)
_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
# Cheap tests that spare most days the searches above, which try every position: the last
# letter of a part of the day (what `_PART_AT_END` needs; its `$` also matches before a
# last newline) and what any clock has in it (a clock before a day is in the text before
# it, and `_BEFORE` takes no other).
_PART_LAST_LETTERS = frozenset("gGnNtT\n")
_CLOCK_HINT = re.compile(r"[0-9]|noon|mid")
# how far before a day to look for its time: "10:30 a.m. EEST on " is 19 characters
_LOOK_BEHIND = 32


def attach_times(text: str, dates: list[DateSpan]) -> list[DateSpan]:
    """The same spans, with a time of day written next to a full day taken into it."""
    out: list[DateSpan] = []
    timed: list[int] = []  # where a span took a time
    floor = 0  # a time must not reach into the span before
    for d in dates:
        if (
            len(d.value) >= 10  # (what FULL_DAY needs: most values are shorter)
            and FULL_DAY.match(d.value)
            and (with_time := _with_time(text, d, floor)) is not d
        ):
            timed.append(len(out))
            d = with_time
        out.append(d)
        floor = d.end
    # a time between two days belongs to the first one only
    for i in timed:
        if i + 1 < len(out) and out[i].end > out[i + 1].start:
            out[i] = dates[i]
    return out


def _with_time(text: str, d: DateSpan, floor: int) -> DateSpan:
    start, end, clock, part = d.start, d.end, "", ""
    ending = _PART_AT_END.search(d.text) if d.text[-1:] in _PART_LAST_LETTERS else None
    if ending:  # "last night", "this morning", "tonight"
        part = _PARTS[ending["part"].lower()] if ending["part"] else "TNI"
    elif after := _PART_AFTER.match(text, end):
        part, end = _PARTS[after["part"]], after.end()
    elif after := _AFTER.match(text, end):
        clock, end = _clock(after), after.end()
    lo = max(floor, start - _LOOK_BEHIND)
    if (
        not clock
        and _CLOCK_HINT.search(text, lo, start)
        and (before := _BEFORE.search(text, lo, start))
    ):
        clock, start = _clock(before), before.start()  # "at 9 a.m. this morning": the clock
    suffix = "T" + clock if clock else part
    if not suffix:
        return d
    return replace(d, start=start, end=end, text=text[start:end], value=d.value + suffix)


def _clock(m: re.Match[str]) -> str:
    if m["word"]:
        return "24:00" if m["word"].lower() == "midnight" else "12:00"
    if m["h24"] is not None:
        hour, minute, meridiem = int(m["h24"]), int(m["m24"]), m["mer24"]
    elif m["hdot"] is not None:
        hour, minute, meridiem = int(m["hdot"]), int(m["mdot"]), m["merdot"]
    else:
        hour, minute, meridiem = int(m["h12"]), 0, m["mer12"]
    if meridiem:
        afternoon = meridiem[0] in "Pp"
        hour = hour % 12 + (12 if afternoon else 0)
    return f"{hour:02d}:{minute:02d}"
