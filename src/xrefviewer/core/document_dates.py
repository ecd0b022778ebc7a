"""A document's own date, from the evidence a careful reader would weigh.

In order of trust:

1. a dateline: a date alone on one of the first lines ("Wednesday, July 31, 2024",
   "Posted on 3 May 2019") or opening the first paragraph ("GENEVA, June 3 (Reuters) -");
2. a signature date: a date alone on one of the last lines, under the signature;
3. a weekday that fits a stated day and month in one year only, near the latest year the
   text states (or `reference_year`, e.g. the collection's): the statement is from that month;
4. an anniversary: "the 26th anniversary of the 1988 massacre" dates the text to 2014
   (unless the text states a date in that year or later outright: then that date);
5. the month of the latest fully dated statement in the text (a deadline ahead aside);
6. a copyright year, the weakest hint (page furniture), reported as inferred;
7. nothing: value None, source "none".

A top date is page furniture, not a dateline, when a signature date disagrees with it or
when it is years after everything the text talks about (a web page printed in 2024 above a
2014 statement).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from xrefviewer.core.dates import Parts, RawDate, future_clause, scan
from xrefviewer.core.model import DocumentDate
from xrefviewer.core.timex import valid_day, years_with_weekday

_TOP_LINES = 8  # web pages put menus and bylines above the date
_BOTTOM_LINES = 4
_BODY_LINE = 300  # a line this long is body text: no dateline below it
# What may stand beside a date on a dateline or signature line besides punctuation.
_LINE_FURNITURE = re.compile(
    r"^[\W_]*(?:(?i:(?:last\s+)?(?:posted|published|updated|issued|released|modified)|dated?"
    # what kind of document it is: "Press release, 17 August 2027"
    r"|(?:[a-z]+\s+)?(?:(?:press|news|media)\s+release|statement|communiqu[eé]|bulletin"
    r"|situation\s+report))\b"
    r"[\W_]*(?:(?i:on|at|in)\b)?[\W_]*)?"
    r"(?:(?:(?i:by)\s+[\w.'-]+(?:\s+[\w.'-]+){0,2}|[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+){0,2})"
    r"[\W_]*)?"
    # the time it went out: "March 5, 2025, 10:32 a.m.", "5 March 2025 14.20 GMT"
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?[\W_]*)?$"
)
# "GENEVA, June 3 (Reuters) -", "Paris, France, 3 June 2014 –", "June 3, 2014 — ",
# "WASHINGTON (AP) — March 5, 2025", "LONDON, 5 March 2025 /PRNewswire/ --": maybe a place,
# maybe an agency, the date, maybe an agency, a dash or colon or the line's end.
_AGENCY_BEFORE = re.compile(
    r"^(?:[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?"
    r"(?:,\s*|\s*\([^)\n]{1,40}\)\s*[-—–:]?\s*))?$"
)
_AGENCY_AFTER = re.compile(r"\s*(?:\([^)\n]{1,40}\)|/[^/\n]{1,40}/)?\s*(?:([-—–:])|$)", re.M)
# Without a dash, a place and a date end a top line only right under the headline: lower
# down, and on the last line, they sign the text ("London, 24 October 2019").
_UNDASHED_LINES = 3
_COPYRIGHT = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)", re.I
)
_ANNIVERSARY = re.compile(r"\banniversary\s+of\b", re.I)
_ORDINAL_BEFORE = re.compile(r"(?:\b(\d{1,3})(?:st|nd|rd|th)|\b([A-Za-z]+(?:-[A-Za-z]+)?))\s+$")
_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?!\d|,\d)")
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75, "hundredth": 100,
}  # fmt: skip
_FIRM_SOURCES = frozenset({"supplied", "dateline", "signature"})
_DATELINE_YEAR_INFERRED = "inferred: dateline, year"
_STALE_YEARS = 2  # a top date this many years after the text's latest year is a print date
# A top date the document labels as its own ("Issued: 5 March 2021") is never a print date.
_OWN_LABEL = re.compile(r"^\W*(?i:issued|released|dated)\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


class _Dated(NamedTuple):  # (a named tuple: cheaper to make than a frozen dataclass)
    raw: RawDate
    parts: Parts
    line: int  # index into the non-blank lines


# A non-blank line, from its first to its last non-whitespace character (group 1): what
# `str.strip` leaves of it (both ask `str.isspace`), found by the engine, line by line.
_LINE = re.compile(r"[^\S\n]*(\S(?:[^\n]*\S)?)")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, whitespace trimmed."""
    return [m.span(1) for m in _LINE.finditer(text)]


