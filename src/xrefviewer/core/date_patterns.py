"""The date rules compiled into one regular expression, with their fields' vocabularies.

data/dates.toml holds the rules (a pattern with {fields}, optional `behind` words and an
`ahead` assertion); data/date_lexicon.toml the words the fields are built from. Everything is
joined into a single alternation so that a document is scanned once: at each position the
first rule (in file order) that matches wins, and the named group of each rule tells which
one matched and which fields it filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from xrefviewer.core.rules import load_toml

# A day number as written: 1-31, optionally "1st", "02nd", never part of a longer number.
_DAY_NUMBER = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_DAY_NTH = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)(?![0-9A-Za-z])"
_DAY_SEPARATOR = r"\s*(?:,\s*(?:and\s+)?|and|&|-|–|to)\s*"
# Where a rule may not start or stop: inside a word or a longer number ("1,988", "v2014").
_START_GUARD = r"(?<![\w$€£/.,:])"
_END_GUARD = r"(?![\w%]|[.,:/][0-9])"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The vocabularies behind the fields, as lookup tables (keys lower-case)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    day_ordinals: dict[str, int]
    counts: dict[str, int]
    units: dict[str, str]
    shifts: dict[str, int]
    relative_days: dict[str, int]
    references: dict[str, str]
    seasons: dict[str, str]
    quarters: dict[str, str]
    halves: dict[str, str]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    index: int
    fields: tuple[str, ...]  # the fields its pattern uses, in order
    examples: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class Grammar:
    regex: re.Pattern[str]
    rules: tuple[Rule, ...]
    lexicon: Lexicon


def _alternation(words: list[str]) -> str:
    """Longest first, so that "September" wins over "Sept" and "Sep"."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


def _cased(words: list[str]) -> list[str]:
    """Each word as written, with a capital, and (for names) in upper case."""
    out = []
    for w in words:
        out += [w, w[:1].upper() + w[1:]]
    return out


def _name_forms(names: list[str]) -> list[str]:
    # Names match Capitalised or UPPER CASE only: lower-case "may"/"march" are other words.
    return [form for n in names for form in (n, n.upper())]


@cache
def lexicon() -> Lexicon:
    data = load_toml("date_lexicon")
    months = {name.lower(): int(k) for k, names in data["months"].items() for name in names}
    weekdays = {name.lower(): int(k) for k, names in data["weekdays"].items() for name in names}
    return Lexicon(
        months=months,
        weekdays=weekdays,
        day_ordinals=dict(data["day_ordinals"]),
        counts=dict(data["counts"]),
        units=dict(data["units"]),
        shifts=dict(data["shifts"]),
        relative_days=dict(data["relative_days"]),
        references=dict(data["references"]),
        seasons=dict(data["seasons"]),
        quarters=dict(data["quarters"]),
        halves=dict(data["halves"]),
    )


