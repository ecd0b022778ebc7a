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


def test_candidate_needs_change_no_match(monkeypatch: pytest.MonkeyPatch) -> None:
    # The words and numbers of date_lexicon.toml's candidate needs are tried only where
    # their rules can go on: a speed-up that must find what trying them everywhere finds.
    from dataclasses import replace
    from itertools import product

    from xrefviewer.core import dates
    from xrefviewer.core.date_patterns import _LETTERS, _candidates
    from xrefviewer.core.rules import load_toml

    g = grammar()
    words = set().union(*(r.words for r in g.rules)) - {""}
    chars = set().union(*(r.starts for r in g.rules)) - _LETTERS
    # (the first needs, kept on both sides: they spell the units in lower case only, so
    # that "three Days ago" is no count, which is their own choice)
    first = ("a", "an", "one", "two", "three", "some", "many", "in", "at", "these", "over")
    first += ("days", "weeks", "months", "years")
    old_needs = {
        k: v for k, v in load_toml("date_lexicon")["candidate_needs"].items() if k in first
    }
    plain, plain_ascii = _candidates(words, chars, old_needs)
    everywhere = replace(g, candidates=plain, candidates_ascii=plain_ascii, matchers={})
    firsts = ["5", "05", "21", "31", "123", "1988", "5th", "21st", "12,000", "1980s", "six"]
    firsts += ["Six", "hundred", "previous", "Previous", "past", "following", "preceding"]
    joints = [" ", "", "  ", "\u00a0", ", ", " of ", " and ", ", and ", " & ", "-", "–", "/", "."]
    thens = ["May", "MAY", "Sept.", "6", "7th", "2014", "century", "Days", "weeks", "Month"]
    thens += ["quarter", "year", "summer", "Winter", "people", "percent", "ago", "later"]
    ends = [" 2014", "/2014", " ago", " later", " May"]
    texts = [f"On the {a}{j}{b}{end}." for a, j, b, end in product(firsts, joints, thens, ends)]
    texts += [text for rule in g.rules for text, _, _ in rule.examples]
    found = []
    for grammar_used in (g, everywhere):
        monkeypatch.setattr(dates, "grammar", lambda grammar_used=grammar_used: grammar_used)
        scans = []
        for text in texts:
            monkeypatch.setattr(dates, "_last_scan", ("", ()))  # (no result kept from before)
            scans.append(dates.scan(text))
        found.append(scans)
    assert found[0] == found[1]
    assert sum(map(len, found[0])) > len(texts) // 4  # (the texts do have dates)
