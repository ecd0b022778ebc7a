"""Every example of every figure rule in data/figures.toml and data/number_words.toml."""

from __future__ import annotations

import pytest

from xrefviewer.core.figures import extract_figures
from xrefviewer.core.number_words import parse_number_words
from xrefviewer.core.rules import load_toml

FIELDS = ("counts", "qualifier", "action", "unit")


def rule_examples() -> list[tuple[str, str, str]]:
    out = []
    for rule in load_toml("figures")["rule"]:
        for example in rule["examples"]:
            text, _, expected = example.rpartition(" => ")
            out.append((rule["name"], text, expected))
    return out


def number_word_examples() -> list[tuple[str, str]]:
    out = []
    for example in load_toml("number_words")["examples"]["values"]:
        text, _, expected = example.rpartition(" => ")
        out.append((text, expected))
    return out


def parse_expected(expected: str) -> list[tuple[str, float, dict[str, str | None]]]:
    """ "41=41 | counts=villagers ;; 7=7" -> [("41", 41, {"counts": "villagers"}), ...]."""
    if expected.strip() == "-":
        return []
    figures = []
    for part in expected.split(" ;; "):
        head, *fields = [p.strip() for p in part.split(" | ")]
        span, _, value = head.rpartition("=")
        checks: dict[str, str | None] = {}
        for field in fields:
            name, _, wanted = field.partition("=")
            assert name in FIELDS, f"unknown field {name!r} in example"
            checks[name] = wanted or None
        figures.append((span, float(value), checks))
    return figures


@pytest.mark.parametrize(("rule", "text", "expected"), rule_examples(), ids=lambda v: str(v)[:50])
def test_figure_rule_example(rule: str, text: str, expected: str) -> None:
    found = extract_figures(text)
    wanted = parse_expected(expected)
    assert [f.text for f in found] == [w[0] for w in wanted], rule
    for figure, (_, value, checks) in zip(found, wanted, strict=True):
        assert figure.value == value
        assert text[figure.start : figure.end] == figure.text
        for name, want in checks.items():
            assert getattr(figure, name) == want, f"{rule}: {name} of {figure.text!r}"


@pytest.mark.parametrize(("text", "expected"), number_word_examples(), ids=lambda v: str(v)[:40])
def test_number_word_example(text: str, expected: str) -> None:
    want = None if expected == "-" else int(expected)
    assert parse_number_words(text) == want


def test_every_rule_has_examples() -> None:
    for rule in load_toml("figures")["rule"]:
        assert rule["examples"], rule["name"]
        assert rule["description"], rule["name"]


def test_word_lists_hold_no_duplicates() -> None:
    data = load_toml("figures")
    for name, value in data.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            lowered = [v.lower() for v in value]
            assert len(lowered) == len(set(lowered)), name


def test_action_tables_agree() -> None:
    data = load_toml("figures")
    lemmas = set(data["actions"])
    assert set(data["participles"]) == lemmas
    linking = data["linking"]
    named = {a for group in linking["compatible_actions"] for a in group}
    named |= set(linking["duration_actions"]) | set(linking["hostage_families"])
    assert named <= lemmas
    forms = [f for group in data["actions"].values() for f in group]
    assert len(forms) == len(set(forms)), "a word form names two actions"
    assert set(data["action_nouns"]) <= set(forms)


def test_synonyms_are_single_head_words() -> None:
    for group in load_toml("figures")["linking"]["synonyms"]:
        assert all(word.isalpha() and word == word.lower() for word in group), group
