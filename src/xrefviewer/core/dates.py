"""Date mentions and their TIMEX3 values, resolved against the document's own date.

`scan` finds date expressions with the rules of data/dates.toml (compiled by
`date_patterns`) and records which fields each filled; `extract_dates` turns them into
`DateSpan`s. The choices a reader may want to know:

- Precision is the text's: "1988" stays a year, "October 2019" a month, "the 1980s" a decade
  (198X), "last week" a week (2014-W22), "over the weekend" a weekend (2019-W42-WE); a missing
  year is taken from the document date, a missing day never from anywhere.
- A month and day without a year take the document's year, except that in a past-tense clause
  a month after the document's month means the previous year ("on December 20" in a January
  statement), and in a future-tense clause a month before it the next year ("will meet on
  February 2" in June): HeidelTime's rule for news. Quoted speech is a clause of its own.
- A range takes its year from its end: "June 22 to July 22, 2019", "December 28 to January 3,
  2014" (the previous year for a start month after the end month).
- A weekday with a month and day ("Tuesday, June 3"): with a document dated to the month, the
  weekday is only checked (a mismatch is a slip, flagged uncertain); with a document dated to
  the year, it picks that year or one either side; without a document date, the year nearest
  the latest month or day the text states in full.
- A lone weekday ("on Tuesday") is the one on or before the document date, or on or after it in
  a future-tense clause; "last"/"next" move a week. Without a document date precise to the
  day, a full date stated just before it (within a few paragraphs) stands in, flagged
  uncertain: a page of several posts, a quoted report. "on the 14th" needs the document's
  month (it is that month's, or the one before); "yesterday" with a coarser document date
  yields that coarser value, flagged uncertain.
- Day lists ("7, 8 and 9 January", "June 3-5") give one mention per day written.
- "three years ago" is a date (2011 from 2014); "three years", "for 30 years", "the past year",
  "the coming weeks" are durations and not dates. "recently", "currently", "now", "in the
  future" give PAST_REF / PRESENT_REF / FUTURE_REF ("now that" and a sentence-opening "Now"
  give nothing).
- A bare year (1900-2099) is a date only in a date context ("in 1988", "since 1981", "Iran's
  1988 massacre", "the 2014 elections", "1981-1991") and never as a count ("2000 soldiers",
  "a total of 2000"). "Wednesday 23" with no month, numeric dates such as 06/03/2014 (which
  order?) and "the 30th anniversary" are left alone.
- Without a document date, underspecified days and months take the year of a full date stated
  just before (flagged uncertain), else "XXXX"; expressions that only make sense relative to
  the document date ("yesterday", "three years ago") are left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cache
from itertools import repeat
from typing import NamedTuple

from xrefviewer.core.clock_times import FULL_DAY as _FULL_DAY
from xrefviewer.core.clock_times import attach_times
from xrefviewer.core.date_patterns import Grammar, Lexicon, RuleReading, grammar
from xrefviewer.core.model import DateSpan
from xrefviewer.core.rules import load_toml
from xrefviewer.core.timex import (
    Anchor,
    day_value,
    decade_value,
    month_value,
    moving_holiday,
    nearest_year_with_weekday,
    shift,
    shift_months,
    underspecified_day,
    valid_day,
    week_value,
)

_FUTURE_WORDS = (
    r"(?:will|would(?!\s+have)|shall|won't|going\s+to|is\s+to|are\s+to|scheduled|planned|plans\s+to|"
    r"expected\s+to|upcoming|due\s+to|to\s+be\s+held|(?:is|are|was|were)\s+set\s+for|(?:is|are)\s+due|"
    # what the present tense schedules: "takes effect from Monday", "takes office on July 15"
    r"takes?\s+(?:effect|office)|(?:comes?|enters?)\s+into\s+force)"
)
_FUTURE = re.compile(rf"\b{_FUTURE_WORDS}\b|'ll\b", re.IGNORECASE)
# The same, for ASCII text put in lower case (there, ignoring case is just that): at one
# position, and after it from the character before each word, which lets the engine skip
# over letters at C speed rather than try every position (several times faster).
_FUTURE_LOWER = re.compile(rf"\b{_FUTURE_WORDS}\b|'ll\b")
_FUTURE_AFTER = re.compile(rf"[^a-z0-9_](?:(?={_FUTURE_WORDS}\b)|(?<=')ll\b)")
# Where the clause that decides a tense stops: quoted speech has its own tenses.
_CLAUSE_END_CHARS = '.!?;\n“”"'
_CLAUSE_END_OTHERS = _CLAUSE_END_CHARS[1:]  # (the full stop has a rule of its own)
# a decimal point ("NOK 4.50 per share") ends no clause
# (each alternative opens with a plain character, which lets the engine skip to them)
_CLAUSE_END = re.compile(
    r'!|\?|;|\n|“|”|"|\.(?!\d)|\.(?<!\d\.)|,\s+(?:and|but|while|whereas)\s'
    r"| and (?:will|shall|is to|are to)\b"  # "won at the weekend and will face": a tense of its own
)
# Coordinated clauses have tenses of their own: "arrived on Monday, and the campaign will".
_COORDINATION = re.compile(r",\s+(?:and|but|while|whereas)\s")
# A verb in the past: "was paid", "said", "rose", "ended"
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|rose|fell|came|went|began|took|gave|made|won|lost|"
    r"met|left|saw|grew|ago|yesterday|last|earlier|[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
# "since Friday", "since May": a date after "since" is always behind the document date
_SINCE = re.compile(r"\b(?:[Ss]ince|[Ll]ast)\s+$")
# "must vote by December 20": a deadline under an obligation is ahead
_BY = re.compile(r"\b(?:by|before)\s+$")
_OBLIGATION = re.compile(r"\b(?:must|should|has\s+to|have\s+to|needs?\s+to|required\s+to)\b", re.I)
# Between a date without a year and the dated end of its range: "June 22 to July 22, 2019".
_RANGE_JOINT = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*")
_NUMBER = re.compile(r"[0-9]+")
_LOCAL_REACH = 600  # characters a full date lends its day to a lone weekday after it
# Off the calendar's ends ("three years ago" in year 2) there is no value to give.
_WELL_FORMED = re.compile(r"(?:[0-9]{3}[0-9X]|[0-9]{2}XX|XXXX)(?:-|$)|[A-Z]+_REF$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# rules whose dates count from the last date the passage gave ("two days later")
_FROM_LAST_DATE = frozenset(
    {
        "shift_from_last_date",
        "the_shift_from_last_date",
        "year_earlier_period",
        "the_period_spoken_of",
        "the_same_unit",
    }
)
_SAME_BEFORE = re.compile(r"(?:[Tt]hat|[Tt]he\s+same)\s+$")
# rules that name the time spoken of itself, no step from it
_SPOKEN_OF = frozenset({"the_period_spoken_of", "the_same_unit"})
_PART_OF_YEAR = re.compile(r"([0-9]{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_PART_LETTERS = "QHSFW"  # what `_PART_OF_YEAR` needs after the year and its hyphen


# Parts and RawDate are named tuples rather than frozen dataclasses: as immutable, and
# several times cheaper to make (a document has hundreds).


# `DateSpan` is frozen: its `__init__` sets each field through `object.__setattr__`, which
# costs as much as resolving most dates. Its slots' own setters do the same, cheaper.
_SPAN_FIELDS = ("start", "end", "text", "value", "relative", "uncertain")
assert tuple(f.name for f in fields(DateSpan)) == _SPAN_FIELDS, "DateSpan changed: update this"
_SET_START, _SET_END, _SET_TEXT, _SET_VALUE, _SET_RELATIVE, _SET_UNCERTAIN = (
    getattr(DateSpan, name).__set__ for name in _SPAN_FIELDS
)


def _date_span(
    start: int, end: int, text: str, value: str, relative: bool, uncertain: bool
) -> DateSpan:
    """`DateSpan(start, end, text, value, relative, uncertain)`, built without `__init__`."""
    span = object.__new__(DateSpan)
    _SET_START(span, start)
    _SET_END(span, end)
    _SET_TEXT(span, text)
    _SET_VALUE(span, value)
    _SET_RELATIVE(span, relative)
    _SET_UNCERTAIN(span, uncertain)
    return span


class Parts(NamedTuple):
    """The calendar parts a match states outright (no anchor involved)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None


