"""Date mentions in small sentences, with and without a document date, and the traps."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.core.dates import extract_dates

# The contract's TIMEX3 shape (tools/check_analysis.py).
TIMEX = re.compile(
    r"^(\d{4}|\d{3}X|\d{2}XX|XXXX)"
    r"(-(\d{2}|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]|XX))?"
    r"(-(\d{2}|WE|XX))?"
    r"(T[\dX:]+|TMO|TAF|TEV|TNI)?$"
    r"|^(PRESENT_REF|PAST_REF|FUTURE_REF)$"
    r"|^P(\d+|X)(Y|M|W|D|H|DE|CE)$"
)


def values(text: str, anchor: str | None = None) -> list[str]:
    return [d.value for d in extract_dates(text, anchor)]


def texts(text: str, anchor: str | None = None) -> list[str]:
    return [d.text for d in extract_dates(text, anchor)]


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        # full dates stand on their own
        ("Talks ended on July 28, 2009.", None, ["2009-07-28"]),
        ("It happened on 28 July 2009 in Baghdad.", "2020-01-01", ["2009-07-28"]),
        ("Wednesday, July 31, 2024", None, ["2024-07-31"]),
        ("The report (2009-07-28) was leaked.", None, ["2009-07-28"]),
        ("On Sept. 11, 2001, planes struck.", None, ["2001-09-11"]),
        ("He was born on the 3rd of June, 1950.", None, ["1950-06-03"]),
        # month and year, year alone
        ("Elections were held in October 2019.", None, ["2019-10"]),
        ("The camp was built in 1986 and closed in 2016.", None, ["1986", "2016"]),
        ("a truce signed in the summer of 2013", None, ["2013-SU"]),
        ("growth in the first quarter of 2014", None, ["2014-Q1"]),
        ("born in the 1980s", None, ["198X"]),
        # underspecified, resolved with the document's year
        ("The court sat on April 9.", "2014-06-03", ["2014-04-09"]),
        ("the minister said on May 18 that", "2014-06-03", ["2014-05-18"]),
        ("(Jam News – January 7)", "2014-01-20", ["2014-01-07"]),
        ("On December 20, police raided", "2014-01-20", ["2013-12-20"]),
        ("The summit will be held on February 2.", "2014-06-03", ["2015-02-02"]),
        ("in May of this year", "2019-12-10", ["2019-05"]),
        ("since Wednesday 25th September", "2019-12-10", ["2019-09-25"]),
        # relative to the document date
        ("Yesterday the spokesman said", "2009-07-28", ["2009-07-27"]),
        ("Three years ago the camp was attacked.", "2014-06-03", ["2011"]),
        ("Last week the army withdrew.", "2014-06-03", ["2014-W22"]),
        ("Last November they were moved.", "2014-06-03", ["2013-11"]),
        ("earlier this month", "2014-06-03", ["2014-06"]),
        ("The vote is next month.", "2014-06-03", ["2014-07"]),
        ("Last year 7 juveniles were executed, this year two.", "2019-12", ["2018", "2019"]),
        ("The UN rebuked the raid on Tuesday.", "2013-09-05", ["2013-09-03"]),
        ("on the 14th, when", "2014-06-20", ["2014-06-14"]),
        # a weekday chooses the year
        ("On Friday, April 9, the court ruled.", "2022-01-15", ["2021-04-09"]),
        ("On Tuesday, June 3, the spokeswoman said.", "2015", ["2014-06-03"]),
    ],
)
def test_sentences(sentence: str, anchor: str | None, expected: list[str]) -> None:
    assert values(sentence, anchor) == expected


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("They celebrated the 30th anniversary of the party.", "2014-06-03"),
        ("COVID-19 cases rose.", "2021-01-01"),
        ("They may leave; officials may not.", "2014-06-03"),
        ("A march through the city drew crowds.", "2014-06-03"),
        ("Police fired on the March demonstrators' camp.", "2014"),
        ("Over the past year prices rose.", "2014"),
        ("He served for 30 years and three months.", "2014-06-03"),
        ("The regime killed 116 residents, injured 1375, and took seven hostages.", "2014"),
        ("Some 2000 soldiers and 1500 police were deployed.", None),
        ("The 400-page report has a 10-point plan.", None),
        ("The meeting began at 10:30 and ended at 12:15.", "2014-06-03"),
        ("On Wednesday 23 they met.", None),
        ("He called on Tuesday.", "2014"),  # a lone weekday needs a day-precise anchor
        ("They met yesterday.", None),  # nothing to count from
        ("Friday prayers were cancelled.", "2014-06-03"),
        ("Room 2014 of building 1988.", None),
    ],
)
def test_not_dates(sentence: str, anchor: str | None) -> None:
    assert values(sentence, anchor) == []


def test_spans_leave_out_prepositions_and_keep_modifiers() -> None:
    text = "in 1988, since March, last October and on Tuesday, June 3"
    assert texts(text, "2014-06-05") == ["1988", "March", "last October", "Tuesday, June 3"]


def test_day_lists_give_one_mention_per_day() -> None:
    found = extract_dates("In statements of 7, 8 and 9 January, they warned.", "2014-01-20")
    assert [(d.text, d.value) for d in found] == [
        ("7", "2014-01-07"),
        ("8", "2014-01-08"),
        ("9 January", "2014-01-09"),
    ]


def test_a_range_takes_its_year_from_its_end() -> None:
    assert values("from December 28 to January 3, 2014", None) == ["2013-12-28", "2014-01-03"]


def test_relative_and_uncertain_flags() -> None:
    (full,) = extract_dates("on July 28, 2009", "2014-01-01", anchor_uncertain=True)
    assert (full.relative, full.uncertain) == (False, False)
    (rel,) = extract_dates("Yesterday they met.", "2009-07-28", anchor_uncertain=True)
    assert (rel.value, rel.relative, rel.uncertain) == ("2009-07-27", True, True)
    (sure,) = extract_dates("Yesterday they met.", "2009-07-28")
    assert (sure.relative, sure.uncertain) == (True, False)


def test_coarse_anchor_never_invents_a_day() -> None:
    (d,) = extract_dates("Yesterday they met.", "2009-07")
    assert (d.value, d.uncertain) == ("2009-07", True)


def test_without_anchor_a_missing_year_stays_unknown() -> None:
    assert values("on March 9 and in May.", None) == ["XXXX-03-09", "XXXX-05"]


def test_weekday_without_anchor_uses_the_latest_stated_date() -> None:
    found = extract_dates("On Tuesday, June 3, they recalled May 19, 2013.", None)
    assert [(d.value, d.uncertain) for d in found] == [("2014-06-03", True), ("2013-05-19", False)]


def test_past_and_future_weekdays() -> None:
    assert values("The council met on Friday.", "2013-09-03") == ["2013-08-30"]
    assert values("The council will meet on Friday.", "2013-09-03") == ["2013-09-06"]


def test_quoted_future_does_not_move_a_reported_date() -> None:
    text = "On September 12, the deputy said: “They will not succeed.”"
    assert values(text, "2014-01-20") == ["2013-09-12"]


def test_leap_day_only_in_leap_years() -> None:
    assert values("on February 29, 2016", None) == ["2016-02-29"]
    assert values("on February 29, 2015", None) == []
    assert values("on February 29", "2015-06-01") == []


@pytest.mark.parametrize("anchor", ["9999-12-31", "0001-01-01", "0000", "2014-02-30", "junk"])
def test_odd_anchors_do_not_break(anchor: str) -> None:
    for d in extract_dates("yesterday, tomorrow, next week, three years ago, on Monday", anchor):
        assert TIMEX.match(d.value)


def test_long_text_is_one_pass_and_ordered() -> None:
    text = "On 18 March 2013 they met. Yesterday they left. " * 500
    found = extract_dates(text, "2014-06-03")
    assert len(found) == 1000
    assert all(a.end <= b.start for a, b in pairwise(found))


_WORDS = st.sampled_from(
    [
        "on", "in", "the", "of", "since", "last", "next", "this", "year", "years", "ago",
        "week", "month", "May", "March", "June", "Tuesday", "Friday", "2014", "1988", "3",
        "21st", "7,", "8", "and", "9", "January", "yesterday", "today", "summer", "1980s",
        "first", "quarter", "Q2", "-", "–", ",", ".", "(", ")", "’s", "2013-06-03", "three",
        "29", "February", "31", "April", "mid-", "late", "recently", "the day before",
    ]
)  # fmt: skip
_ANCHORS = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join), _ANCHORS, st.booleans())
def test_property_dates_are_well_formed(text: str, anchor: str | None, unsure: bool) -> None:
    _check(text, anchor, unsure)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), _ANCHORS)
def test_property_any_text(text: str, anchor: str | None) -> None:
    _check(text, anchor, False)


def _check(text: str, anchor: str | None, unsure: bool) -> None:
    found = extract_dates(text, anchor, anchor_uncertain=unsure)
    for d in found:
        assert text[d.start : d.end] == d.text
        assert TIMEX.match(d.value), d.value
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_a_weekday_that_does_not_fit_near_the_anchor_is_a_slip() -> None:
    (d,) = extract_dates("On Tuesday, June 4, they met.", "2014-06-10")
    assert (d.value, d.uncertain) == ("2014-06-04", True)


def test_lone_weekday_without_a_document_day_uses_the_date_just_before() -> None:
    text = "- October 23, 2019\n\nA new book was released on Wednesday in Brussels."
    found = extract_dates(text, "2019-12")
    assert [(d.value, d.uncertain) for d in found] == [
        ("2019-10-23", False),
        ("2019-10-23", True),
    ]
    far = "- October 23, 2019\n\n" + "Nothing happened. " * 50 + "They met on Wednesday."
    assert values(far, "2019-12") == ["2019-10-23"]


def test_without_anchor_a_missing_year_comes_from_the_date_just_before() -> None:
    found = extract_dates(
        "Reuters reported on September 1, 2013. On September 3 the UN spoke.", None
    )
    assert [(d.value, d.uncertain) for d in found] == [("2013-09-01", False), ("2013-09-03", True)]


_FORMATS = [
    "{d:%B} {d.day}, {d.year}",
    "{d.day} {d:%B} {d.year}",
    "{d:%A}, {d:%B} {d.day}, {d.year}",
    "{d:%A} {d.day} {d:%B} {d.year}",
    "{d:%b}. {d.day}, {d.year}",
    "{d:%Y-%m-%d}",
    "the {d.day}th of {d:%B}, {d.year}",
]


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(_FORMATS),
    _ANCHORS,
)
def test_property_full_dates_read_back(d: date, form: str, anchor: str | None) -> None:
    written = form.format(d=d).replace("May.", "May")
    found = extract_dates(f"It happened on {written} in the city.", anchor)
    assert [x.value for x in found] == [d.isoformat()], written


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(1, 30),
)
def test_property_days_ago_and_weekdays_count_back(anchor: date, n: int) -> None:
    (ago,) = extract_dates(f"It happened {n} days ago.", anchor.isoformat())
    assert ago.value == (anchor - timedelta(days=n)).isoformat()
    (weekday,) = extract_dates(f"It happened on {anchor:%A}.", anchor.isoformat())
    assert weekday.value == anchor.isoformat()