def _value(p: Parts) -> str | None:
    if p.year is None:
        return None
    if p.month is None:
        return f"{p.year:04d}"
    if p.day is None:
        return f"{p.year:04d}-{p.month:02d}"
    d = valid_day(p.year, p.month, p.day)
    return d.isoformat() if d else None


def _alone(text: str, line: tuple[int, int], raw: RawDate) -> bool:
    """Is the date all there is on its line, apart from a word like "Posted on" or a name?"""
    rest = (text[line[0] : raw.start] + " " + text[raw.end : line[1]]).strip()
    return len(rest) <= 40 and _LINE_FURNITURE.match(rest) is not None


def infer_document_date(text: str, reference_year: int | None = None) -> DocumentDate:
    """The document's own date as a TIMEX3 value, and which evidence gave it.

    Args:
        text: the document text.
        reference_year: a year to prefer when the text alone cannot choose one, such as
            the median year of the other documents in a collection.
    """
    raws = scan(text)
    lines = _lines(text)
    line_starts = [s for s, _ in lines]
    # the line each date is on (or 0, for one before the first line's text)
    dated = [
        _Dated(raw, raw.parts, (bisect_right(line_starts, raw.start) or 1) - 1) for raw in raws
    ]

    copyright_marks = _COPYRIGHT.finditer(text) if _may_have_copyright(text) else ()
    copyright_lines = {bisect_right(line_starts, m.start()) - 1 for m in copyright_marks}
    top = _dateline(text, lines, dated, reference_year)
    bottom = _signature(text, lines, dated, top)
    furniture = {d.line for d in (top, bottom) if d is not None} | copyright_lines
    content = [d for d in dated if d.line not in furniture]
    # Years of the text's own statements: a bare year is often history ("the 1988 massacre").
    content_years = [
        d.parts.year for d in content if d.parts.year is not None and d.parts.month is not None
    ]
    anniversary = _anniversary(text)

    if top is not None:
        top_value = _value(top.parts)
        top_year = int(top_value[:4]) if top_value else 0
        stale = bool(content_years) and top_year - max(content_years) >= _STALE_YEARS
        if anniversary is not None and anniversary[0] == top_year:
            stale = False
        if _OWN_LABEL.match(text[lines[top.line][0] : top.raw.start]):
            stale = False
        if top.raw.parts.year is None:
            stale = False  # a yearless dateline's year was chosen to fit the text
        if stale and any(top_year - n in content_years for n in _years_ago(text)):
            stale = False  # "two years ago" from the top date is a year the text speaks of
        signature_disagrees = bottom is not None and _value(bottom.parts) != top_value
        if top_value and not stale and not signature_disagrees:
            if top.raw.parts.year is None:  # "GENEVA, June 3 (Reuters)": year from the text
                return DocumentDate(top_value, f"{_DATELINE_YEAR_INFERRED} {top_value[:4]}")
            return DocumentDate(top_value, "dateline")
    if bottom is not None:
        return DocumentDate(_value(bottom.parts), "signature")
    if top is not None and top.parts.year is None:
        return DocumentDate(None, "none")  # a yearless dateline: the collection decides

    latest = _latest_full(text, content)
    weekday = _weekday_fit(content, latest, reference_year, anniversary)
    if weekday is not None:
        return weekday
    # an anniversary dates the text unless it states a later date outright
    if anniversary is not None and (latest is None or int(latest[:4]) < anniversary[0]):
        return DocumentDate(f"{anniversary[0]:04d}", f"inferred: anniversary of {anniversary[1]}")
    if latest is not None:
        return DocumentDate(latest[:7], "inferred: latest date in text")
    for m in _COPYRIGHT.finditer(text) if copyright_lines else ():
        # page furniture: weak, so "inferred" (what it anchors is flagged uncertain)
        return DocumentDate(m.group(1), "inferred: copyright year")
    return DocumentDate(None, "none")


def _may_have_copyright(text: str) -> bool:
    # a plain substring test spares the case-insensitive expression most documents
    return "©" in text or "opyright" in text or "OPYRIGHT" in text or "(c)" in text


def _dateline(
    text: str, lines: list[tuple[int, int]], dated: list[_Dated], reference_year: int | None
) -> _Dated | None:
    for d in dated:
        if d.line >= _TOP_LINES or any(e - s >= _BODY_LINE for s, e in lines[: d.line]):
            break
        if d.parts.month is None:
            continue
        line = lines[d.line]
        # (the last line of a short text is its signature, not its dateline)
        if d.parts.year is not None and d.line < len(lines) - 1 and _alone(text, line, d.raw):
            return d
        before = text[line[0] : d.raw.start]
        after = _AGENCY_AFTER.match(text, d.raw.end)
        if (
            after is not None
            and (after.group(1) or d.line < min(_UNDASHED_LINES, len(lines) - 1))
            and _AGENCY_BEFORE.match(before)
        ):
            if d.parts.year is None:
                return _yearless(text, d, dated, reference_year)
            return d
    return None


