"""The date rules compiled into one regular expression, with their fields' vocabularies.

data/dates.toml holds the rules (a pattern with {fields}, optional `behind` words and an
`ahead` assertion); data/date_lexicon.toml the words the fields are built from. Everything is
joined into a single alternation so that a document is scanned once: at each position the
first rule (in file order) that matches wins, and the named group of each rule tells which
one matched and which fields it filled.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parser
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from xrefviewer.core.rules import load_toml

# A day number as written: 1-31, optionally "1st", "02nd", never part of a longer number.
_DAY_NUMBER = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_DAY_NTH = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)(?![0-9A-Za-z])"
_DAY_SEPARATOR = r"\s*(?:,\s*(?:and\s+)?|and|&|-|–|to)\s*"
# Where a rule may not start or stop: inside a word or a longer number ("1,988", "v2014").
_NOT_AFTER = r"[\w$€£/.,:]"
_NOT_AFTER_ASCII = r"[A-Za-z0-9_$/.,:]"  # the ASCII characters of _NOT_AFTER
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
    holidays: dict[str, tuple[int, int]]  # name -> (month, day)
    moving_holidays: dict[str, str]  # name -> rule for timex.moving_holiday ("easter+1")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    index: int
    fields: tuple[str, ...]  # the fields its pattern uses, in order
    examples: tuple[tuple[str, str, str], ...]
    pattern: str  # the rule alone, to `match` at a word start
    starts: frozenset[str]  # characters a match can start with
    words: frozenset[str]  # letter words it can start with ("": a non-letter)
    groups: tuple[tuple[str, str], ...]  # (field, its group's name in the expression)

    @property
    def regex(self) -> re.Pattern[str]:
        # Compiled on demand: the scan uses the joined expressions, never a rule alone.
        return re.compile(self.pattern)


class LazyPattern:
    """A regular expression compiled the first time it is used.

    Compiling all the joined rule expressions takes longer than scanning a few megabytes of
    text, and a collection seldom starts dates with every word the rules know.
    """

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().match(text, pos)

    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern)
        return compiled


class RuleReading(NamedTuple):
    """What the scan reads of a rule's match: its name, its fields' groups, its calendar
    fields (in the order `dates._parts_of` reads them) and whether its numbers are
    day.month (made by `dates._reading` the first time the rule matches)."""

    rule: str
    groups: tuple[tuple[str, str], ...]
    calendar: tuple[str, ...]
    dots: bool


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[Rule, ...]
    lexicon: Lexicon
    # The rules worth trying at a word, joined in file order into one expression: by the
    # word when it is made of letters, else by its first character. Most words try none.
    by_first_word: dict[str, LazyPattern]
    by_first_char: dict[str, LazyPattern]
    # Where a rule can start (group 1): a word some rule starts with, or a digit or quote;
    # see `_candidates`. (Each is compiled when first needed: a collection of ASCII texts
    # never needs the first.)
    candidates: LazyPattern
    # the same, for a text of ASCII characters only (several times cheaper to skip through)
    candidates_ascii: LazyPattern
    # by_first_word and by_first_char in one (words have letters, characters none)
    by_start: dict[str, LazyPattern]
    # the rule each rule's own group (the last to close in a match, its `lastgroup`) names
    by_group: dict[str, Rule]
    # by_start's compiled `match` methods, as the scan first needs each (it calls them at
    # every candidate; at most one per word the rules start with)
    matchers: dict[str, Callable[[str, int], re.Match[str] | None]] = field(default_factory=dict)
    # how to read each rule's match, by its own group (see `RuleReading`)
    readings: dict[str, RuleReading] = field(default_factory=dict)


def _by_first_letter(words: list[str]) -> dict[str, list[str]]:
    """The rest of each word, by its first letter (the rests longest first)."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        by_first.setdefault(w[0], []).append(w[1:])
    return {
        first: sorted(set(rests), key=lambda r: (-len(r), r))
        for first, rests in sorted(by_first.items())
    }


def _alternation(words: list[str]) -> str:
    """Longest first, so that "September" wins over "Sept" and "Sep".

    Grouped by first character ("S(?:eptember|ept|ep)|M(?:ay|arch)"), which the engine
    tries several times faster than one flat list; that changes no match, since words
    that start differently never match at the same place and each group keeps the order.
    """
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]).replace(r"\ ", r"\s+"))
    return _by_first_joined(by_first)


