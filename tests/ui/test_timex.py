from datetime import date

import pytest

from xrefviewer.ui import timex


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("2014-02", date(2014, 2, 1), date(2014, 2, 28)),
        ("2014-06-03", date(2014, 6, 3), date(2014, 6, 3)),
        ("2014-W01", date(2013, 12, 30), date(2014, 1, 5)),
        ("2013-SU", date(2013, 6, 1), date(2013, 8, 31)),
        ("2013-WI", date(2013, 12, 1), date(2014, 2, 28)),
        ("2013-Q2", date(2013, 4, 1), date(2013, 6, 30)),
        ("2014-06-03T10:00", date(2014, 6, 3), date(2014, 6, 3)),
    ],
)
def test_span(value, first, last):
    assert timex.span(value) == (first, last)


@pytest.mark.parametrize("value", ["PAST_REF", "", "XXXX-06", "2014-13"])
def test_values_off_the_calendar_have_no_span(value):
    assert timex.span(value) is None


def test_bounds_stand_for_the_start_or_the_end_of_what_they_name():
    assert timex.parse_bound("2014", end=False) == date(2014, 1, 1)
    assert timex.parse_bound("2014-02", end=True) == date(2014, 2, 28)
    assert timex.parse_bound("  ", end=True) is None
    assert timex.parse_bound("June", end=True) is None


def test_overlaps():
    june = (date(2014, 6, 1), date(2014, 6, 30))
    assert timex.overlaps("2014-06-03", *june)
    assert timex.overlaps("2014", *june)  # a year touches any of its months
    assert not timex.overlaps("2013-03", *june)
    assert not timex.overlaps("PAST_REF", *june)
    assert timex.overlaps("PAST_REF", None, None)
    assert timex.overlaps("2015", date(2015, 1, 1), None)
