"""Every example in data/dates.toml is a test: the values of all dates found in its text."""

from __future__ import annotations

import pytest

from xrefviewer.core.date_patterns import first_chars, first_words, grammar
from xrefviewer.core.dates import extract_dates
from xrefviewer.core.rules import load_toml


def _examples() -> list[tuple[str, str, str, str]]:
    return [
        (rule.name, text, anchor, expected)
        for rule in grammar().rules
        for text, anchor, expected in rule.examples
    ]


@pytest.mark.parametrize(
    ("rule", "text", "anchor", "expected"), _examples(), ids=lambda v: str(v)[:40]
)
def test_date_rule_example(rule: str, text: str, anchor: str, expected: str) -> None:
    found = extract_dates(text, anchor or None)
    values = " ".join(d.value for d in found) or "-"
    assert values == expected, f"{rule}: {text!r} with document date {anchor!r}"


def test_every_rule_has_examples() -> None:
    assert all(rule.examples for rule in grammar().rules)


def test_lexicon_covers_the_calendar() -> None:
    lex = grammar().lexicon
    assert sorted(set(lex.months.values())) == list(range(1, 13))
    assert sorted(set(lex.weekdays.values())) == list(range(1, 8))
    assert sorted(lex.day_ordinals.values()) == list(range(1, 32))
    assert all(1 <= m <= 12 and 1 <= d <= 31 for m, d in lex.holidays.values())


def test_every_rule_can_be_dispatched() -> None:
    g = grammar()
    for rule in g.rules:
        assert rule.words, rule.name
        if "" in rule.words:  # starts with a digit, a quote or a bracket
            assert rule.starts - set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def test_first_words_and_characters_as_the_whole_pattern_gives_them() -> None:
    # The grammar reads them from each rule's outline with its fields' fragments parsed
    # once; parsing the whole rule must give the same.
    for rule in grammar().rules:
        assert rule.words == first_words(rule.pattern), rule.name
        assert rule.starts == first_chars(rule.pattern), rule.name


def test_every_joined_expression_compiles() -> None:
    # They are compiled lazily, on the first word that needs them: a broken rule must still
    # fail here rather than on some user's document.
    g = grammar()
    for pattern in [*g.by_first_word.values(), *g.by_first_char.values()]:
        assert pattern.match("") is None or pattern.pattern
    assert all(rule.regex.pattern == rule.pattern for rule in g.rules)


@pytest.mark.parametrize(
    "example", load_toml("date_tense")["tense"], ids=lambda e: str(e["text"])[:40]
)
def test_tense_example(example: dict[str, str]) -> None:
    """data/date_tense.toml: a past act's date, though a future word follows it."""
    found = extract_dates(example["text"], example["anchor"])
    assert " ".join(d.value for d in found) == example["expect"], example["text"]
