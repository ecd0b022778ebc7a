"""Figure extraction: values, traps, context, exclusions, and robustness on any text."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.core.figures import extract_figures


def values(text: str, exclude: list[tuple[int, int]] | None = None) -> list[int | float]:
    return [f.value for f in extract_figures(text, exclude or [])]


def only(text: str):
    [figure] = extract_figures(text)
    return figure


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,500 refugees", 12500),
        ("1375 homes were destroyed", 1375),
        ("2.5 million people", 2_500_000),
        ("40% of voters", 40),
        ("$3 billion in aid", 3_000_000_000),
        ("nine boats", 9),
        ("sixty-four villages", 64),
        ("sixty- four villages", 64),
        ("forty -two families", 42),
        ("two hundred and ten families", 210),
        ("six thousand troops", 6000),
        ("Two million people", 2_000_000),
        ("0.5 percent of the budget", 0.5),
        ("1,234,567 voters", 1_234_567),
        ("3 hundred soldiers", 300),
        ("THIRTY prisoners", 30),
    ],
)
def test_values(text: str, value: float) -> None:
    assert values(text) == [value]


def test_value_is_an_int_when_whole() -> None:
    assert isinstance(only("2.5 million people").value, int)
    assert isinstance(only("2.5 tonnes of rice").value, float)


@pytest.mark.parametrize(
    "text",
    [
        "on June 3 the camp was raided",
        "on 3 June the camp was raided",
        "The 1988 massacre is remembered.",
        "in 1988",
        "It opened at 10:30 and closed at 3 p.m.",
        "Resolution 2231 of the Security Council",
        "Article 5 applies.",
        "Case No. 12 was closed.",
        "the COVID-19 crisis",
        "an F-16 and a MiG-29",
        "the G7 and G20",
        "Call +44 20 7946 0958.",
        "1. In a replica story, the paper said",
        "(3) the camp",
        "a) the camp",
        "the 14th of the month",
        "the 25th anniversary",
        "one of the most important men",
        "No one was hurt.",
        "the one who spoke",
        "A man was hurt.",
        "An officer spoke.",
        "tens of thousands marched",
        "ISBN 978-0-306-40615-7",
        "version 3.2.1 was released",
        "room 101",
    ],
)
def test_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_a_month_that_ends_a_sentence_leaves_the_next_number_a_figure() -> None:
    assert values("It collapsed on 9 April. Fourteen died at the scene.") == [14]
    assert values("It collapsed in April. 14 died.") == [14]
    assert values("The talks resume on Sept. 9 in Geneva.") == []


def test_numbers_inside_excluded_spans_are_skipped() -> None:
    text = "On 12 May 2014, 41 people were killed."
    date = (text.index("12"), text.index(",", 3))
    [figure] = extract_figures(text, [date])
    assert figure.text == "41"


def test_exclusions_may_nest_and_come_in_any_order() -> None:
    text = "41 people, 52 people, 63 people"
    spans = [(22, 31), (0, 20), (2, 5)]
    assert values(text, spans) == []
    assert values(text, [(11, 13)]) == [41, 63]


def test_spans_are_tight_and_slice_back() -> None:
    text = "Officials said more than 30,000 political prisoners were executed."
    figure = only(text)
    assert (figure.text, text[figure.start : figure.end]) == ("30,000", "30,000")
    assert figure.qualifier == "more than"
    assert figure.counts == "political prisoners"
    assert figure.action == "execute"


def test_counts_keep_proper_modifiers_as_written() -> None:
    figure = only("They have taken seven PMOI (MEK) members hostage.")
    assert figure.counts == "PMOI (MEK) members"
    assert figure.action == "take hostage"


def test_elliptical_figure_keeps_its_own_verb_and_no_noun() -> None:
    text = "The regime has killed 116 residents, injured 1375, and taken seven members hostage."
    killed, injured, taken = extract_figures(text)
    assert (killed.value, killed.counts, killed.action) == (116, "residents", "kill")
    assert (injured.value, injured.counts, injured.action) == (1375, None, "injure")
    assert (taken.value, taken.action) == (7, "take hostage")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Troops killed 41 villagers.", "kill"),
        ("41 people were killed.", "kill"),
        ("41 people died.", "kill"),
        ("41 people lost their lives.", "kill"),
        ("The death toll rose to 41.", "kill"),
        ("Police detained 41 protesters.", "arrest"),
        ("Police arrested 41 protesters.", "arrest"),
        ("The floods displaced 41 families.", "displace"),
        ("41 families were displaced.", "displace"),
        ("The blast wounded 41 people.", "injure"),
        ("41 people were injured.", "injure"),
        ("The regime executed 41 prisoners.", "execute"),
        ("Gunmen kidnapped 41 pupils.", "abduct"),
        ("The army freed 41 hostages.", "release"),
        ("They held 41 people hostage.", "take hostage"),
        ("41 people attended the rally.", None),
        ("the 1988 massacre in which 30,000 prisoners were killed", "kill"),
    ],
)
def test_actions(text: str, action: str | None) -> None:
    figures = extract_figures(text)
    assert figures[-1].action == action


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("over 300 people", "over"),
        ("more than 300 people", "more than"),
        ("Some 300 people", "some"),
        ("at least 300 people", "at least"),
        ("about 300 people", "about"),
        ("nearly 300 people", "nearly"),
        ("up to 300 people", "up to"),
        ("300 people", None),
    ],
)
def test_qualifiers(text: str, qualifier: str | None) -> None:
    assert only(text).qualifier == qualifier


def test_a_year_number_that_counts_is_a_figure() -> None:
    assert values("Some 2000 soldiers crossed.") == [2000]
    assert values("In 2000 soldiers crossed.") == []  # a year after "in"


def test_a_year_modifying_a_singular_noun_is_no_figure() -> None:
    assert values("The 2013 attack and the 1988 massacre.") == []


def test_ages_and_compounds() -> None:
    figure = only("Her 16-year-old brother was executed.")
    assert (figure.text, figure.value, figure.unit, figure.counts) == (
        "16",
        16,
        "year-old",
        "brother",
    )
    assert figure.action == "execute"


def test_counts_stop_at_verbs_and_adverbs() -> None:
    assert only("two political prisoners went on strike").counts == "political prisoners"
    assert only("over 30,000 political prisoners mostly members").counts == ("political prisoners")
    assert only("one person explaining the rules").counts == "person"


def test_multiline_text_keeps_lines_apart() -> None:
    text = "Executed\n41 people attended."
    assert only(text).action is None


def test_figures_come_in_text_order() -> None:
    text = "nine boats, 12 cars, three hundred people and 40% of them"
    assert [f.start for f in extract_figures(text)] == sorted(
        f.start for f in extract_figures(text)
    )
    assert values(text) == [9, 12, 300, 40]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_spans_slice_back_on_any_text(text: str) -> None:
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text
        assert figure.start < figure.end


_NUMBERISH = st.lists(
    st.sampled_from(
        [
            "one", "two", "sixty", "-", " ", "hundred", "and", "thousand", "1", "30,000",
            "2.5", "million", "%", "$", "people", "killed", "were", "of", "the", "(3)",
            "1.", "\n", "İ", "ǅ", "years", "old", "-year-old", "hostage", ",", ".",
        ]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_NUMBERISH, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)), max_size=4))
def test_never_raises_on_number_soup(text: str, raw_spans: list[tuple[int, int]]) -> None:
    spans = [(s, s + n) for s, n in raw_spans]
    figures = extract_figures(text, spans)
    for before, after in pairwise(figures):
        assert before.end <= after.start  # in text order, never overlapping
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
        assert isinstance(figure.value, int | float)
        for s, e in spans:
            assert figure.end <= s or figure.start >= e


def test_no_break_spaces_count_as_spaces() -> None:
    figure = only("brought 20\u00a0others to\u00a0death")
    assert (figure.counts, figure.action) == ("others", "kill")
    figure = only("more\u00a0than 5,000\u202fpeople were killed")
    assert (figure.qualifier, figure.counts, figure.action) == ("more than", "people", "kill")


def test_text_that_changes_length_when_lowered_keeps_offsets() -> None:
    text = "İİİ killed 41 villagers"
    figure = only(text)
    assert text[figure.start : figure.end] == "41"
    assert figure.action == "kill"


@pytest.mark.parametrize("space", [" ", "\t", "\u00a0", "\u2009", "\u202f"])
def test_every_kind_of_space_reads_the_same(space: str) -> None:
    # the scanners and the action after a figure read a copy of the text with plain spaces
    text = (
        "Gunmen killed more than two hundred and ten villagers; 41 wounded soldiers were"
        " evacuated, 15 people were killed at 3 p.m. and 40 per cent of voters"
    )

    def read(text: str) -> list[tuple]:
        return [
            (f.value, " ".join((f.counts or "").split()), f.qualifier, f.action, f.unit)
            for f in extract_figures(text)
        ]

    assert read(text.replace(" ", space)) == read(text)
    assert [f[0] for f in read(text)] == [210, 41, 15, 40]


def test_figure_spans_are_made_as_the_dataclass_makes_them() -> None:
    from xrefviewer.core.figures import _figure_span
    from xrefviewer.core.model import FigureSpan

    args = (3, 5, "41", 41, "villagers", "more than", "kill", None)
    made = _figure_span(*args)
    assert made == FigureSpan(*args) and hash(made) == hash(FigureSpan(*args))
    assert repr(made) == repr(FigureSpan(*args))