class RawDate(NamedTuple):
    """One rule match: where, which rule, and the text of each field it filled."""

    rule: str
    start: int
    end: int
    fields: dict[str, str]
    field_starts: dict[str, int]
    parts: Parts  # what it states outright


_last_scan: tuple[str, tuple[RawDate, ...]] = ("", ())


def scan(text: str) -> tuple[RawDate, ...]:
    """Every rule match in the text, left to right, without overlaps.

    The last result is kept: the pipeline scans each document twice in a row, once to
    date it (`infer_document_date`) and once to resolve its dates against that.

    Only where a rule can start (a word some rule starts with, a digit) are the rules
    tried, and only those that start with that word or character, in file order; the
    first that matches wins.
    """
    global _last_scan
    if _last_scan[0] is text:
        return _last_scan[1]
    g = grammar()
    by_start = g.by_start
    readings = g.readings
    matchers = g.matchers
    lex = g.lexicon
    out: list[RawDate] = []
    # (the space stands for the start of the text: a candidate must follow some character;
    # the character before a candidate at text[pos] is padded[pos])
    padded = " " + text
    find = (g.candidates_ascii if text.isascii() else g.candidates).compiled().search
    at = 0  # where to look for the next candidate: past the last one, and past the last date
    while (candidate := find(padded, at)) is not None:
        pos = candidate.start()
        at = pos + 1
        word = candidate.group(1)
        match = matchers.get(word)
        if match is None:
            joined = by_start.get(word)
            if joined is None:
                continue
            match = matchers[word] = joined.compiled().match
        m = match(text, pos)
        if m is None:
            continue
        # the rule's own group closes last, so it is the match's last group
        group: str = m.lastgroup  # type: ignore[assignment]
        reading = readings.get(group) or _reading(g, group)
        end = m.end()
        at = max(at, end)
        fields: dict[str, str] = {}
        starts: dict[str, int] = {}
        for name, field_group in reading.groups:
            start, stop = m.span(field_group)
            if start >= 0:
                fields[name] = text[start:stop]
                starts[name] = start
        calendar = reading.calendar
        parts = _parts_of(fields, calendar, lex, reading.dots) if calendar else _NO_PARTS
        out.append(_new_tuple(RawDate, (reading.rule, pos, end, fields, starts, parts)))
    found = tuple(_numeric_order(out)) if "/" in text else tuple(out)
    _last_scan = (text, found)
    return found


