"""Times of day joined to the day they fall on."""

from __future__ import annotations

from itertools import pairwise

import pytest

from xrefviewer.core.dates import extract_dates


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        (
            "At 3 p.m. EDT Friday, the stock traded at $5.",
            "1989-10-25",
            [("3 p.m. EDT Friday", "1989-10-20T15:00")],
        ),
        (
            "The meeting is at 10:30 a.m. today.",
            "1989-10-25",
            [("10:30 a.m. today", "1989-10-25T10:30")],
        ),
        (
            "The blast struck on Sunday at around 9:15 local time.",
            "1989-10-25",
            [("Sunday at around 9:15 local time", "1989-10-22T09:15")],
        ),
        (
            "The curfew starts at midnight on Oct. 27.",
            "1989-10-25",
            [("midnight on Oct. 27", "1989-10-27T24:00")],
        ),
        (
            "Talks will resume Thursday, 10 a.m., in Geneva.",
            "1989-10-25",
            [("Thursday, 10 a.m.", "1989-10-26T10:00")],
        ),
        (
            "The verdict came on 20 October at 12 p.m.",
            "1989-10-25",
            [("20 October at 12 p.m.", "1989-10-20T12:00")],
        ),
        (
            "He was arrested on Monday at 12.15am.",
            "1989-10-25",
            [("Monday at 12.15am", "1989-10-23T00:15")],
        ),
        ("The strike was felt at 2240 GMT Monday.", "1989-10-25", [("Monday", "1989-10-23")]),
        # parts of the day
        ("He spoke Monday morning.", "1989-10-25", [("Monday morning", "1989-10-23TMO")]),
        ("Police arrived last night.", "1989-10-25", [("last night", "1989-10-24TNI")]),
        ("He will speak tonight.", "1989-10-25", [("tonight", "1989-10-25TNI")]),
        (
            "I saw him at 9 a.m. this morning.",
            "1989-10-25",
            [("9 a.m. this morning", "1989-10-25T09:00")],
        ),
        # no day beside the time, or a day that is not a full day: nothing is joined
        ("The 11 a.m. session on Monday was short.", "1989-10-25", [("Monday", "1989-10-23")]),
        ("The shop opens at 9 a.m.", "1989-10-25", []),
        ("in March at 10 a.m.", "1989-10-25", [("March", "1989-03")]),
        # a count after a weekday is no time
        ("On Friday, 12 people were killed.", "1989-10-25", [("Friday", "1989-10-20")]),
        ("On Friday 10 soldiers died.", "1989-10-25", [("Friday", "1989-10-20")]),
    ],
)
def test_time_of_day(text: str, anchor: str, expected: list[tuple[str, str]]) -> None:
    assert [(d.text, d.value) for d in extract_dates(text, anchor)] == expected


def test_a_time_between_two_days_goes_to_one_of_them() -> None:
    text = "from Monday 10 a.m. Tuesday"
    spans = extract_dates(text, "1989-10-25")
    assert [d.value for d in spans] in (
        ["1989-10-23T10:00", "1989-10-24"],
        ["1989-10-23", "1989-10-24T10:00"],
    )
    assert all(a.end <= b.start for a, b in pairwise(spans))