def _fragments(data: dict[str, Any]) -> dict[str, str]:
    """Field name -> regular expression (without its capturing group)."""
    months = data["months"]
    weekdays = data["weekdays"]
    full_months = [names[0] for names in months.values()]
    all_months = [n for names in months.values() for n in names]
    full_days = [names[0] for names in weekdays.values()]
    all_days = [n for names in weekdays.values() for n in names]
    ordinals = list(data["day_ordinals"])
    no_letter = "(?![A-Za-z])"
    units = list(data["units"])
    shifts = data["shifts"]
    unit_shifts = [s for s in shifts if s not in ("past", "previous")]
    return {
        "year": r"(?:1[6-9]|20)[0-9]{2}(?![0-9])",
        "cyear": r"(?:19|20)[0-9]{2}(?![0-9])",
        "anyyear": r"(?:1[0-9]|20)[0-9]{2}(?![0-9])",
        "month": f"(?:{_alternation(_name_forms(all_months))}){no_letter}",
        "monthname": f"(?:{_alternation(_name_forms(full_months))}){no_letter}",
        "day": f"(?:{_DAY_NUMBER}|(?:{_alternation(_cased(ordinals))}){no_letter})",
        "dday": _DAY_NUMBER,
        "dayword": f"(?:{_alternation(ordinals)}){no_letter}",
        "nthday": f"(?:{_DAY_NTH}|(?:{_alternation(ordinals)}){no_letter})",
        "days": f"{_DAY_NUMBER}(?:{_DAY_SEPARATOR}{_DAY_NUMBER})+",
        "weekday": f"(?:{_alternation(_name_forms(all_days))}){no_letter}",
        "weekdayname": f"(?:{_alternation(_name_forms(full_days))}){no_letter}",
        "shift": f"(?:{_alternation(_cased(list(shifts)))}){no_letter}",
        "ushift": f"(?:{_alternation(_cased(unit_shifts))}){no_letter}",
        "wshift": f"(?:{_alternation(_cased(['last', 'next', 'this', 'coming']))}){no_letter}",
        "yshift": f"(?:{_alternation(['this', 'last', 'next'])}){no_letter}",
        "season": f"(?:{_alternation(_cased(list(data['seasons'])))}){no_letter}",
        "quarter": f"(?:{_alternation(_cased(list(data['quarters'])))}){no_letter}",
        "qnum": "[1-4]",
        "half": f"(?:{_alternation(_cased(list(data['halves'])))}){no_letter}",
        "decade": r"(?:(?:1[0-9]|20)[0-9]0['’]?s|['’][0-9]0s)(?![A-Za-z0-9])",
        "count": f"(?:[0-9]{{1,3}}(?![0-9,.])|(?:{_alternation(_cased(list(data['counts'])))}){no_letter})",
        "vague": r"(?:few|several|many|couple\s+of|some)(?![A-Za-z])",
        "unit": f"(?:{_alternation(units)})s?{no_letter}",
        "rday": f"(?:{_alternation(_cased(list(data['relative_days'])))}){no_letter}",
        "ref": f"(?:{_alternation(_cased(list(data['references'])))}){no_letter}",
        "mm": "(?:0[1-9]|1[0-2])",
        "dd": "(?:0[1-9]|[12][0-9]|3[01])(?![0-9])",
    }


def _lookbehinds(words: list[str]) -> str:
    """Words that must come right before a match, as a union of fixed-width lookbehinds."""
    parts = []
    for word in _cased(words):
        boundary = r"\b" if word[:1].isalnum() else ""
        gap = " " if word[-1:].isalnum() or word[-1:] in "'’s" else ""
        parts.append(f"(?<={boundary}{re.escape(word)}{gap})")
    return "(?:" + "|".join(dict.fromkeys(parts)) + ")"


# A year right after another year ("1981 and 1991", "2011, 2012", "1981-1991") is a year too.
_AFTER_A_YEAR = r"(?:(?<=[0-9]{4} and )|(?<=[0-9]{4} or )|(?<=[0-9]{4} to )|(?<=[0-9]{4}, )|(?<=[0-9]{4}-)|(?<=[0-9]{4}–)|(?<=[0-9]{4} - )|(?<=[0-9]{4} through ))"

_FIELD = re.compile(r"\{([a-z_]+)\}")


@cache
def grammar() -> Grammar:
    """Compile data/dates.toml into one regular expression (once per process)."""
    data = load_toml("date_lexicon")
    fragments = _fragments(data)
    lists = {
        "event_nouns": _alternation(data["year_context"]["event_nouns"]),
        "count_nouns": _alternation(data["year_context"]["count_nouns"]),
    }
    alternatives = []
    rules = []
    for index, spec in enumerate(load_toml("dates")["rule"]):
        used: list[str] = []

        def field(
            match: re.Match[str],
            index: int = index,
            used: list[str] = used,
            rule: str = spec["name"],
        ) -> str:
            name = match.group(1)
            if name in lists:
                return lists[name]
            if name in used:
                raise ValueError(f"date rule {rule}: field {{{name}}} used twice")
            used.append(name)
            return f"(?P<r{index}_{name}>{fragments[name]})"

        body = _FIELD.sub(field, spec["pattern"])
        ahead = _FIELD.sub(field, spec.get("ahead", ""))
        behind = spec.get("behind")
        if behind == "year_context":
            behind_re = f"(?:{_lookbehinds(data['year_context']['before'])}|{_AFTER_A_YEAR})"
        elif behind:
            behind_re = _lookbehinds(behind)
        else:
            behind_re = ""
        alternatives.append(f"{behind_re}{_START_GUARD}(?P<r{index}>{body}){_END_GUARD}{ahead}")
        examples = tuple(tuple(e) for e in spec.get("examples", ()))
        rules.append(Rule(spec["name"], index, tuple(used), examples))  # type: ignore[arg-type]
    regex = re.compile("|".join(alternatives))
    return Grammar(regex=regex, rules=tuple(rules), lexicon=lexicon())