def _with_year(d: _Dated, dated: list[_Dated]) -> _Dated | None:
    """An agency dateline gives no year ("GENEVA, June 3 (Reuters) -"): the one its weekday
    fits near the latest year the text states, else that year itself."""
    p = d.parts
    years = [o.parts.year for o in dated if o.parts.year is not None and o.parts.month]
    if not years or p.month is None:
        return None
    year = max(years)
    if p.weekday is not None and p.day is not None:
        fits = years_with_weekday(p.month, p.day, p.weekday, year - 1, year + 11)
        if not fits:
            return None
        year = min(fits, key=lambda y: (abs(y - max(years)), y))
    return _Dated(d.raw, Parts(year, p.month, p.day, p.weekday), d.line)


def _yearless(
    text: str, d: _Dated, dated: list[_Dated], reference_year: int | None
) -> _Dated | None:
    """The year of an agency dateline that gives none ("KABUL, March 3 (Reuters) - ...
    officials said on Wednesday"). Wire copy ends its first sentence with when it was
    said: the lede's last weekday is the dateline's day. A year the text states elsewhere
    counts only if the day falls on that weekday in it ("since August 1998" is history);
    else the year nearest the collection's reference year that fits, not before the
    latest year stated; else the dateline is returned without a year: the document waits
    for its collection rather than take a year from its history."""
    guess = _with_year(d, dated)
    p = d.parts
    weekday = _lede_weekday(text, d, dated) if p.weekday is None and p.day is not None else None
    if weekday is None or p.month is None or p.day is None:
        return guess
    stated = guess.parts.year if guess is not None else None
    stated_fits = stated is not None and years_with_weekday(p.month, p.day, weekday, stated, stated)
    if reference_year is None:
        return guess if stated_fits else d
    # With the collection's year known, a stated year that fits is only a floor: "since March
    # 2021" in a 2027 story is history that June 14 falls on a Monday in, too.
    floor = stated or 0
    fits = [
        y
        for y in years_with_weekday(p.month, p.day, weekday, reference_year - 6, reference_year + 6)
        if y >= floor
    ]
    if not fits:
        return guess if stated_fits else d
    year = min(fits, key=lambda y: (abs(y - reference_year), y))
    return _Dated(d.raw, Parts(year, p.month, p.day, weekday), d.line)


def _lede_weekday(text: str, d: _Dated, dated: list[_Dated]) -> int | None:
    """The last weekday named in the first sentence after a dateline, if any."""
    end = _SENTENCE_END.search(text, d.raw.end)
    stop = end.start() if end else len(text)
    weekdays = [
        o.parts.weekday
        for o in dated
        if d.raw.end <= o.raw.start < stop
        and o.parts.weekday is not None
        and o.parts.day is None
        and text[o.raw.end : o.raw.end + 1] not in ("'", "’")  # "Sunday's vote": the event's
    ]
    return weekdays[-1] if weekdays else None


_YEARS_AGO = re.compile(r"\b(\d{1,2}|[a-z]+)\s+years?\s+ago\b", re.I)
_SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a": 1,
}  # fmt: skip


# Where "years ago" is: a search the engine can run at C speed, skipping to each "y" (the
# full expression tried at every word start costs more than the rest of the dating).
_YEARS_AGO_TAIL = re.compile(r"[yY](?i:ears?\s+ago)\b")
# The same in an ASCII text put in lower case (where ignoring case is just that, and each
# character keeps its place): a plain word first, which the engine looks for several times
# faster than a class of characters.
_YEARS_AGO_TAIL_LOWER = re.compile(r"years?\s+ago\b")


def _years_ago(text: str) -> set[int]:
    """The N of every "N years ago" in the text."""
    out = set()
    if text.isascii():
        tails = _YEARS_AGO_TAIL_LOWER.finditer(text.lower())
    else:
        tails = _YEARS_AGO_TAIL.finditer(text)
    for tail in tails:
        m = _YEARS_AGO.match(text, _word_before(text, tail.start()))
        if m is None:
            continue
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else _SMALL_NUMBERS.get(word)
        if n:
            out.add(n)
    return out


def _word_before(text: str, at: int) -> int:
    """Where the word before the whitespace before `at` starts (`at` less that whitespace
    when no word character precedes it): where `_YEARS_AGO` can match."""
    while at and text[at - 1].isspace():
        at -= 1
    start = at
    while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # a regex \w
        start -= 1
    return start