def _numeric_order(raws: list[RawDate]) -> list[RawDate]:
    """A document writes its numeric dates one way: when one of them shows which ("25/03/2018"
    is day first, "03/25/2018" month first) and none shows the other, an ambiguous one
    ("05/03/2018") is read that way too, rather than as its year alone."""
    day_first = month_first = False
    ambiguous = []
    for i, raw in enumerate(raws):
        if "nb" not in raw.fields or raw.rule == "numeric_date_dots":
            continue  # (dots are day first by themselves)
        a, b = int(raw.fields["na"]), int(raw.fields["nb"])
        if a > 12 >= b:
            day_first = True
        elif b > 12 >= a:
            month_first = True
        elif a != b and raw.parts.month is None:
            ambiguous.append(i)
    if not ambiguous or day_first == month_first:
        return raws
    for i in ambiguous:
        raw = raws[i]
        a, b = int(raw.fields["na"]), int(raw.fields["nb"])
        day, month = (a, b) if day_first else (b, a)
        raws[i] = raw._replace(parts=Parts(raw.parts.year, month, day))
    return raws


def future_clause(text: str, start: int, end: int) -> bool:
    """Does the clause around text[start:end] speak of the future ("will meet on May 3")?
    Quoted speech counts as a clause of its own."""
    lo = _clause_start(text, start)
    before = text[max(lo, start - 8) : start]  # the words right before the date
    # (each search below is tried only when the words it needs are there: most dates have
    # none of them)
    if ("ince" in before or "ast" in before) and _SINCE.search(before):
        return False
    stop = _CLAUSE_END.search(text, end, end + 160)
    hi = stop.start() if stop else min(len(text), end + 160)
    if "b" in before and _BY.search(before) and _OBLIGATION.search(text, lo, start):
        return True
    if not _says_future(text, lo, hi):
        return False
    return not _told_in_the_past(text, lo, start, end, hi)


def _told_in_the_past(text: str, lo: int, start: int, end: int, hi: int) -> bool:
    """Is the date that of a past act, though its clause holds a future word: "said on
    Friday that talks would resume", "On Friday, the minister said talks would resume"?
    Not when a future word comes before the date ("will be signed on Friday")."""
    if _says_future(text, lo, start):
        return False
    tense = _tense_words()
    words = text[max(lo, start - 40) : start].lower().split()
    while words and words[-1] in tense.between:
        words.pop()
    if words:
        verb = words[-1].strip(",")
        if verb in tense.past or (verb.endswith("ed") and verb not in tense.planning):
            return True
    if text[lo:start].strip(" \t\n,(\"'“‘").lower() in ("", "on"):
        # the clause opens with the date: is a reporting verb its first, before any future?
        after = text[end:hi].lower()
        first_future = _FUTURE_LOWER.search(after)
        limit = first_future.start() if first_future else len(after)
        return any(w.strip(",") in tense.reporting for w in after[:limit].split())
    return False


@dataclass(frozen=True, slots=True)
class _TenseWords:
    reporting: frozenset[str]
    past: frozenset[str]  # reporting verbs and irregular past forms
    planning: frozenset[str]
    between: frozenset[str]  # words between a verb and its date: "said late on Friday"


@cache
def _tense_words() -> _TenseWords:
    data = load_toml("date_tense")
    reporting = frozenset(data["reporting_verbs"])
    return _TenseWords(
        reporting,
        reporting | frozenset(data["irregular_past_verbs"]),
        frozenset(data["planning_participles"]),
        frozenset(data["between_verb_and_date"]),
    )


def past_sentence(text: str, start: int, end: int) -> bool:
    """Does the sentence around text[start:end] tell of the past ("was paid on Nov. 15";
    "were wounded in May, and more on 19 February")?"""
    lo = _clause_start(text, start, coordinated=False)
    stop = _CLAUSE_END.search(text, end, end + 160)
    hi = stop.start() if stop else min(len(text), end + 160)
    return _PAST.search(text, lo, hi) is not None


def _clause_start(text: str, start: int, coordinated: bool = True) -> int:
    """Where the clause that text[start] is in starts (looking back 160 characters at most):
    after the last sentence end, quotation mark or (if `coordinated`) coordinating ", and"
    before it."""
    lo = max(0, start - 160)
    at = text.rfind(".", lo, start)
    while at > 0 and text[at - 1].isdigit() and text[at + 1 : at + 2].isdigit():
        at = text.rfind(".", lo, at)  # a decimal point ("NOK 4.50") ends no clause
    others = max(map(text.rfind, _CLAUSE_END_OTHERS, repeat(lo), repeat(start)))
    lo = max(lo, at + 1, others + 1)
    if coordinated and text.find(",", lo, start) >= 0:
        for joint in _COORDINATION.finditer(text, lo, start):
            lo = joint.end()
    return lo


def _says_future(text: str, lo: int, hi: int) -> bool:
    """`_FUTURE.search(text, lo, hi) is not None`, faster."""
    window = text[lo - 1 if lo else 0 : hi]  # (with the character before: for \b at lo)
    if not window.isascii():
        return _FUTURE.search(text, lo, hi) is not None
    window = window.lower()
    at = 1 if lo else 0
    return (
        _FUTURE_LOWER.match(window, at) is not None or _FUTURE_AFTER.search(window, at) is not None
    )