def _by_first_joined(by_first: dict[str, list[str]]) -> str:
    """Alternatives "F(?:rest|rest)|G(?:rest)", the first characters whose rests are the
    same sharing one class: "[Tt](?:wenty|hird)" for "twenty", "Twenty", "third", "Third".

    Only one of those characters can be at a place, so that changes no match (nor does
    the order of alternatives that start differently); a cased word list is half as long,
    and so half the work for the regex parser and compiler.
    """
    by_rests: dict[tuple[str, ...], list[str]] = {}
    for first, rests in by_first.items():
        by_rests.setdefault(tuple(rests), []).append(re.escape(first))
    parts = []
    for rests, firsts in by_rests.items():
        head = firsts[0] if len(firsts) == 1 else f"[{''.join(firsts)}]"
        parts.append(head if rests == ("",) else f"{head}(?:{'|'.join(rests)})")
    return "|".join(parts)


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
        moving_holidays={
            " ".join(k.lower().split()): v for k, v in data["moving_holidays"].items()
        },
        holidays={
            " ".join(k.lower().split()): (int(v[:2]), int(v[3:]))
            for k, v in data["holidays"].items()
        },
    )


def _fragments(data: dict[str, Any]) -> dict[str, str]:
    """Field name -> regular expression (without its capturing group)."""
    months = data["months"]
    weekdays = data["weekdays"]
    full_months = [names[0] for names in months.values()]
    short_months = [n for names in months.values() for n in names[1:]]
    full_days = [names[0] for names in weekdays.values()]
    all_days = [n for names in weekdays.values() for n in names]
    ordinals = list(data["day_ordinals"])
    no_letter = "(?![A-Za-z])"
    units = list(data["units"])
    shifts = data["shifts"]
    unit_shifts = [s for s in shifts if s not in ("past", "previous")]
    quarters = list(data["quarters"])
    return {
        "year": r"(?:1[6-9]|20)[0-9]{2}(?![0-9])",
        "cyear": r"(?:19|20)[0-9]{2}(?![0-9])",
        "anyyear": r"(?:1[0-9]|20)[0-9]{2}(?![0-9])",
        # an abbreviation may take a dot ("Sept."), a full name never: "in March." ends a
        # sentence
        "month": f"(?:{_alternation(_name_forms(full_months))}|(?:{_alternation(_name_forms(short_months))})\\.?){no_letter}",
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
        # (in capitals too, for "THIRD QUARTER 2027" in a report's title)
        "quarter": f"(?:{_alternation(_cased(quarters) + [q.upper() for q in quarters])}){no_letter}",
        "qnum": "[1-4]",
        "half": f"(?:{_alternation(_cased(list(data['halves'])))}){no_letter}",
        "decade": r"(?:(?:1[0-9]|20)[0-9]0['’]?s|['’][0-9]0s)(?![A-Za-z0-9])",
        "count": f"(?:[0-9]{{1,3}}(?![0-9,.])|(?:{_alternation(_cased(list(data['counts'])))}){no_letter})",
        "vague": r"(?:few|several|many|couple\s+of|some)(?![A-Za-z])",
        "unit": f"(?:{_alternation(_cased(units))})s?{no_letter}",
        "sunit": f"(?:{_alternation(_cased(units))}){no_letter}",
        "rday": f"(?:{_alternation(_cased(list(data['relative_days'])))}){no_letter}",
        "ref": f"(?:{_alternation(_cased(list(data['references'])))}){no_letter}",
        "holiday": f"(?:{_alternation(list(data['holidays']))}){no_letter}",
        "mholiday": f"(?:{_alternation(list(data['moving_holidays']))}){no_letter}",
        "mm": "(?:0[1-9]|1[0-2])",
        "na": "(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])",
        "nb": "(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])",
        "dd": "(?:0[1-9]|[12][0-9]|3[01])(?![0-9])",
    }


def full_month_names(data: dict[str, Any]) -> list[str]:
    return [names[0] for names in data["months"].values()]