def _signature(
    text: str, lines: list[tuple[int, int]], dated: list[_Dated], top: _Dated | None
) -> _Dated | None:
    first = max(len(lines) - _BOTTOM_LINES, 0)
    for d in reversed(dated):
        if d.line < first:
            break
        if d is top or d.parts.year is None or d.parts.month is None:
            continue
        if _alone(text, lines[d.line], d.raw):
            return d
    return None


def needs_collection(date: DocumentDate) -> bool:
    """Whether the collection's year may date the document better than its text did: no
    date, or a yearless dateline whose year the text only suggested."""
    return date.value is None or date.source.startswith(_DATELINE_YEAR_INFERRED)


def date_collection(texts: Sequence[str], dates: Sequence[DocumentDate]) -> list[DocumentDate]:
    """Date again, with the collection's help, the documents their own text left undated.

    Args:
        texts: the documents' texts.
        dates: their first-pass dates (supplied, or from `infer_document_date`).

    Returns:
        `dates`, with each undated document inferred again around the year the collection's
        firmly dated documents (supplied, datelines, signatures) centre on.
    """
    firm = [d.value for d in dates if d.value and d.source in _FIRM_SOURCES]
    reference = reference_year_of(firm) or reference_year_of(d.value for d in dates)
    if reference is None:
        return list(dates)
    return [
        infer_document_date(text, reference) if needs_collection(date) else date
        for text, date in zip(texts, dates, strict=True)
    ]


def reference_year_of(values: Iterable[str | None]) -> int | None:
    """The median year of dates already known in a collection (supplied, or read from
    datelines and signatures), to pass as `infer_document_date(..., reference_year=)` to
    the documents that could only be dated by inference."""
    years = sorted(int(v[:4]) for v in values if v and v[:4].isdigit())
    return years[len(years) // 2] if years else None


def _latest_full(text: str, content: list[_Dated]) -> str | None:
    """The latest full date the text states (else the latest month), a deadline ahead
    ("by 31 December 2030") aside: it says nothing of when the text was written.

    Only dates with a year and a month have a value, and only those are asked whether
    their clause speaks ahead: from the latest down, until one does not."""
    dated = [(v, d) for d in content if d.parts.month is not None for v in [_value(d.parts)] if v]
    days = [(v, d) for v, d in dated if d.parts.day is not None]
    for values in (days, dated):
        for value, d in sorted(values, key=_by_value, reverse=True):
            if not future_clause(text, d.raw.start, d.raw.end):
                return value
    return None


def _by_value(item: tuple[str, _Dated]) -> str:
    return item[0]


def _weekday_fit(
    content: list[_Dated],
    latest: str | None,
    reference_year: int | None,
    anniversary: tuple[int, int] | None,
) -> DocumentDate | None:
    """A stated weekday, day and month without a year: the year they fit."""
    for d in content:
        p = d.parts
        if p.year is not None or p.weekday is None or p.month is None or p.day is None:
            continue
        if anniversary is not None:
            around, lowest = anniversary[0], anniversary[0] - 1
        elif latest is not None:
            # the text is from on or after its latest stated date
            around = lowest = int(latest[:4])
        elif reference_year is not None:
            around, lowest = reference_year, reference_year - 6
        else:
            continue
        candidates = years_with_weekday(p.month, p.day, p.weekday, lowest, around + 11)
        if not candidates:
            continue
        year = min(candidates, key=lambda y: (abs(y - around), y))
        value = f"{year:04d}-{p.month:02d}"
        if latest is not None and value < latest[:7]:
            continue  # older than a date the text states outright: not the text's own
        return DocumentDate(value, f"inferred: weekday fits {year}")
    return None


def _anniversary(text: str) -> tuple[int, int] | None:
    """(year of the anniversary, year it commemorates) from "Nth anniversary of ... YEAR"."""
    if "nniversar" not in text and "NNIVERSAR" not in text:
        return None  # (a substring test is much cheaper than the expression)
    for m in _ANNIVERSARY.finditer(text):
        ordinal = _ORDINAL_BEFORE.search(text, max(0, m.start() - 32), m.start())
        if ordinal is None:
            continue
        if ordinal.group(1):
            n = int(ordinal.group(1))
        else:
            n = _ORDINAL_WORDS.get(ordinal.group(2).lower(), 0)
        if not n:
            continue
        stop = re.search(r"[.;!?\n]", text[m.end() : m.end() + 160])
        window_end = m.end() + (stop.start() if stop else 160)
        year = _YEAR.search(text, m.end(), window_end)
        if year:
            return int(year.group(1)) + n, int(year.group(1))
    return None
