"""The name rules' data files and their worked examples, one test each.

`data/name_examples.toml` holds examples for extraction and linking; every word list and the
gazetteer are also checked entry by entry in a sentence that puts them to work.
"""

from __future__ import annotations

from typing import Any

import pytest

from xrefviewer.core.model import Ref
from xrefviewer.core.name_lexicon import load_aliases
from xrefviewer.core.name_links import link_names
from xrefviewer.core.names import extract_names
from xrefviewer.core.rules import load_lines, load_toml

EXAMPLES = load_toml("name_examples")


def _extract_cases() -> list[tuple[str, str, str]]:
    return [(e["rule"], e["text"], line) for e in EXAMPLES["extract"] for line in e["expect"]]


def _link_cases() -> list[tuple[str, dict[str, Any]]]:
    return [(e["rule"], e) for e in EXAMPLES["link"]]


@pytest.mark.parametrize(("rule", "text", "expect"), _extract_cases(), ids=lambda v: str(v)[:50])
def test_extract_example(rule: str, text: str, expect: str) -> None:
    found = extract_names(text)
    span_text, outcome = (part.strip() for part in expect.split("=>"))
    matching = [n for n in found if n.text == span_text]
    if outcome == "-":
        assert not matching, f"{rule}: {span_text!r} must not be a name"
        return
    canonical, kind = (part.strip() for part in outcome.split("|"))
    assert matching, f"{rule}: {span_text!r} not found in {[n.text for n in found]}"
    assert (matching[0].canonical, matching[0].type) == (canonical, kind), rule


def _link(docs: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Extract and link; return the cluster label of each mention and a lookup by span."""
    refs, where = [], {}
    for d, text in enumerate(docs):
        for i, span in enumerate(extract_names(text)):
            mention = f"d{d}m{i}"
            refs.append(Ref(mention, f"d{d}", span))
            where.setdefault(f"{d}:{span.text}", mention)
            where.setdefault(span.text, mention)
    cluster_of = {}
    for n, cluster in enumerate(link_names(refs)):
        for mention in cluster.mentions:
            cluster_of[mention] = str(n)
    return cluster_of, where


@pytest.mark.parametrize(("rule", "example"), _link_cases(), ids=lambda v: str(v)[:50])
def test_link_example(rule: str, example: dict[str, Any]) -> None:
    cluster_of, where = _link(example["docs"])
    for a, b in example.get("same", []):
        assert a in where and b in where, f"{rule}: {a!r} or {b!r} not extracted"
        assert cluster_of[where[a]] == cluster_of[where[b]], f"{rule}: {a} ~ {b}"
    for a, b in example.get("apart", []):
        assert a in where and b in where, f"{rule}: {a!r} or {b!r} not extracted"
        assert cluster_of[where[a]] != cluster_of[where[b]], f"{rule}: {a} !~ {b}"


def _words(name: str) -> list[str]:
    return [line.split()[0] for line in load_lines(name)]


@pytest.mark.parametrize("title", _words("name_titles"))
def test_every_title_is_set_aside(title: str) -> None:
    word = title.capitalize()
    text = f"Reporters met {word} Anouk Verhaegen in the hall."
    names = extract_names(text)
    assert [(n.text, n.type) for n in names] == [("Anouk Verhaegen", "person")], word


@pytest.mark.parametrize("word", _words("name_stopwords"))
def test_stopwords_opening_a_sentence_are_not_names(word: str) -> None:
    text = f"It rained. {word.capitalize()} the committee was late."
    assert extract_names(text) == []


@pytest.mark.parametrize("word", _words("name_calendar_words"))
def test_calendar_words_alone_are_not_names(word: str) -> None:
    assert (
        extract_names(f"It rained. {word.capitalize()} was cold, they said in {word.capitalize()}.")
        == []
    )


@pytest.mark.parametrize("word", _words("name_common_words"))
def test_common_words_alone_are_not_names(word: str) -> None:
    assert extract_names(f"He said. {word.capitalize()} was mentioned twice.") == []
    assert extract_names(f"He said the {word.capitalize()} was mentioned twice.") == []


@pytest.mark.parametrize("word", _words("name_demonyms"))
def test_demonyms_are_not_names(word: str) -> None:
    assert extract_names(f"The {word.capitalize()} delegation arrived late.") == []


@pytest.mark.parametrize("word", _words("name_common_acronyms"))
def test_common_acronyms_are_not_names(word: str) -> None:
    assert extract_names(f"The {word.upper()} arrived late.") == []


@pytest.mark.parametrize("place", load_lines("name_places"))
def test_every_gazetteer_place_is_a_place(place: str) -> None:
    names = extract_names(f"The envoys travelled to {place} last week.")
    assert [(n.text, n.type) for n in names] == [(place, "place")]


@pytest.mark.parametrize("entry", load_aliases(), ids=lambda e: e["pattern"])
def test_every_gazetteer_alias_names_its_entity(entry: dict[str, str]) -> None:
    names = extract_names(f"Officials of the {entry['pattern']} arrived on time.")
    label = next(e["pattern"] for e in load_aliases() if e["id"] == entry["id"])
    assert [(n.text, n.canonical, n.type) for n in names] == [
        (entry["pattern"], label, entry["label"])
    ]


@pytest.mark.parametrize("word", _words("name_org_words"))
def test_organisation_words_make_organisations(word: str) -> None:
    names = extract_names(f"Officials of the Zentravian {word.capitalize()} arrived.")
    assert [n.type for n in names] == ["organisation"], names


@pytest.mark.parametrize("word", _words("name_place_words"))
def test_place_words_make_places(word: str) -> None:
    names = extract_names(f"Officials reached {word.capitalize()} Zentravia on foot.")
    assert [n.type for n in names] == ["place"], names


@pytest.mark.parametrize("word", _words("name_place_variant_words"))
def test_place_variant_words_allow_the_bare_core(word: str) -> None:
    text = f"Officials reached {word.capitalize()} Zentravia on foot. Zentravia was quiet."
    names = extract_names(text)
    assert len(names) == 2 and names[0].canonical == names[1].canonical, names


@pytest.mark.parametrize("line", load_lines("name_given_names"))
def test_given_names_tell_an_honorific_which_person_it_is(line: str) -> None:
    name, gender = line.split()
    other = "Walter" if gender == "f" else "Mary"
    honorific = "Mrs." if gender == "f" else "Mr."
    text = f"{name.capitalize()} Varenko met {other} Varenko. Later {honorific} Varenko spoke."
    spans = extract_names(text)
    assert spans[-1].text == "Varenko"
    assert spans[-1].canonical == f"{name.capitalize()} Varenko"


@pytest.mark.parametrize("word", _words("name_of_heads"))
def test_of_stays_in_the_name_after_these_words(word: str) -> None:
    names = extract_names(f"Officials saw the Zentravian {word.capitalize()} of Orlandia there.")
    assert [n.text for n in names] == [f"Zentravian {word.capitalize()} of Orlandia"], names


@pytest.mark.parametrize("word", _words("name_possessive_words"))
def test_possessive_stays_in_the_name_for_these_words(word: str) -> None:
    name = f"Zentravian {word.capitalize()}'s Council"
    assert [n.text for n in extract_names(f"Officials of the {name} met.")] == [name]


def test_other_possessives_end_the_name() -> None:
    names = extract_names("Officials of Orlandia's Zentravian Council met.")
    assert [n.text for n in names] == ["Orlandia", "Zentravian Council"]