def _lookbehinds(words: list[str], negative: bool = False) -> str:
    """Words that must (or, `negative`, must not) come right before a match, as fixed-width
    lookbehinds: a union of them, or a sequence of negative ones.

    The words of one width (and with or without a word boundary before them) share one
    lookbehind, their alternatives grouped by first character: the engine enters each
    lookbehind it tries, but skips a word whose first character differs with one
    comparison, and a list of words can have a hundred. (A union of lookbehinds of one
    width is the lookbehind of their union, so this changes no match.)
    """
    by_width: dict[tuple[str, int], list[str]] = {}
    for word in _cased(words):
        boundary = r"\b" if word[:1].isalnum() else ""
        gap = " " if word[-1:].isalnum() else ""
        by_width.setdefault((boundary, len(word + gap)), []).append(word + gap)
    parts = [
        f"(?<{'!' if negative else '='}{boundary}{_literal_alternation(texts)})"
        for (boundary, _width), texts in by_width.items()
    ]
    return "".join(parts) if negative else "(?:" + "|".join(parts) + ")"


def _literal_alternation(texts: list[str]) -> str:
    """The texts as written (no \\s+ for a space), grouped by first character."""
    by_first: dict[str, list[str]] = {}
    for text in dict.fromkeys(texts):
        by_first.setdefault(text[0], []).append(re.escape(text[1:]))
    return f"(?:{_by_first_joined(by_first)})"


# A year right after another year ("1981 and 1991", "2011, 2012", "1981-1991") is a year too.
_AFTER_A_YEAR = (
    "(?:"
    + "|".join(
        f"(?<=\\b(?:19|20)[0-9]{{2}}{joint})"
        for joint in (" and ", " or ", " to ", ", ", "-", "–", " - ", " through ", " until ")
    )
    + ")"
)

_FIELD = re.compile(r"\{([a-z_]+)\}")


def _first_chars(items: Any) -> tuple[set[str], bool]:
    """The classes of character a parsed pattern can start with, and whether it can match
    the empty string. "*" means any character."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[set[str], bool]:
    c = sre_constants
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] <= 30:
                chars.update(chr(o) for o in range(value[0], value[1] + 1))
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars.update("0123456789")
            else:
                chars.add("*")
        return chars, False
    if op is c.SUBPATTERN:
        return _first_chars(av[3])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        chars, nullable = _first_chars(sub)
        return chars, nullable or lo == 0
    if op is c.BRANCH:
        chars = set()
        nullable = False
        for branch in av[1]:
            got, empty = _first_chars(branch)
            chars |= got
            nullable = nullable or empty
        return chars, nullable
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True
    return {"*"}, True


_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_MAX_WORDS = 5000


class _Unbounded(Exception):
    """The first word of a pattern cannot be listed (a letter repeated without limit)."""


def _letters_of(op: Any, av: Any) -> set[str] | None:
    """The letters one LITERAL or IN op matches, or None when it can match a non-letter."""
    c = sre_constants
    if op is c.LITERAL:
        ch = chr(av)
        return {ch} if ch in _LETTERS else None
    if op is c.IN:
        out: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL and chr(value) in _LETTERS:
                out.add(chr(value))
            elif kind is c.RANGE and all(chr(o) in _LETTERS for o in (value[0], value[1])):
                out.update(chr(o) for o in range(value[0], value[1] + 1))
            else:
                return None
        return out
    return None


def _words(items: Any, open_: set[str]) -> tuple[set[str], set[str]]:
    """Walk a parsed pattern from word prefixes `open_`: (first words completed, prefixes
    still open at its end). "" stands for a start that is not a letter."""
    c = sre_constants
    done: set[str] = set()
    for op, av in items:
        if not open_:
            break
        letters = _letters_of(op, av)
        if letters is not None:
            open_ = {p + ch for p in open_ for ch in letters}
        elif op is c.SUBPATTERN:
            got, open_ = _words(av[3], open_)
            done |= got
        elif op is c.BRANCH:
            branch_open: set[str] = set()
            for branch in av[1]:
                got, still = _words(branch, open_)
                done |= got
                branch_open |= still
            open_ = branch_open
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            if hi != 1:
                # a repeat that can take letters would make words of any length
                _, extended = _words(sub, {"#"})
                if any(w != "#" for w in extended):
                    raise _Unbounded
                done |= open_  # taking it ends the words so far; skipping it (lo 0) not
                if lo:
                    open_ = set()
                continue
            got, still = _words(sub, set(open_))
            done |= got
            open_ = still | open_ if lo == 0 else still
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        else:
            done |= open_
            open_ = set()
        if len(open_) > _MAX_WORDS:
            raise _Unbounded
    return done, open_


def first_words(pattern: str) -> frozenset[str] | None:
    """The letter words a match can start with ("" when it can start with a non-letter,
    whose first character `first_chars` gives); None when they cannot be listed."""
    return _first_words_parsed(list(sre_parser.parse(pattern)))


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of the pattern can start with; None when any can."""
    return _first_chars_parsed(list(sre_parser.parse(pattern)))


