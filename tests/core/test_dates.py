"""Date mentions in small sentences, with and without a document date."""

from __future__ import annotations

from xrefviewer.core.dates import extract_dates


def values(text: str, anchor: str | None = None) -> list[str]:
    return [d.value for d in extract_dates(text, anchor)]


def test_full_dates_need_no_anchor() -> None:
    assert values("Talks ended on July 28, 2009 and resumed on 18 March 2013.") == [
        "2009-07-28",
        "2013-03-18",
    ]


def test_relative_dates_are_flagged() -> None:
    (d,) = extract_dates("Yesterday the spokesman spoke.", "2009-07-28", anchor_uncertain=True)
    assert (d.value, d.relative, d.uncertain) == ("2009-07-27", True, True)


def test_spans_slice_back() -> None:
    text = "On Tuesday, June 3, just two days after the 1988 massacre anniversary"
    for d in extract_dates(text, "2014-06-05"):
        assert text[d.start : d.end] == d.text