# The calendar fields, in the order `_parts_of` reads them (of two for one part, the later
# wins): a match without any ("yesterday", "three years ago") states no calendar part.
_CALENDAR_FIELDS = ("year", "cyear", "anyyear", "month", "monthname", "mm", "na", "holiday")
_CALENDAR_FIELDS += ("day", "dday", "nthday", "dayword", "dd", "days", "weekday", "weekdayname")
_NO_PARTS = Parts()
# A named tuple made without its `__new__` (a Python function): the scan makes hundreds.
_new_tuple = tuple.__new__


def _reading(g: Grammar, group: str) -> RuleReading:
    """How the scan reads a match of the rule whose own group is `group` (once per rule)."""
    rule = g.by_group[group]
    calendar = tuple(key for key in _CALENDAR_FIELDS if key in rule.fields)
    reading = RuleReading(rule.name, rule.groups, calendar, rule.name == "numeric_date_dots")
    g.readings[group] = reading
    return reading


def _parts_of(f: dict[str, str], calendar: tuple[str, ...], lex: Lexicon, dots: bool) -> Parts:
    """The parts the fields `f` state; `calendar` lists the calendar fields the rule has
    (only those can be in `f`), in the order of `_CALENDAR_FIELDS`."""
    year = month = day = weekday = holiday_day = None
    for key in calendar:
        value = f.get(key)
        if value is None:
            continue
        if key in _YEAR_FIELDS:
            year = int(value)
        elif key == "month":
            month = lex.months.get(value.lower().rstrip("."))
        elif key == "monthname":
            month = lex.months.get(value.lower())
        elif key == "mm":
            month = int(value)
        elif key == "na":
            a, b = int(value), int(f["nb"])
            if dots or a > 12 or a == b:
                return Parts(year, b, a) if b <= 12 else _NO_PARTS
            if b > 12:
                return Parts(year, a, b)
            return Parts(year)  # which is the month? the year is all that is sure
        elif key == "holiday":
            month, holiday_day = lex.holidays[" ".join(value.lower().split())]
        elif key == "days":
            day = int(_NUMBER.search(value).group())  # type: ignore[union-attr]
        elif key in _WEEKDAY_FIELDS:
            weekday = lex.weekdays.get(value.lower().rstrip("."))
        else:  # a day's own field
            day = _day_number(value, lex)
    if holiday_day is not None:
        day = holiday_day
    return _new_tuple(Parts, (year, month, day, weekday))


_YEAR_FIELDS = frozenset({"year", "cyear", "anyyear"})
_WEEKDAY_FIELDS = frozenset({"weekday", "weekdayname"})


def _day_number(text: str, lex: Lexicon) -> int | None:
    digits = _NUMBER.match(text)
    if digits:
        return int(digits.group())
    return lex.day_ordinals.get(text.lower())


def extract_dates(text: str, anchor: str | None, anchor_uncertain: bool = False) -> list[DateSpan]:
    """Date mentions in `text` with TIMEX3 values, resolved against the document date.

    Args:
        text: the document text.
        anchor: the document's own date as a TIMEX3 value ("2014-06-03", "2014-06", "2014")
            or None when unknown.
        anchor_uncertain: the document date was inferred, so values resolved against it
            are flagged uncertain.

    Returns:
        Non-overlapping spans sorted by start.
    """
    raws = scan(text)
    resolver = _Resolver(text, Anchor.parse(anchor), anchor_uncertain, raws)
    out: list[DateSpan] = []
    for raw in raws:
        try:
            spans = resolver.resolve(raw)
        except (ValueError, OverflowError):
            continue  # arithmetic off the calendar's ends (an anchor in year 1 or 9999)
        # (once a match) a look back, or a "said today", leaves the passage's time as it was
        back = (raw.rule in _FROM_LAST_DATE and resolver.looks_back(raw)) or _said_today(text, raw)
        for d in spans:
            value = d.value
            if not _WELL_FORMED.match(value):
                continue
            out.append(d)
            if value[0].isdigit() and not back:
                resolver.last_value = (d.end, value)
                # (a part of a year has a letter after its year: most values are spared
                # the expression)
                if value[5:6] in _PART_LETTERS and _PART_OF_YEAR.match(value):
                    resolver.last_part = (d.end, value)
            if len(value) >= 10 and _FULL_DAY.match(value):  # (a full day is 10 long)
                resolver.last_month = (d.end, int(value[:4]), int(value[5:7]))
                if not d.relative:
                    resolver.last_day = (d.end, date.fromisoformat(value))
    return attach_times(text, out)


# "..., the group said today.": when it was said, not the time the passage speaks of
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|announced|stated|reported|published|released|warned|added"
    r"|told(?:\s+[a-z]+){1,2})\s+$"
)


def _said_today(text: str, raw: RawDate) -> bool:
    """Is this "today" the day of a statement, which "that day" never refers back to?"""
    return (
        raw.rule == "relative_day"
        and text[raw.start : raw.end].lower() == "today"
        and _SAID_BEFORE.search(text, max(0, raw.start - 30), raw.start) is not None
    )