def _first_words_parsed(items: list[Any]) -> frozenset[str] | None:
    try:
        done, still = _words(items, {""})
    except _Unbounded:
        return None
    return frozenset(done | still)


def _first_chars_parsed(items: list[Any]) -> frozenset[str] | None:
    chars, nullable = _first_chars(items)
    if nullable or "*" in chars:
        return None
    return frozenset(chars)


def _parsed_body(
    pattern: str, fragments: dict[str, str], parsed: dict[str, list[Any]]
) -> list[Any]:
    """What `sre_parser.parse` makes of a rule's body (each {field} its fragment in a
    group), for `first_words` and `first_chars`, built faster: the rule's outline is
    parsed with an empty group for each field, and each field's fragment, parsed once
    for all the rules (in `parsed`), is put in its group. Parsing every body whole was
    most of the grammar's cost; a group's contents parse the same alone (the fragments
    have no groups or flags of their own).
    """
    names: list[str] = []

    def slot(match: re.Match[str]) -> str:
        names.append(match.group(1))
        return f"(?P<f{len(names) - 1}>)"

    outline = sre_parser.parse(_FIELD.sub(slot, pattern))
    fills: dict[int, list[Any]] = {}
    for k, name in enumerate(names):
        if name not in parsed:
            parsed[name] = list(sre_parser.parse(fragments[name]))
        fills[outline.state.groupdict[f"f{k}"]] = parsed[name]
    return _spliced(list(outline), fills)


def _spliced(items: Any, fills: dict[int, list[Any]]) -> list[Any]:
    """Parsed `items` with the contents of the groups numbered in `fills` replaced, in
    the parts `_words` and `_first_chars` read (groups, branches, repeats)."""
    c = sre_constants
    out = []
    for op, av in items:
        if op is c.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            inner = fills[group] if group in fills else _spliced(sub, fills)
            av = (group, add_flags, del_flags, inner)
        elif op is c.BRANCH:
            av = (av[0], [_spliced(branch, fills) for branch in av[1]])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            av = (av[0], av[1], _spliced(av[2], fills))
        out.append((op, av))
    return out


