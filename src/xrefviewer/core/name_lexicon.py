"""The word lists and the general-knowledge gazetteer that name extraction and linking read.

All of it is data in `xrefviewer/data/name_*`: titles and honorifics, function words, common
nouns, demonyms, organisation and place words, a country and capital list, and aliases as JSONL
in the manner of spaCy's SpanRuler (`{"id", "label", "pattern"}`), general knowledge only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import cast

from xrefviewer.core.model import NameType
from xrefviewer.core.name_keys import acronym_key, name_key, reads_as_word
from xrefviewer.core.rules import load_lines, load_words


@dataclass(frozen=True, slots=True)
class KnownName:
    """A gazetteer entity: its id, type and the form used as its label."""

    id: str
    type: NameType
    label: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    titles: frozenset[str]
    title_gender: dict[str, str]
    title_modifiers: frozenset[str]
    tenure_words: frozenset[str]  # "former", "acting", "then": when a title was held
    given_gender: dict[str, str]  # folded given name -> "m" or "f"
    family_first: frozenset[str]  # family names written first: "Xi" of "Xi Jinping"
    stopwords: frozenset[str]
    calendar: frozenset[str]  # months, weekdays, seasons
    common: frozenset[str]
    # words a dictionary writes only in lower case ("analysts", "blast"; not "turkey")
    english: frozenset[str]
    common_acronyms: frozenset[str]  # upper case: "MP", "CEO" are words, not names
    demonyms: frozenset[str]
    org_words: frozenset[str]
    legal_forms: frozenset[str]  # "Ltd", "Inc": a company's name without them is the same
    # "Shipping", "Group" and the legal forms: "Tarvik" alone is "Tarvik Shipping Ltd"
    company_words: frozenset[str]
    place_words: frozenset[str]
    variant_place_words: frozenset[str]  # "Camp X" ~ "X Camp" ~ "X"
    of_heads: frozenset[str]  # "of" after them stays in the name: "Bank of England"
    possessive_in_names: frozenset[str]  # "People's Party" is one name
    places: frozenset[str]  # name keys
    # Gazetteer aliases: acronym key ("UN") or name key ("united nations") -> entity.
    known_acronyms: dict[str, KnownName]
    known_names: dict[str, KnownName]
    # The same by a mention's key (`name_coref.mention_key`): "A:UN", "N:united nations".
    known_keys: dict[str, KnownName]
    by_id: dict[str, KnownName]
    # Gazetteer names of several words, found as such inside a run of capitalised words.
    phrases: re.Pattern[str]

    def known(self, text: str, acronym: bool) -> KnownName | None:
        if acronym:
            return self.known_acronyms.get(acronym_key(text))
        found = self.known_names.get(name_key(text))
        if found is None and text.istitle() and reads_as_word(text.upper()):
            # as many papers write them: "Nato", "Unicef", "Opec"
            found = self.known_acronyms.get(text.upper())
        return found

    def without_legal_form(self, name: str) -> str:
        """ "Tarvik Shipping Ltd" -> "Tarvik Shipping", "Brightwater & Co." -> "Brightwater";
        "" when the name closes with no legal form."""
        words = name.split()
        if len(words) < 2 or words[-1].lower().rstrip(".") not in self.legal_forms:
            return ""
        return " ".join(words[:-1]).rstrip(" ,&")


def _is_acronym_pattern(pattern: str) -> bool:
    letters = [c for c in pattern if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in pattern


@cache
def lexicon() -> Lexicon:
    titles: set[str] = set()
    gender: dict[str, str] = {}
    for line in load_lines("name_titles"):
        word, *rest = line.lower().split()
        titles.add(word)
        if rest:
            gender[word] = rest[0]
    phrases = [line for line in load_lines("name_places") if " " in line]
    known_acronyms: dict[str, KnownName] = {}
    known_names: dict[str, KnownName] = {}
    labels: dict[str, KnownName] = {}
    for entry in load_aliases():
        entity = labels.setdefault(
            entry["id"], KnownName(entry["id"], cast(NameType, entry["label"]), entry["pattern"])
        )
        if _is_acronym_pattern(entry["pattern"]):
            known_acronyms.setdefault(acronym_key(entry["pattern"]), entity)
        else:
            known_names.setdefault(name_key(entry["pattern"]), entity)
            if " " in entry["pattern"]:
                phrases.append(entry["pattern"])
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    # A look-ahead for a phrase's first character fails at once at the other positions, before
    # the look-behind and the alternatives are tried there (the same matches).
    firsts = "".join(sorted({re.escape(p[0]) for p in phrases}))
    return Lexicon(
        titles=frozenset(titles),
        title_gender=gender,
        title_modifiers=load_words("name_title_modifiers"),
        tenure_words=load_words("name_tenure_words"),
        given_gender=_given_genders(),
        family_first=load_words("name_family_first"),
        stopwords=load_words("name_stopwords"),
        calendar=load_words("name_calendar_words"),
        common=load_words("name_common_words"),
        english=load_words("name_english_words"),
        common_acronyms=frozenset(w.upper() for w in load_words("name_common_acronyms")),
        demonyms=load_words("name_demonyms"),
        org_words=load_words("name_org_words"),
        legal_forms=load_words("name_legal_forms"),
        company_words=load_words("name_company_words") | load_words("name_legal_forms"),
        place_words=load_words("name_place_words"),
        variant_place_words=load_words("name_place_variant_words"),
        of_heads=load_words("name_of_heads"),
        possessive_in_names=load_words("name_possessive_words"),
        places=frozenset(name_key(p) for p in load_lines("name_places")),
        known_acronyms=known_acronyms,
        known_names=known_names,
        known_keys={
            # an acronym written as a word ("Nato") has the key of a name
            **{"N:" + name_key(k): v for k, v in known_acronyms.items() if reads_as_word(k)},
            **{"A:" + k: v for k, v in known_acronyms.items()},
            **{"N:" + k: v for k, v in known_names.items()},
        },
        by_id=labels,
        phrases=re.compile(rf"(?=[{firsts}])(?<![\w'’-])(?:{alternatives})(?![\w'’-])"),
    )


def _given_genders() -> dict[str, str]:
    out = {}
    for line in load_lines("name_given_names"):
        name, gender = line.lower().split()[:2]
        out[name] = gender
    return out


@cache
def load_aliases() -> tuple[dict[str, str], ...]:
    """The general-knowledge aliases, one JSON object a line: {"id", "label", "pattern"}."""
    text = resources.files("xrefviewer.data").joinpath("name_aliases.jsonl").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.strip():
            out.append(json.loads(line))
    return tuple(out)