class _Resolver:
    """Turns rule matches into DateSpans for one document."""

    def __init__(
        self, text: str, anchor: Anchor, anchor_uncertain: bool, raws: Sequence[RawDate]
    ) -> None:
        self.text = text
        self.anchor = anchor
        self.anchor_uncertain = anchor_uncertain
        self.g = grammar()
        self._raws = raws
        self._reference: int | None = None
        self._reference_known = False
        self._index = {raw.start: i for i, raw in enumerate(raws)}
        self.last_day: tuple[int, date] | None = None  # end and value of the last full day
        # end, year and month of the last day mentioned: "On 3 March ... On the 5th"
        self.last_month: tuple[int, int, int] | None = None
        # end and value of the last date of any precision: "March 2018 ... a year later"
        self.last_value: tuple[int, str] | None = None
        # and of the last quarter, half or season: "the third quarter ended Sept. 30 ... the
        # year-ago quarter" compares quarters
        self.last_part: tuple[int, str] | None = None

    def range_end_year(self, raw: RawDate, month: int) -> int | None:
        """The year of the date that closes a range this one opens ("June 22 to July 22,
        2019"), the year before when the range crosses New Year."""
        i = self._index.get(raw.start)
        if i is None or i + 1 >= len(self._raws):
            return None
        nxt = self._raws[i + 1]
        if _RANGE_JOINT.fullmatch(self.text, raw.end, nxt.start) is None:
            return None
        parts = nxt.parts
        if parts.year is None:
            return None
        return parts.year - 1 if parts.month is not None and month > parts.month else parts.year

    @property
    def reference_year(self) -> int | None:
        """The year to guess around when the document date has none: the latest stated."""
        if self.anchor.year is not None:
            return self.anchor.year
        if not self._reference_known:
            self._reference_known = True
            # a bare year is often history ("the 1988 massacre"); a stated month or day
            # is what the text's own time is near
            years = [
                p.year
                for p in (r.parts for r in self._raws)
                if p.year is not None and p.month is not None
            ]
            self._reference = max(years) if years else None
        return self._reference

    def future(self, raw: RawDate) -> bool:
        return future_clause(self.text, raw.start, raw.end)

    def span(
        self, raw: RawDate, value: str, relative: bool = False, guessed: bool = False
    ) -> DateSpan:
        uncertain = guessed or (relative and self.anchor_uncertain)
        return _date_span(
            raw.start, raw.end, self.text[raw.start : raw.end], value, relative, uncertain
        )

    def resolve(self, raw: RawDate) -> list[DateSpan]:
        f = raw.fields
        lex = self.g.lexicon
        anchor = self.anchor
        if raw.rule == "century":  # its ordinal is no day
            return self._century(raw)
        if "mholiday" in f:
            return self._moving_holiday(
                raw, lex.moving_holidays[" ".join(f["mholiday"].lower().split())]
            )
        if "days" in f:
            return self._day_list(raw)
        parts = raw.parts
        if parts.month is not None and parts.day is not None:
            return self._month_day(raw, parts)
        if parts.day is not None and parts.year is not None and parts.weekday is not None:
            return self._month_from_weekday(raw, parts.year, parts.day, parts.weekday)
        if parts.month is not None:
            return self._month(raw, parts)
        if "season" in f:
            season = lex.seasons[f["season"].lower()]
            if parts.year is not None:
                return [self.span(raw, f"{parts.year:04d}-{season}")]
            if "shift" in f:
                return self._shift_season(raw, season)
            return self._season(raw, season)
        if "quarter" in f or "qnum" in f:
            q = lex.quarters[f["quarter"].lower()] if "quarter" in f else f"Q{f['qnum']}"
            if parts.year is not None:
                return [self.span(raw, f"{parts.year:04d}-{q}")]
            return self._part_of_year(raw, q, 3 * int(q[1]) - 2)
        if "half" in f:
            return self._half(raw, parts, lex.halves[f["half"].lower()])
        if "decade" in f:
            return self._decade(raw, f["decade"])
        if "vague" in f or ("unit" in f and "count" not in f):
            return [self.span(raw, "PAST_REF")]
        if raw.rule in _FROM_LAST_DATE:
            return self._from_last_date(raw)
        if raw.rule == "months_of_the_year":
            return self._months_of_the_year(raw)
        if raw.rule == "quarter_months":
            return self._quarter_months(raw)
        if "count" in f:
            count = f["count"].lower()
            amount = int(count) if count.isdigit() else lex.counts.get(count)
            unit = lex.units.get(f["unit"].lower().rstrip("s"))
            if unit == "decade" and amount:
                unit, amount = "year", amount * 10  # "a decade ago": that year, not its decade
            if raw.rule != "count_unit_ahead":
                amount = -amount  # "three years ago"
            return self._shifted(raw, unit, amount) if amount and unit else []
        if "sunit" in f:  # "next month"; "the end of the month" is this month's
            unit = lex.units.get(f["sunit"].lower())
            amount = lex.shifts[f["ushift"].lower()] if "ushift" in f else 0
            return self._shifted(raw, unit, amount) if unit and unit != "day" else []
        if "rday" in f:
            offset = lex.relative_days[" ".join(f["rday"].lower().split())]
            return self._shifted(raw, "day", offset)
        if raw.rule == "weekend":
            return self._weekend(raw)
        if "ref" in f:
            return [self.span(raw, lex.references[" ".join(f["ref"].lower().split())])]
        if parts.weekday is not None:
            return self._weekday(raw, parts.weekday, f.get("wshift", "").lower())
        if parts.day is not None:
            return self._day_of_month(raw, parts.day)
        if parts.year is not None:
            return [self.span(raw, f"{parts.year:04d}")]
        del anchor
        return []

    # -- days ---------------------------------------------------------------------------------

    def _year_for(
        self, raw: RawDate, month: int, day: int | None, weekday: int | None
    ) -> tuple[int | None, bool, bool]:
        """(year or None, relative, guessed) for a month (and day) written without a year."""
        anchor = self.anchor
        if anchor.year is None:
            local = self.last_day
            near = local is not None and raw.start - local[0] <= _LOCAL_REACH
            around = local[1].year if near and local else self.reference_year
            if weekday is not None and day is not None and around is not None:
                year = nearest_year_with_weekday(month, day, weekday, around)
                return year, True, True
            if near and local:
                # the year of the full date just before: the passage's own time
                return local[1].year, True, True
            return None, False, False
        year = anchor.year
        if anchor.month is not None:
            # the month after the document's is ahead unless the clause tells of the past
            # ("payable Nov. 15" in late October), any other is behind unless it speaks ahead
            future = self.future(raw) or (
                (month - anchor.month) % 12 == 1
                and not past_sentence(self.text, raw.start, raw.end)
            )
            if not future and month > anchor.month:
                year -= 1
            elif future and month < anchor.month:
                year += 1
        if weekday is not None and day is not None:
            stated = valid_day(year, month, day)
            if stated is not None and stated.isoweekday() == weekday:
                return year, True, anchor.month is None
            if anchor.month is not None:
                # the document's month already fixed the year: the weekday is a slip
                return year, True, True
            # a document dated by its year alone: the weekday picks the year either side
            fitting = nearest_year_with_weekday(month, day, weekday, year, limit=1)
            return (fitting, True, True) if fitting else (year, True, True)
        return year, True, anchor.month is None

    def _month_day(self, raw: RawDate, parts: Parts) -> list[DateSpan]:
        month, day = parts.month, parts.day
        assert month is not None and day is not None
        if valid_day(parts.year, month, day) is None:
            return []
        if parts.year is not None:
            d = valid_day(parts.year, month, day)
            return [self.span(raw, day_value(d))] if d else []
        closing = self.range_end_year(raw, month)
        if closing is not None:
            d = valid_day(closing, month, day)
            return [self.span(raw, day_value(d))] if d else []
        year, relative, guessed = self._year_for(raw, month, day, parts.weekday)
        if year is not None and valid_day(year, month, day) is None:
            return []  # February 29 in a common year
        return [self.span(raw, underspecified_day(year, month, day), relative, guessed)]

    def _day_list(self, raw: RawDate) -> list[DateSpan]:
        parts = raw.parts
        month = parts.month
        if month is None:
            return []
        days_start = raw.field_starts["days"]
        numbers = [
            (int(m.group()), days_start + m.start(), days_start + m.end())
            for m in _NUMBER.finditer(raw.fields["days"])
        ]
        if any(valid_day(parts.year, month, n) is None for n, _, _ in numbers):
            return []
        year: int | None = parts.year
        relative = guessed = False
        if year is None:
            year, relative, guessed = self._year_for(raw, month, numbers[0][0], None)
        out = []
        last = len(numbers) - 1
        for i, (n, start, end) in enumerate(numbers):
            start = raw.start if i == 0 else start
            end = raw.end if i == last else end
            value = underspecified_day(year, month, n)
            uncertain = guessed or (relative and self.anchor_uncertain)
            out.append(_date_span(start, end, self.text[start:end], value, relative, uncertain))
        return out

    def _day_of_month(self, raw: RawDate, day: int) -> list[DateSpan]:
        """The day of "on the 14th": that day of the document's month (the previous month when the
        day is still ahead of the document date in a past-tense clause)."""
        a = self.anchor
        near = self.last_month
        if (
            near is not None
            and "\n" not in self.text[near[0] : raw.start]
            and not self.text.startswith(" of", raw.end)  # "the 14th of this month"
        ):
            # the month of a day just mentioned in the same paragraph
            d = valid_day(near[1], near[2], day)
            return [self.span(raw, day_value(d), True, a.day is None)] if d else []
        if a.year is None or a.month is None:
            return []
        year, month = a.year, a.month
        if a.day is not None and day > a.day and not self.future(raw):
            d = valid_day(year, month, 1)
            assert d is not None
            prev = d - timedelta(days=1)
            year, month = prev.year, prev.month
        d = valid_day(year, month, day)
        return [self.span(raw, day_value(d), True, a.day is None)] if d else []

    def _month_from_weekday(
        self, raw: RawDate, year: int, day: int, weekday: int
    ) -> list[DateSpan]:
        """ "Wednesday 23, 2019" (the month left out): a month of that year whose day falls
        on that weekday, the latest not after the document's month; else the year only."""
        months = [
            m for m in range(1, 13) if (d := valid_day(year, m, day)) and d.isoweekday() == weekday
        ]
        a = self.anchor
        if a.year is not None and a.month is not None:
            if a.year == year:
                months = [m for m in months if m <= a.month] or months
            elif a.year < year:
                months = months[:1]
        if len(months) == 1 or (months and a.year is not None and a.year >= year):
            return [self.span(raw, f"{year:04d}-{months[-1]:02d}-{day:02d}", False, True)]
        return [self.span(raw, f"{year:04d}")]

    def _moving_holiday(self, raw: RawDate, rule: str) -> list[DateSpan]:
        """ "Easter", "Thanksgiving": in the stated year, else the one on or before the
        document date in a past clause, on or after it in a future one."""
        if raw.parts.year is not None:
            d = moving_holiday(rule, raw.parts.year)
            return [self.span(raw, day_value(d))] if d else []
        a = self.anchor
        if a.year is None:
            return []
        d = moving_holiday(rule, a.year)
        today = a.date
        if d is None or today is None:
            return [self.span(raw, day_value(d), True, True)] if d else []
        future = self.future(raw)
        if future and d < today:
            d = moving_holiday(rule, a.year + 1)
        elif not future and d > today:
            d = moving_holiday(rule, a.year - 1)
        return [self.span(raw, day_value(d), True)] if d else []

    def _weekend(self, raw: RawDate) -> list[DateSpan]:
        d = self.anchor.date
        if d is None:
            return []
        before = self.text[max(0, raw.start - 8) : raw.start].lower()
        forward = "next" in before or "coming" in before or self.future(raw)
        if "last" in before:
            forward = False
        if forward:
            saturday = d + timedelta(days=(6 - d.isoweekday()) % 7)
        else:
            saturday = d - timedelta(days=(d.isoweekday() - 6) % 7)
            if "last" in before and saturday == d:
                saturday -= timedelta(weeks=1)
        return [self.span(raw, week_value(saturday) + "-WE", True)]

    def _weekday(self, raw: RawDate, weekday: int, modifier: str) -> list[DateSpan]:
        d = self.anchor.date
        guessed = False
        if d is None:
            # Without a document day, a full date just before ("- October 23, 2019 / A book
            # was released on Wednesday") is the time the passage speaks from.
            if self.last_day is None or raw.start - self.last_day[0] > _LOCAL_REACH:
                return []
            d, guessed = self.last_day[1], True
        forward = modifier in ("next", "coming") or (modifier != "last" and self.future(raw))
        if forward:
            delta = (weekday - d.isoweekday()) % 7 or (7 if modifier == "next" else 0)
            target = d + timedelta(days=delta)
        else:
            delta = (d.isoweekday() - weekday) % 7 or (7 if modifier == "last" else 0)
            target = d - timedelta(days=delta)
        return [self.span(raw, day_value(target), True, guessed)]

    # -- months, seasons, decades, shifts ----------------------------------------------------

    def _month(self, raw: RawDate, parts: Parts) -> list[DateSpan]:
        month = parts.month
        assert month is not None
        f = raw.fields
        lex = self.g.lexicon
        a = self.anchor
        if parts.year is not None:
            return [self.span(raw, month_value(parts.year, month))]
        if "yshift" in f:
            if a.year is None:
                return []
            year = a.year + lex.shifts[f["yshift"].lower()]
            return [self.span(raw, month_value(year, month), True)]
        if "shift" in f:
            if a.year is None:
                return []
            amount = lex.shifts[f["shift"].lower()]
            if a.month is None:
                return [self.span(raw, month_value(a.year + amount, month), True, True)]
            year = a.year
            if amount < 0 and month >= a.month:
                year -= 1
            elif amount > 0 and month <= a.month:
                year += 1
            return [self.span(raw, month_value(year, month), True)]
        closing = self.range_end_year(raw, month)
        if closing is not None:
            return [self.span(raw, month_value(closing, month))]
        guess, relative, guessed = self._year_for(raw, month, None, None)
        return [self.span(raw, month_value(guess, month), relative, guessed)]

    def _shift_season(self, raw: RawDate, season: str) -> list[DateSpan]:
        a = self.anchor
        if a.year is None:
            return []
        amount = self.g.lexicon.shifts[raw.fields["shift"].lower()]
        year = a.year
        first, last = _SEASON_MONTHS[season]
        if amount < 0:
            # the last season that ended before the document's month
            ended = a.month is not None and (a.month > last if last >= first else False)
            if not ended:
                year -= 1
        elif amount > 0:
            started = a.month is not None and a.month >= first
            if started or a.month is None:
                year += 1
        return [self.span(raw, f"{year:04d}-{season}", True, a.month is None)]

    def _season(self, raw: RawDate, season: str) -> list[DateSpan]:
        """ "in the summer": the document's year, or the one before (after) when that season
        has not begun (has ended) by the document's month in a past (future) clause."""
        a = self.anchor
        if a.year is None:
            return []
        year = a.year
        first, _last = _SEASON_MONTHS[season]
        if a.month is not None and season != "WI":
            future = self.future(raw)
            if not future and first > a.month:
                year -= 1
            elif future and _last < a.month:
                year += 1
        return [self.span(raw, f"{year:04d}-{season}", True, a.month is None)]

    def _half(self, raw: RawDate, parts: Parts, half: str) -> list[DateSpan]:
        if parts.year is not None:
            return [self.span(raw, f"{parts.year:04d}-{half}")]
        a = self.anchor
        if a.year is not None and "yshift" in raw.fields:
            year = a.year + self.g.lexicon.shifts[raw.fields["yshift"].lower()]
            return [self.span(raw, f"{year:04d}-{half}", True)]
        return self._part_of_year(raw, half, 1 if half == "H1" else 7)

    def _part_of_year(self, raw: RawDate, part: str, first_month: int) -> list[DateSpan]:
        """ "the third quarter", "the second half of the year": the document's year, or the one
        before when that part has not begun by the document's month and the clause is past."""
        a = self.anchor
        if a.year is None:
            return []
        year = a.year
        if a.month is not None and first_month > a.month and not self.future(raw):
            year -= 1
        return [self.span(raw, f"{year:04d}-{part}", True, a.month is None)]

    def _decade(self, raw: RawDate, text: str) -> list[DateSpan]:
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) == 4:
            return [self.span(raw, decade_value(int(digits)))]
        # "the '80s": the most recent such decade up to the document's (20th century without)
        tens = int(digits)
        a = self.anchor
        century = 1900
        if a.year is not None and 2000 + tens <= a.year:
            century = 2000
        return [self.span(raw, decade_value(century + tens), a.year is not None)]

    def _months_of_the_year(self, raw: RawDate) -> list[DateSpan]:
        """ "the first three months of the year": Q1; "the last six months of 2019": 2019-H2."""
        words = self.text[raw.start : raw.end].lower().split()
        first, six = words[0] == "first", words[1] in ("six", "6")
        part = ("H1" if first else "H2") if six else ("Q1" if first else "Q4")
        year = raw.parts.year if raw.parts.year is not None else self.anchor.year
        if year is None:
            return []
        return [self.span(raw, f"{year:04d}-{part}", raw.parts.year is None)]

    def _quarter_months(self, raw: RawDate) -> list[DateSpan]:
        """ "the July-September period": the quarter whose first month the span starts with."""
        first = self.text[raw.start : raw.end].replace("–", "-").split("-")[0].strip().lower()
        month = self.g.lexicon.months[first]
        quarter = f"Q{(month + 2) // 3}"
        if raw.parts.year is not None:
            return [self.span(raw, f"{raw.parts.year:04d}-{quarter}")]
        return self._part_of_year(raw, quarter, month)

    def looks_back(self, raw: RawDate) -> bool:
        """ "a year earlier", "the previous quarter" compare with the time spoken of, which
        stays the passage's; "two days later" moves it on."""
        return raw.rule in _FROM_LAST_DATE and self._direction(raw) < 0

    def _direction(self, raw: RawDate) -> int:
        lower = self.text[raw.start : raw.end].lower()
        return -1 if any(w in lower for w in ("earlier", "ago", "previous", "preceding")) else 1

    def _from_last_date(self, raw: RawDate) -> list[DateSpan]:
        """ "two days later", "the previous quarter": counted from the date the passage gave
        last, at its precision; a year or quarter with none near counts from the document's."""
        f, lex = raw.fields, self.g.lexicon
        direction = self._direction(raw)
        if raw.rule == "year_earlier_period":
            amount, unit = 1, "year"
        elif raw.rule == "the_period_spoken_of":
            amount, unit = 0, "quarter"
        elif raw.rule == "the_same_unit":
            amount, unit = 0, lex.units.get(f["sunit"].lower())
        elif "count" in f:
            count = f["count"].lower()
            amount = int(count) if count.isdigit() else lex.counts.get(count, 0)
            unit = lex.units.get(f["unit"].lower().rstrip("s"))
        else:
            amount, unit = 1, lex.units.get(f["sunit"].lower())
        if (not amount and raw.rule not in _SPOKEN_OF) or unit is None or unit == "decade":
            return []
        amount *= direction
        last = self.last_value
        if (
            raw.rule == "year_earlier_period"
            and self.last_part is not None
            and not self.text[raw.start : raw.end].endswith("month")
        ):
            last = self.last_part  # a period compared a year apart is the quarter spoken of
        if last is None or raw.start - last[0] > _LOCAL_REACH:
            return (
                self._shifted(raw, unit, amount) if unit in ("year", "quarter") and amount else []
            )
        value = last[1]
        if raw.rule == "the_same_unit":
            return self._same_unit(raw, value, unit)
        if not amount:  # the period spoken of: only a quarter is one
            return [self.span(raw, value, True, True)] if value[5:6] == "Q" else []
        part = _PART_OF_YEAR.match(value)
        if part:  # "2025-Q1" a year earlier is the same quarter of 2024
            year, rest = int(part.group(1)), part.group(2)
            if unit == "year":
                return [self.span(raw, f"{year + amount:04d}-{rest}", True, True)]
            if unit == "quarter" and rest.startswith("Q"):
                y, m = shift_months(year, 3 * int(rest[1]) - 2, 3 * amount)
                return [self.span(raw, f"{y:04d}-Q{(m - 1) // 3 + 1}", True, True)]
            return []
        # a year from a month or a day is a year, at the phrase's own precision
        result = shift(Anchor.parse(value), unit, amount)
        if result is None or result[1]:
            return []  # the last date is coarser than the step: no value to give
        return [self.span(raw, result[0], True, True)]

    def _same_unit(self, raw: RawDate, value: str, unit: str) -> list[DateSpan]:
        """ "that year" after "9 May 2021": 2021; nothing when the last date is coarser."""
        # the rule matched the unit after its look back: the span takes in "that", "the same"
        words = _SAME_BEFORE.search(self.text, max(0, raw.start - 12), raw.start)
        if words is not None:
            raw = raw._replace(start=words.start())
        part = _PART_OF_YEAR.match(value)
        if part:
            return [self.span(raw, part.group(1), True, True)] if unit == "year" else []
        result = shift(Anchor.parse(value), unit, 0)
        if result is None or result[1]:
            return []
        return [self.span(raw, result[0], True, True)]

    def _century(self, raw: RawDate) -> list[DateSpan]:
        """ "the 20th century": the hundred years 1900-1999, "19XX"."""
        n = raw.parts.day
        return [self.span(raw, f"{n - 1:02d}XX")] if n is not None and 1 <= n <= 30 else []

    def _shifted(self, raw: RawDate, unit: str | None, amount: int) -> list[DateSpan]:
        if unit is None:
            return []
        result = shift(self.anchor, unit, amount)
        if result is None:
            return []
        value, coarse = result
        return [self.span(raw, value, True, coarse)]