@cache
def grammar() -> Grammar:
    """Compile data/dates.toml into one regular expression (once per process)."""
    data = load_toml("date_lexicon")
    fragments = _fragments(data)
    lists = {
        "event_nouns": _alternation(data["year_context"]["event_nouns"]),
        "count_nouns": _alternation(data["year_context"]["count_nouns"]),
    }

    def unnamed_field(match: re.Match[str]) -> str:
        name = match.group(1)
        return lists[name] if name in lists else f"(?:{fragments[name]})"

    rules: list[Rule] = []
    parsed_fragments: dict[str, list[Any]] = {}
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
            context = data["year_context"]
            behind_re = f"(?:{_lookbehinds(context['before'])}|{_AFTER_A_YEAR})"
            behind_re += _lookbehinds(context["not_after"], negative=True)
        elif behind:
            before = [w for w in behind if w != "{a_month_and}"]
            joints = [" and ", " or ", " to ", " until ", " through ", "-", "–", " - "]
            if len(before) < len(behind):  # "between March and May": after another month
                before += [m + j for m in full_month_names(data) for j in joints]
            behind_re = _lookbehinds(before)
        else:
            behind_re = ""
        if spec.get("not_behind"):
            behind_re += _lookbehinds(spec["not_behind"], negative=True)
        if behind_re:
            # The rule's own text is looked for first, in a lookahead (without its groups):
            # most places it is tried at fail there at once, before a long list of
            # lookbehinds. (A lookahead of what must follow anyway changes no match.)
            behind_re = f"(?={_FIELD.sub(unnamed_field, spec['pattern'])}){behind_re}"
        pattern = f"{behind_re}(?P<r{index}>{body}){_END_GUARD}{ahead}"
        examples = tuple(tuple(e) for e in spec.get("examples", ()))
        if any(name in lists for name in _FIELD.findall(spec["pattern"])):
            parsed = list(sre_parser.parse(body))
        else:
            parsed = _parsed_body(spec["pattern"], fragments, parsed_fragments)
        starts = _first_chars_parsed(parsed)
        words = _first_words_parsed(parsed)
        if starts is None or words is None:
            raise ValueError(f"date rule {spec['name']}: its first word cannot be listed")
        groups = tuple((f, f"r{index}_{f}") for f in used)
        rule = Rule(spec["name"], index, tuple(used), examples, pattern, starts, words, groups)
        rules.append(rule)
    all_words = set().union(*(r.words for r in rules)) - {""}
    chars = set().union(*(r.starts for r in rules)) - _LETTERS
    # the rules (their indexes, in file order) that can start with each word or character
    by_word: dict[str, list[int]] = {}
    by_char: dict[str, list[int]] = {}
    for r in rules:
        for w in r.words & all_words:
            by_word.setdefault(w, []).append(r.index)
        for ch in r.starts & chars:
            by_char.setdefault(ch, []).append(r.index)
    word_groups = {w: tuple(group) for w, group in by_word.items()}
    char_groups = {ch: tuple(group) for ch, group in by_char.items()}
    shared = _shared_groups({*word_groups.values(), *char_groups.values()}, rules)
    joined = {
        group: LazyPattern("|".join(f"(?:{rules[i].pattern})" for i in group))
        for group in set(shared.values())
    }
    by_first_word = {w: joined[shared[group]] for w, group in word_groups.items()}
    by_first_char = {ch: joined[shared[group]] for ch, group in char_groups.items()}
    candidates, candidates_ascii = _candidates(
        all_words, chars, data["candidate_needs"], data["number_candidates"]["need"]
    )
    return Grammar(
        tuple(rules),
        lexicon(),
        by_first_word,
        by_first_char,
        candidates,
        candidates_ascii,
        by_first_word | by_first_char,
        {f"r{r.index}": r for r in rules},
    )


# A group of rules is tried in the place of one this much shorter that it includes.
_SHARED_GROWTH = 1.25


def _shared_groups(
    groups: set[tuple[int, ...]], rules: list[Rule]
) -> dict[tuple[int, ...], tuple[int, ...]]:
    """For each group of rules (their indexes, in file order), the group whose joined
    expression to try in its stead: itself, or a larger group that includes it and is at
    most `_SHARED_GROWTH` times as long ("April" tries the rules of "May", which has one
    more: "May Day"; "third" those of "first").

    That changes no match: a rule a word gains cannot match at that word (it starts with
    other words), and the rules keep their file order. Compiling a joined expression
    costs far more than the rules a word gains cost to fail at their first letters, and
    words of one kind (months, ordinals) then share one expression, compiled once.
    """

    def size(group: tuple[int, ...]) -> int:
        return sum(len(rules[i].pattern) for i in group)

    out: dict[tuple[int, ...], tuple[int, ...]] = {}
    kept: list[tuple[int, ...]] = []  # groups joined as they are, longest first
    for group in sorted(groups, key=lambda g: (-size(g), g)):
        fits = [k for k in kept if size(k) <= _SHARED_GROWTH * size(group) and set(group) <= set(k)]
        if fits:
            out[group] = min(fits, key=lambda k: (size(k), k))
        else:
            kept.append(group)
            out[group] = group
    return out


