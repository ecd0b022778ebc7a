from datetime import date

import pytest

from support.analyses import analysis_of
from xrefviewer.core.claims import (
    action_class,
    bound_of,
    claim_window,
    claims_from,
    counted_parts,
    counted_words_match,
    noun_lemma,
)
from xrefviewer.core.rules import load_toml
from xrefviewer.core.timex import calendar_span

HALABJA = (
    "Nothing else. On June 3, 41 villagers were killed in the Halabja attack. Other news.",
    "2014-06-05",
    [
        ("date", "June 3", {"value": "2014-06-03"}),
        ("figure", "41", {"value": 41, "counts": "villagers", "action": "kill"}),
        ("name", "Halabja", {"value": "Halabja", "type": "place"}),
    ],
)


def test_a_claim_holds_what_is_counted_the_action_the_dates_and_the_names():
    [claim] = claims_from(analysis_of(HALABJA))
    assert claim.value == 41
    assert claim.counted == "villager"
    assert claim.counted_class == "person"
    assert claim.action == "kill"
    assert claim.bound == "exact"
    assert claim.dates == ("2014-06-03",)
    assert claim.names == ("Halabja",)
    assert claim.named_events == ("halabja|attack",)
    assert claim.quote == "On June 3, 41 villagers were killed in the Halabja attack."
    assert claim.window == (date(2014, 6, 3), date(2014, 6, 3))


def test_a_noun_that_names_the_outcome_carries_the_action():
    text = "Officials counted 38 deaths in Halabja."
    [claim] = claims_from(
        analysis_of((text, "2014-06-04", [("figure", "38", {"value": 38, "counts": "deaths"})]))
    )
    assert (claim.counted_class, claim.action) == ("person", "kill")


def test_a_bare_number_with_nothing_counted_and_no_action_claims_nothing():
    text = "The figure was 41 in the end."
    assert claims_from(analysis_of((text, None, [("figure", "41", {"value": 41})]))) == []


def test_an_undated_sentence_looks_back_a_week_from_the_report():
    assert claim_window((), "2014-06-10") == (date(2014, 6, 3), date(2014, 6, 10))
    assert claim_window((), None) is None
    assert claim_window(("PAST_REF",), None) is None


def test_a_killed_figure_with_nothing_counted_counts_people():
    text = "At least 41 were killed in Halabja."
    [claim] = claims_from(
        analysis_of(
            (
                text,
                None,
                [("figure", "41", {"value": 41, "action": "killed", "qualifier": "at least"})],
            )
        )
    )
    assert (claim.counted_class, claim.action, claim.bound) == ("person", "kill", "lower")


@pytest.mark.parametrize(
    "word, lemma",
    [("casualties", "casualty"), ("bodies", "body"), ("children", "child"), ("prisoners", "prisoner"),
     ("witnesses", "witness"), ("status", "status"), ("people", "people"), ("lives", "life")],
)  # fmt: skip
def test_noun_lemma(word, lemma):
    assert noun_lemma(word) == lemma


@pytest.mark.parametrize(
    "counts, expected",
    [
        ("political prisoners", ("political prisoner", "prisoner", None)),
        ("tonnes of ammonium nitrate", ("tonne", "tonne", "nitrate")),
        ("police officers", ("police officer", "police", None)),
        ("displaced people", ("displaced people", "refugee", None)),
        (None, (None, None, None)),
    ],
)
def test_counted_parts(counts, expected):
    assert counted_parts(counts) == expected


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2014-06-03", date(2014, 6, 3), date(2014, 6, 3)),
        ("2014-02", date(2014, 2, 1), date(2014, 2, 28)),
        ("1988", date(1988, 1, 1), date(1988, 12, 31)),
        ("2013-WI", date(2013, 12, 1), date(2014, 2, 28)),
        ("2014-W23", date(2014, 6, 2), date(2014, 6, 8)),
    ],
)
def test_calendar_span(value, first, last):
    assert calendar_span(value) == (first, last)


def test_calendar_span_is_none_off_the_calendar():
    assert calendar_span("PAST_REF") is None
    assert calendar_span("2014-13-40") is None


# -- the examples in the data file are its tests -------------------------------------------------


def _examples(section: str) -> list[tuple[str, str]]:
    return [
        (entry["name"], ex)
        for entry in load_toml("discrepancy_claims")[section]
        for ex in entry["examples"]
    ]


@pytest.mark.parametrize("cls, example", _examples("counted"), ids=lambda v: str(v)[:40])
def test_counted_class_example(cls, example):
    if " !~ " in example:
        a, b = example.split(" !~ ")
        assert not counted_words_match(a, b)
    else:
        a, b = example.split(" ~ ")
        assert counted_words_match(a, b)
        assert counted_parts(a)[1] == cls


@pytest.mark.parametrize("cls, example", _examples("action"), ids=lambda v: str(v)[:40])
def test_action_class_example(cls, example):
    word, expected = example.split(" => ")
    assert expected == cls
    assert action_class(word) == cls


@pytest.mark.parametrize("bound, example", _examples("bound"), ids=lambda v: str(v)[:40])
def test_bound_example(bound, example):
    qualifier, expected = example.split(" => ")
    assert expected == bound
    assert bound_of(qualifier) == bound


def test_unknown_actions_keep_their_lemma_and_unknown_qualifiers_read_as_exact():
    assert action_class("relocated") == "relocated"
    assert action_class(None) is None
    assert bound_of("reportedly") == "exact"
    assert bound_of(None) == "exact"


@pytest.mark.parametrize(
    "text, written, bound",
    [
        ("Between 30 and 40 people were killed.", "40", "upper"),
        ("Between 30 and 40 people were killed.", "30", "lower"),
        ("From 30 to 40 people were killed.", "40", "upper"),
        ("Some 30-40 people were killed.", "30", "lower"),
        ("Gunmen killed 12 and 40 were wounded.", "12", "exact"),
        ("Gunmen killed 41 people.", "41", "exact"),
    ],
)
def test_the_ends_of_a_range_are_bounds(text, written, bound):
    start = text.index(written)
    figure = ("figure", written, {"value": int(written), "counts": "people", "action": "kill"})
    [claim] = claims_from(analysis_of((text, None, [figure])))
    assert (claim.text, claim.bound) == (text[start : start + len(written)], bound)


def test_calendar_span_keeps_a_part_of_the_day_on_its_day():
    assert calendar_span("2021-03-01TNI") == (date(2021, 3, 1), date(2021, 3, 1))