def _candidates(
    words: set[str], chars: set[str], needs: dict[str, str], number_need: str = ""
) -> tuple[LazyPattern, LazyPattern]:
    """Where to try the rules. A very common word ("a", "in") is a candidate only when what
    its rules need comes next (`needs`, from date_lexicon.toml), which keeps the scan fast.

    The expression matches the character before a candidate, which must not be one of
    `_NOT_AFTER`, and captures the candidate itself in group 1. (The scan looks for the
    next candidate from right after this one's first character, "'80s", so what the match
    takes past it does not matter: a lookahead around the group would only cost a jump
    at every place tried.) Starting
    with a plain character class lets the regex engine skip the letters inside words at C
    speed; the scan puts a space before the text so that its first word has a character
    before it too. (The class lists the ASCII word characters, which `\\w` covers anyway,
    so that the engine finds a letter in its table before asking Unicode.) The second
    expression is the same for a text of ASCII characters only: there `\\w` is just the ASCII
    word characters, and a class without it or any other character above 255 is a plain
    table, which the engine checks at each character several times faster.

    The words are written as a trie, letter by letter ("t(?:h(?:ese|ree)|...)"): at every
    branch the alternatives start with different letters, which the engine rejects with
    one comparison each, where a flat list would enter every word that shares a first
    letter with the text ("the" would try "thirteenth", "thirtieth", "this"...). That
    changes no match: each word ends where a word ends (no letter follows it, or what its
    `needs` says, which starts with a space), so at most one word can match at a place.
    The most common first letters of English words come first. The test that no letter
    follows is written once after each first letter's branch, not after each of its
    words (half the expression to compile): as it holds after any word that matches here
    (a `needs` starts with a space), it changes no match.

    A digit is a candidate only where `number_need` (from date_lexicon.toml) matches after
    it: most numbers in news count things ("25 protesters"), which no rule takes.
    """
    ends: dict[str, str] = {}  # word -> what must follow it (besides a non-letter)
    for w in words:
        if w.lower() not in needs:
            ends[w] = ""
    for word in sorted(needs):
        if not needs[word].startswith("\\s"):
            raise ValueError(f"candidate_needs: {word!r} must start with \\s")
        for form in _cased([word]):
            if form in words:  # ("Following" starts no rule: no candidate)
                ends[form] = f"(?={needs[word]})"
    words_re = "|".join(f"{branch}(?![A-Za-z])" for branch in _trie(ends))
    digits = "".join(sorted(c for c in chars if c in "0123456789"))
    if number_need and digits:
        chars = chars - set(digits)
        # (the digit first: the engine rejects the alternative at any other character
        # with one test, where a lookahead first would be entered at every place tried)
        words_re += f"|[{digits}](?={number_need})"
    any_chars = "".join(sorted(re.escape(c) for c in chars))
    ascii_chars = "".join(sorted(re.escape(c) for c in chars if c.isascii()))
    return (
        LazyPattern(f"[^A-Za-z0-9_{_NOT_AFTER[1:-1]}]({words_re}|[{any_chars}])"),
        LazyPattern(f"[^{_NOT_AFTER_ASCII[1:-1]}]({words_re}|[{ascii_chars}])"),
    )


def _trie(ends: dict[str, str], depth: int = 0) -> list[str]:
    """The words of `ends` (all at least `depth` long, sharing their first `depth`
    letters), each followed by its end, as alternatives that each start with a different
    letter from the one at `depth` on (or with the end of the word `depth` long)."""
    by_letter: dict[str, dict[str, str]] = {}
    own_end = None
    for word, end in ends.items():
        if len(word) == depth:
            own_end = end
        else:
            by_letter.setdefault(word[depth], {})[word] = end
    alternatives = []
    for letter, rest in sorted(by_letter.items(), key=lambda item: _letter_rank(item[0])):
        after = _trie(rest, depth + 1)
        joined = after[0] if len(after) == 1 else f"(?:{'|'.join(after)})"
        alternatives.append(re.escape(letter) + joined)
    if own_end is not None:
        alternatives.append(own_end)
    return alternatives


# First letters of English words, most common first, lower case before upper case.
_LETTER_FREQUENCY = "taoswcbpfhmidrelnguyvjkqxz"


def _letter_rank(letter: str) -> tuple[int, int, str]:
    lower = letter.lower()
    rank = _LETTER_FREQUENCY.find(lower)
    return (letter != lower, rank if rank >= 0 else len(_LETTER_FREQUENCY), letter)
