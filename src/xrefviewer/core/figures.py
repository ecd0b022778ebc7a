"""Figures: the quantities a text cites, with what they count and the action they tell of.

Two precompiled scanners, run once over the text, find every number written in digits
("12,500", "2.5 million", "40%", "$3 billion") or in words ("sixty- four", "two hundred
and ten"). Each candidate is checked against the traps of real prose (dates, years,
clock times, identifiers, phone numbers, list enumerators, ordinals, "one" as a
pronoun), then read in its context: the qualifier just before it, the noun phrase it
counts just after it, and the action it is tied to (a verb or noun just before it, or a
passive verb just after what it counts).

Decisions worth knowing:
- "a"/"an" is never a figure; "a hundred" is the figure "hundred" (100), "half a million"
  is 500000; plural scales ("thousands of", "tens of") are no figures.
- "one" is a figure only when it counts a noun ("one man"), never in "one of", "no one".
- A 4-digit number from 1000 to 2100 is a year unless a plural noun follows or an action
  or qualifier stands before it ("2000 soldiers", "injured 1375").
- What is counted ends at its plural head ("30,000 political prisoners mostly ...");
  a phrase that never reaches a plural counts nothing ("312 concerned arbitrary ...").
- Actions are lemmas from data/figures.toml: every way of telling deaths ("killed",
  "died", "dead", "lost their lives", "massacre of", "death toll rose to") is "kill";
  "wounded" and "injured" are "injure"; "detained" is "arrest"; a take/hold verb with
  "hostage(s)" is "take hostage". The verb before the figure wins, then what the counted
  phrase tells itself ("3,000 deaths", "41 wounded soldiers"), then a passive after it.
- An elliptical figure ("killed 116 residents, injured 1375") keeps its own action but
  does not inherit the noun counted before it: a careful reader may, a linker must not.
- Ages and compound measures ("22-year-old son", "ten-point plan") are figures whose
  unit is the compound ("year-old", "point") and whose counts is the noun that follows.
- "three years ago", "two years later" are points in time, not quantities: no figures.
All word lists are data: data/figures.toml and data/number_words.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache
from itertools import accumulate

from xrefviewer.core.figure_ranges import hyphen_ranges
from xrefviewer.core.model import FigureSpan
from xrefviewer.core.number_words import lexicon, parse_groups
from xrefviewer.core.rules import load_toml

_MAX_COUNT_WORDS = 5
_BEFORE_WORDS = 4
_BEFORE_CHARS = 60
_TOLL_CHARS = 120

# Spaces inside a phrase: no-break and thin spaces are common in published text.
_SPACES = " \t\u00a0\u2009\u202f"
_SPACE_SET = frozenset(_SPACES)
_SP = r"[ \t\u00a0\u2009\u202f]"  # one space of any of those kinds, in a pattern
_PCT = rf"%|percent\b|per{_SP}+cent\b"
# One token after a figure: a parenthesis ("(MEK)"), a word, or any other mark.
_TOKEN = re.compile(_SP + r"*(\([^()\n]{1,30}\)|[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# The words before a figure go back to a mark or a digit at most.
_MARKS = '.,;:!?\n"“”()[]–—'
# No mark and no digit: run on the window before a figure read backwards, it finds where
# the words before the figure begin, with no need to read every token of the window.
_NO_STOP = re.compile(rf"[^{re.escape(_MARKS)}\d]*")
# An ASCII text through this map has a "." at every mark and digit: the last one before a
# figure is then found by bytes.rfind. Letters, spaces and tabs become " ", anything else
# ("'", "-", "$") "x": where no "x" stands, str.split() finds the words _WORD finds.
_STOP_MAP = bytes(
    ord(".")
    if chr(i) in _MARKS or chr(i).isdecimal()
    else ord(" ")
    if chr(i).isascii() and (chr(i).isalpha() or chr(i) in " \t")
    else ord("x")
    for i in range(256)
)
_NEXT_WORD = re.compile(_SP + r"+([A-Za-z][A-Za-z.]*)")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+(?:-[A-Za-z]+)*)")
_PARTICIPLE_LIKE = frozenset({"dead", "slain", "hurt", "missing", "slew", "fled"})
_NOT_BEFORE_NUMBER = frozenset("_.,:/#+@-–")
_OF_THE = re.compile(rf"{_SP}+of(?:{_SP}+(?:the|its|their|his|her|these|those|our))?(?={_SP})")
_VICTIM_OF = re.compile(rf"{_SP}+of{_SP}+(?:the{_SP}+)?(?:\d{{4}}{_SP}+)?([a-z]+)")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    digit_lead: re.Pattern[str]
    # the same on ASCII text mapped through digit_map: digits and signs to "d", "," and "."
    # to "c", anything else to a space; a literal to look for is much faster than a class
    digit_map: bytes
    digit_lead_mapped: re.Pattern[bytes]
    digit_full: re.Pattern[str]
    words_run: re.Pattern[str]
    word_start_run: re.Pattern[str]
    # on ASCII text mapped through _LETTER_MAP (a-z kept, anything else a space): a space
    # and a number word that a letter does not go on from; where word_start_run matches,
    # this matches, and its literal first lets the engine skip ahead fast (see _next_run)
    word_start_mapped: re.Pattern[bytes]
    number_word_ends: tuple[str, ...]  # for str.endswith: may a run reach back into a word?
    # the last tail_size letters of every number word (tail_size: the shortest's length): a
    # quick test before number_word_ends, whose 35 endings str.endswith tries one by one
    number_word_tails: frozenset[str]
    tail_size: int
    pct_after: re.Pattern[str]
    word_token: re.Pattern[str]
    after_action: re.Pattern[str]
    hostage_after: re.Pattern[str]
    clock: re.Pattern[str]
    clock_firsts: frozenset[str]  # the characters a time word starts with
    qualifiers: frozenset[str]
    qualifier_words: frozenset[str]
    # the last word of a qualifier -> the numbers of words (four at most) of the qualifiers
    # it ends, largest first: a quick first test, and no join of a size none has
    qualifier_ends: dict[str, tuple[int, ...]]
    phrase_ends: frozenset[str]  # last words of action phrases of two or three words
    bridge_words: frozenset[str]
    one_pronoun_before: frozenset[str]
    one_idioms: frozenset[str]
    identifier_words: frozenset[str]
    # hyphenated ranges (figure_ranges): words before them that make them a score or an
    # identifier, words after them that make them a score
    range_not_before: frozenset[str]
    range_score_nouns: frozenset[str]
    openers: frozenset[str]
    date_words: frozenset[str]
    date_abbreviations: frozenset[str]
    year_words_before: frozenset[str]
    stopwords: frozenset[str]
    phrase_stops: frozenset[str]  # stopwords and number words: no counted phrase holds one
    irregular_plurals: frozenset[str]
    not_plurals: frozenset[str]
    measure_nouns: frozenset[str]
    unit_nouns: frozenset[str]
    scale_words: frozenset[str]  # "magnitude": what a figure on that scale measures
    scale_links: frozenset[str]  # "of" of "a magnitude of 6.1": words between scale and figure
    action_nouns: frozenset[str]
    hostage_verbs: frozenset[str]
    time_units: frozenset[str]
    victim_nouns: frozenset[str]
    tolls: dict[str, str]  # "toll" -> "kill"
    toll_noun: re.Pattern[str]
    toll_links: frozenset[str]  # "to" in "rose to 43", "at" in "put the toll at 43"
    past_tenses: frozenset[str]
    time_point_words: frozenset[str]
    actions: dict[str, str]  # word form (one to three words, lower-case) -> lemma
    ordinals: frozenset[str]
    half_of: frozenset[int]  # values of the lone scale words: "half a million"
    number_words: frozenset[str]
    ly_words: frozenset[str]  # nouns and adjectives in -ly: no adverbs ("elderly women")
    currency_codes: frozenset[str]
    plural_scale_letters: dict[str, int]
    weak_year_words: frozenset[str]
    year_event_plurals: frozenset[str]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(_alternatives(words))


def _alternatives(words: Sequence[str]) -> list[str]:
    return sorted(
        {re.escape(w).replace(r"\ ", _SP + "+") for w in words},
        key=lambda w: (-len(w), w),
    )


def _grouped(alternatives: Sequence[str]) -> str:
    """The alternation of patterns with their branches grouped by first letter, in the same
    order within a group ("w(?:ere|as)|a(?:re|ll)"). It matches what the flat alternation
    does (branches with different first letters never match at the same place), but the
    engine tries one group instead of every branch."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        key = alt[0] if alt[:1].isalpha() else alt  # anything else: a branch of its own
        groups.setdefault(key, []).append(alt)
    return "|".join(
        alts[0] if len(alts) == 1 else key + "(?:" + "|".join(a[1:] for a in alts) + ")"
        for key, alts in groups.items()
    )


def _first_characters(words: Sequence[str]) -> frozenset[str]:
    """The characters the branches of _alternation(words) start with (a space stands for
    any space)."""
    firsts = {w[0] for w in words}
    return frozenset(firsts | _SPACE_SET if " " in firsts else firsts)


def _first_letter_branch(words: Sequence[str]) -> str:
    """An alternation grouped by first letter, and within a letter by the next ones
    ("t(?:h(?:irty|ree)|wo)|s(?:ix(?:ty|))"): a top-level branch of literals lets the regex
    engine jump to candidate letters, and the shared letters are tried once."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    ordered = []
    for first, rests in sorted(by_first.items()):
        rests.sort(key=lambda r: (-len(r), r))
        ordered.extend(first + rest for rest in rests)
    return _trie(ordered)


def _trie(words: list[str]) -> str:
    """ "|".join(words) (escaped) with the words that share a first letter under one branch.
    It matches what the flat alternation matches: words that differ at a letter never both
    match at one place, and the order within a branch is kept. Only an empty word could
    match alongside the others, so it must come last."""
    if "" in words[:-1]:
        return "|".join(re.escape(w) for w in words)
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    return "|".join(
        re.escape(first + rests[0])
        if len(rests) == 1
        else re.escape(first) + "(?:" + _trie(rests) + ")"
        for first, rests in groups.items()
    )


def _on_plain_spaces(pattern: str) -> re.Pattern[str]:
    """pattern compiled to run on the lower-case text with every kind of space made " "
    (_plain_spaces): it matches there what pattern matches on the lower-case text, and
    compiles much faster, since the space class (it holds characters above U+00FF, a costly
    class to compile) is compiled at every use in a pattern: sixty times in after_action."""
    return re.compile(pattern.replace(_SP, " "))


def _sizes_by_last_word(phrases: Sequence[str], most: int) -> dict[str, tuple[int, ...]]:
    """Last word -> the word counts (up to most) of the phrases it ends, largest first."""
    sizes: dict[str, set[int]] = {}
    for phrase in phrases:
        words = phrase.split()
        if len(words) <= most:
            sizes.setdefault(words[-1], set()).add(len(words))
    return {word: tuple(sorted(found, reverse=True)) for word, found in sizes.items()}


@cache
def _lexicon() -> _Lexicon:
    data = load_toml("figures")
    numbers = lexicon()
    digit_scales = _alternation(list(numbers.digit_scales))
    signs = "".join(sorted({c[-1] for c in data["currency_signs"]}))
    # The scanners start with a literal or a class so that the regex engine skips ahead
    # fast; everything else is checked on the (rare) hits.
    digit_lead = re.compile(rf"[\d{re.escape(signs)}][\d,.]*")
    # on ASCII text \d is [0-9] and only the ASCII signs can occur
    lead_chars = "0123456789" + "".join(c for c in signs if c.isascii())
    digit_map = bytes(
        ord("d") if chr(i) in lead_chars else ord("c") if chr(i) in ",." else ord(" ")
        for i in range(256)
    )
    digit_full = _on_plain_spaces(
        rf"(?P<cur>[{re.escape(signs)}])?{_SP}?"
        r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?:{_SP}?(?P<dscale>{digit_scales})\b)?"
        rf"(?:{_SP}?(?P<dpct>{_PCT}))?"
    )
    word_branch = _first_letter_branch(list(numbers.words))
    # number words joined by hyphens (however spaced: "sixty- four"), spaces or "and"
    joint = rf"(?:{_SP}*-{_SP}*|{_SP}+(?:and{_SP}+)?)"
    words_run = _on_plain_spaces(rf"(?:{word_branch})(?:{joint}(?:{word_branch}))*\b")
    # A run that starts a word: the character before it is no letter a-z. Scanning for that
    # character first tries far fewer positions than trying every letter a number word may
    # start with (see _word_runs).
    word_start_run = re.compile(rf"[^a-z](?:{words_run.pattern})")
    actions: dict[str, str] = {}
    for lemma, forms in data["actions"].items():
        for form in forms:
            actions[" ".join(form.lower().split())] = lemma
    action_alt = _grouped(_alternatives(list(actions)))
    auxiliaries = (
        "were|was|are|is|have|has|had|been|being|got|reportedly|allegedly|all|also|later|"
        "then|subsequently|eventually|mostly|remain|remains|remained|still|now|"
        # "29 people are confirmed dead", "ten feared killed"
        "confirmed|reported|feared|believed|presumed|known\\s+to\\s+be|thought\\s+to\\s+be"
    )
    auxiliaries = _grouped(auxiliaries.split("|"))
    # what the figure counts may go on a little before its verb: "30,000 members and
    # supporters were slaughtered", "30,000 opponents of the regime were killed"
    word = r"[a-z][a-z'’\-]*"
    tail = rf"(?:{_SP}+(?:and|or|of(?:{_SP}+the)?){_SP}+{word}(?:{_SP}+{word})?(?={_SP}))?"
    after = _on_plain_spaces(
        rf"{tail}{_SP}+"
        rf"(?P<aux>(?:(?:who|that|which){_SP}+)?(?:(?:{auxiliaries}){_SP}+){{0,3}})"
        rf"(?P<act>{action_alt})\b"
    )
    qualifiers = [" ".join(q.lower().rstrip(".").split()) for q in data["qualifiers"]]
    identifier_words = frozenset(w.lower() for w in data["identifier_words"])
    tail_size = min(len(w) for w in numbers.words)
    return _Lexicon(
        digit_lead=digit_lead,
        digit_map=digit_map,
        digit_lead_mapped=re.compile(rb"d[dc]*"),
        digit_full=digit_full,
        words_run=words_run,
        word_start_run=word_start_run,
        word_start_mapped=re.compile(rf" (?:{word_branch})(?![a-z])".encode("ascii")),
        number_word_ends=tuple(numbers.words),
        number_word_tails=frozenset(w[-tail_size:] for w in numbers.words),
        tail_size=tail_size,
        word_token=re.compile(rf"\b(?:{word_branch})\b"),
        pct_after=_on_plain_spaces(rf"{_SP}?(?:{_PCT})"),
        after_action=after,
        hostage_after=re.compile(rf"{_SP}+hostages?\b"),
        clock=_on_plain_spaces(rf"{_SP}?(?:{_alternation(data['time_words'])})(?![\w])"),
        clock_firsts=_first_characters(data["time_words"]),
        qualifiers=frozenset(qualifiers),
        qualifier_words=frozenset(w for q in qualifiers for w in q.split()),
        qualifier_ends=_sizes_by_last_word(qualifiers, 4),
        phrase_ends=frozenset(form.split()[-1] for form in actions if " " in form),
        one_pronoun_before=frozenset(w.lower() for w in data["one_pronoun_before"]),
        one_idioms=frozenset(w.lower() for w in data["one_idioms_after_at"]),
        bridge_words=frozenset(w.lower() for w in data["action_bridge_words"])
        | frozenset(w for q in qualifiers for w in q.split()),
        identifier_words=identifier_words,
        range_not_before=frozenset(w.lower() for w in data["range_score_verbs"]) | identifier_words,
        range_score_nouns=frozenset(w.lower() for w in data["range_score_nouns"]),
        openers=frozenset(w.lower() for w in data["capitalised_openers"]),
        date_words=frozenset(w.lower() for w in data["date_words"]),
        date_abbreviations=frozenset(data["date_abbreviations"]),
        year_words_before=frozenset(w.lower() for w in data["year_words_before"]),
        stopwords=frozenset(w.lower() for w in data["count_stopwords"]),
        phrase_stops=frozenset(w.lower() for w in data["count_stopwords"])
        | frozenset(numbers.words),
        irregular_plurals=frozenset(w.lower() for w in data["irregular_plurals"]),
        not_plurals=frozenset(w.lower() for w in data["not_plurals"]),
        measure_nouns=frozenset(w.lower() for w in data["measure_nouns"]),
        unit_nouns=frozenset(w.lower() for w in data["unit_nouns"]),
        scale_words=frozenset(w.lower() for w in data["scale_words"]),
        scale_links=frozenset(w.lower() for w in data["scale_links"]),
        action_nouns=frozenset(w.lower() for w in data["action_nouns"]),
        hostage_verbs=frozenset(w.lower() for w in data["hostage_verbs"]),
        time_units=frozenset(w.lower() for w in data["time_units"]),
        victim_nouns=frozenset(w.lower() for w in data["victim_nouns"]),
        tolls={k.lower(): v for k, v in data["tolls"]["nouns"].items()},
        toll_links=frozenset(w.lower() for w in data["tolls"]["links"]),
        toll_noun=re.compile(rf"\b(?:{_alternation(list(data['tolls']['nouns']))})\b"),
        past_tenses=frozenset(w.lower() for w in data["irregular_past_tenses"]),
        time_point_words=frozenset(w.lower() for w in data["time_point_words"]),
        actions=actions,
        ordinals=numbers.ordinals,
        half_of=frozenset(numbers.digit_scales.values()),
        number_words=frozenset(numbers.words),
        ly_words=frozenset(w.lower() for w in data["ly_nouns_and_adjectives"]),
        currency_codes=frozenset(data["currency_codes"]),
        plural_scale_letters=dict(data["plural_scale_letters"]),
        weak_year_words=frozenset(w.lower() for w in data["weak_year_words_before"]),
        year_event_plurals=frozenset(w.lower() for w in data["year_event_plurals"]),
    )


@dataclass(slots=True)
class _Candidate:
    start: int  # span start (the currency sign when there is one)
    end: int
    value: int | float
    digits: str | None  # the digits as written, for digit numbers
    words: bool
    unit: str | None = None
    compound: str | None = None  # "year-old" in "22-year-old"


def extract_figures(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[FigureSpan]:
    """Every figure in text, in text order.

    Args:
        text: the document's decoded text.
        exclude: spans already taken (date mentions): a number inside one is no figure.

    Returns:
        FigureSpans whose text is exactly text[start:end].
    """
    lex = _lexicon()
    taken = sorted(exclude)
    taken_starts = [s for s, _ in taken]
    # [start, end) overlaps a taken span when the spans starting before end reach past
    # start: i = bisect_left(taken_starts, end); i and max_ends[i - 1] > start
    max_ends = list(accumulate((e for _, e in taken), max))
    out: list[FigureSpan] = []
    prev_end = line_start = last_start = 0
    low = _lower_same_length(text)
    ascii_text = text.encode("ascii") if text.isascii() else None
    stops = ascii_text.translate(_STOP_MAP) if ascii_text is not None else None
    spaced = _plain_spaces(low)
    for cand in _scan(text, ascii_text, low, spaced, lex, taken_starts, max_ends):
        # the start of the candidate's line, looking back no further than the last one's
        line_start = text.rfind("\n", last_start, cand.start) + 1 or line_start
        last_start = cand.start
        figure = _read(text, low, spaced, stops, cand, prev_end, line_start, lex)
        if figure is not None:
            if figure.counts is None and out and out[-1].counts is not None:
                figure = _of_which(low, out[-1], figure)
            out.append(figure)
            prev_end = figure.end
    return out


_OTHER_SPACES = _SPACES.replace(" ", "")


def _plain_spaces(low: str) -> str:
    """low with every space of _SPACES made " ", offset for offset: what the patterns
    compiled by _on_plain_spaces read."""
    for space in _OTHER_SPACES:
        if space in low:
            low = low.replace(space, " ")
    return low


# "186 complaints, of which 24 concern ...": what the number before counted, up to a comma
_OF_WHICH = re.compile(r"[^.;:!?\n]{0,80},\s+(?:of|among)\s+(?:which|whom)\s+$")


def _of_which(low: str, before: FigureSpan, figure: FigureSpan) -> FigureSpan:
    """A part of the figure before it counts what that one counts ("50 people were
    arrested, of whom 12 were released")."""
    if (
        low.find("wh", before.end, figure.start) < 0  # no "which" nor "whom": a quick test
        or _OF_WHICH.match(low, before.end, figure.start) is None
    ):
        return figure
    return replace(figure, counts=before.counts)


def _lower_same_length(text: str) -> str:
    """text in lower case, offset for offset: the few characters whose lower case is
    longer ("İ") stay as they are. The scanners run on it without IGNORECASE."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _scan(
    text: str,
    ascii_text: bytes | None,
    low: str,
    spaced: str,
    lex: _Lexicon,
    taken_starts: list[int],
    max_ends: list[int],
) -> list[_Candidate]:
    """Every number in text outside the taken spans, digits and words, in text order.
    (ascii_text: the text as bytes if it is ASCII; low: the text in lower case; spaced:
    that with plain spaces, for the scanners.)"""
    found = _digit_candidates(text, ascii_text, spaced, lex, taken_starts, max_ends)
    letters = ascii_text.translate(_LETTER_MAP) if ascii_text is not None else None
    for start, end in _word_runs(text, spaced, letters, lex):
        found.extend(_word_candidates(text, low, spaced, start, end, lex))
    found.sort(key=lambda c: (c.start, -c.end))
    # "2.5 million": the scale word is part of the digit figure, not a figure of its own
    kept: list[_Candidate] = []
    last_end = -1
    for cand in found:
        if cand.start < last_end:
            continue
        if taken_starts:
            i = bisect_left(taken_starts, cand.end)  # overlaps a taken span?
            if i and max_ends[i - 1] > cand.start:
                continue
        kept.append(cand)
        last_end = cand.end
    return kept


def _digit_candidates(
    text: str,
    ascii_text: bytes | None,
    spaced: str,
    lex: _Lexicon,
    taken_starts: list[int],
    max_ends: list[int],
) -> list[_Candidate]:
    found: list[_Candidate] = []
    consumed = 0
    leads: Iterator[re.Match[bytes]] | Iterator[re.Match[str]]
    if ascii_text is not None:
        leads = lex.digit_lead_mapped.finditer(ascii_text.translate(lex.digit_map))
    else:
        leads = lex.digit_lead.finditer(text)
    digit_full = lex.digit_full
    ranges = hyphen_ranges(text, lex.range_not_before, lex.range_score_nouns)
    for lead in leads:
        at = lead.start()
        if at < consumed:
            continue
        if taken_starts:
            # overlaps a taken span? Most leads of a dated text fall inside its dates
            i = bisect_left(taken_starts, lead.end())
            if i and max_ends[i - 1] > at:
                consumed = lead.end()  # a number inside a date: "2014" in "June 3, 2014"
                continue
        match = digit_full.match(spaced, at)
        if match is None:
            continue
        consumed = match.end()
        cand = _digit_candidate(text, match, lex, ranges)
        if cand is not None:
            found.append(cand)
    return found


_JOINT_CHARS = frozenset(_SPACES + "-")


def _word_runs(
    text: str, low: str, letters: bytes | None, lex: _Lexicon
) -> Iterator[tuple[int, int]]:
    """The runs of number words that start a word, as (start, end); low: the lower-case
    text with plain spaces (_plain_spaces); letters: an ASCII text through _LETTER_MAP.

    These are exactly the runs of lex.words_run.finditer(low) whose first character
    follows no letter: a run found inside a word ("one" in "someone") is dropped, and so
    is the rest of it ("someone two" holds no figure). Only runs whose character before
    is no a-z are searched for; the few that might be the tail of a run starting inside
    the word before are checked against that scan (_run_at)."""
    pos = 0
    first = lex.words_run.match(low)
    if first:
        yield first.span()
        pos = first.end()
    while run := _next_run(low, letters, pos, lex):
        start, end = run.start() + 1, run.end()
        if _may_continue_a_run(low, start, lex):
            run = _run_at(low, pos, start, lex)
            if run.start() != start:
                pos = run.end()  # "someone two": "two" ends a run that started in a word
                continue
        pos = end
        if not text[start - 1].isalpha():  # "éone": a letter outside a-z
            yield start, end


# ASCII letters in lower case, anything else a space
_LETTER_MAP = bytes(
    i | 0x20 if chr(i).isascii() and chr(i).isalpha() else ord(" ") for i in range(256)
)


def _next_run(low: str, letters: bytes | None, pos: int, lex: _Lexicon) -> re.Match[str] | None:
    """lex.word_start_run.search(low, pos). Its pattern opens with a class ([^a-z]), which
    the engine tests at every character; on an ASCII text the places where it may match are
    found in letters by a pattern that opens with a literal, ten times faster."""
    if letters is None:
        return lex.word_start_run.search(low, pos)
    hints, run_at = lex.word_start_mapped.search, lex.word_start_run.match
    while hint := hints(letters, pos):
        run = run_at(low, hint.start())
        if run is not None:
            return run
        pos = hint.start() + 1
    return None


def _may_continue_a_run(low: str, start: int, lex: _Lexicon) -> bool:
    """Whether a number word ends right before the joint before start ("one " before
    "two", "one and " before "two"): then a run may have begun inside that word."""
    i = start
    while i and low[i - 1] in _JOINT_CHARS:
        i -= 1
    if i == start:
        return False
    if _ends_with_number_word(low, i, lex):
        return True
    if not low.endswith("and", 0, i):
        return False
    i -= 3
    while i and low[i - 1] in _JOINT_CHARS:
        i -= 1
    return _ends_with_number_word(low, i, lex)


def _ends_with_number_word(low: str, i: int, lex: _Lexicon) -> bool:
    """Whether low[:i] ends with a number word (a shorter slice is in no tail)."""
    tail = low[max(i - lex.tail_size, 0) : i]
    return tail in lex.number_word_tails and low.endswith(lex.number_word_ends, 0, i)


def _run_at(low: str, pos: int, start: int, lex: _Lexicon) -> re.Match[str]:
    """The run of lex.words_run.finditer(low) that starts at or covers start: the scan is
    resumed from pos (where a run ended) or from after a later comma or full stop, which
    no run goes across."""
    stop = max(low.rfind(".", pos, start), low.rfind(",", pos, start))
    for run in lex.words_run.finditer(low, max(pos, stop + 1)):
        if run.end() > start:
            return run
    raise AssertionError("a run matches at start")


def _digit_candidate(
    text: str, match: re.Match[str], lex: _Lexicon, ranges: frozenset[int]
) -> _Candidate | None:
    cur, digits, scale, pct = match.groups()  # cur, digits, dscale, dpct: all its groups
    start, end = match.span()
    in_range = match.start(2) in ranges  # "20-30 people": either number (group 2: digits)
    if cur is None:
        start = match.start(2)
    elif cur == "$" and text[start - 2 : start] == "US":
        start -= 2
        cur = "US$"
    if start and not in_range:
        before = text[start - 1]
        if before in _NOT_BEFORE_NUMBER or before.isalnum():
            return None  # "COVID-19", "G7", "10:30", "3/4", "#12", "+44", "A380"
    raw = digits.replace(",", "") if "," in digits else digits
    if len(raw) > 1 and raw[0] == "0" and not raw.startswith("0."):
        return None  # "007", "0958": codes, not counts
    if len(raw) >= 8 and "," not in digits and "." not in digits:
        return None  # serial numbers, phone numbers without spaces
    value: float = float(raw)
    after = text[end : end + 1]
    if cur and not scale and after in ("m", "k") and not text[end + 1 : end + 2].isalnum():
        # "£3.5m", "$50k": with a currency sign, the letter is a scale, not metres
        value *= 1_000_000 if after == "m" else 1_000
        end += 1
    elif scale:
        value *= lexicon().digit_scales[scale.lower()]
    elif not cur and after in ("m", "b"):  # the letters _SCALE_LETTERS starts with
        letters = _scale_letters(text, end, lex)
        if letters:
            value *= lex.plural_scale_letters[letters]
            end += len(letters)
    nxt = text[end : end + 2]
    temperature = None
    if not cur and nxt[:1] in ("°", "C", "F"):  # what _TEMPERATURE starts with
        temperature = _TEMPERATURE.match(text, end)
        if temperature:
            # "45C", "40°C", "113F": a temperature, the letter its unit, not a code
            end = temperature.end()
            nxt = text[end : end + 2]
    first = nxt[:1]
    compound = None
    if first == "-" and nxt[1:2].isalpha() and not scale and not pct:
        compound = _compound(text, end, lex)
        if compound is None:
            return None
    elif first.isalnum() or first in ("_", "@"):
        return None  # "14th", "1990s", "5km", "G7x"
    elif first in (",", ".", ":", "/", "-", "–") and nxt[1:2].isdigit() and not in_range:
        return None  # "12,50", "1.2.3", "10:30", "3/4", "10-15", "2019-10"
    unit = "°" + temperature.group(1) if temperature else cur
    if pct:
        unit = "%" if pct == "%" else "percent"
    if compound:
        end = match.start(2) + len(digits)
    return _Candidate(start, end, _number(value), digits, False, unit, compound)


_TEMPERATURE = re.compile(r"(?:°\s?)?([CF])(?![\w'’-])")
_SCALE_LETTERS = re.compile(rf"(m|bn)(?={_SP}+([A-Za-z]+)\b)")


def _scale_letters(text: str, pos: int, lex: _Lexicon) -> str | None:
    """ "m" in "1.5m people": a scale when a plural noun follows; "a 1.5m wall" is metres."""
    m = _SCALE_LETTERS.match(text, pos)
    if m is None:
        return None
    noun = m.group(2).lower()
    if noun in lex.stopwords or noun in lex.time_units or not _is_plural(noun, lex):
        return None
    return m.group(1)


def _compound(text: str, pos: int, lex: _Lexicon) -> str | None:
    """The hyphenated word after a number ("-year-old" -> "year-old"), None if an ordinal."""
    m = _HYPHEN_WORD.match(text, pos)
    if not m:
        return None
    word = m.group(1).lower()
    first = word.split("-")[0]
    if first in lex.ordinals or first.removesuffix("s") in lex.ordinals:
        return None  # "twenty-first", "two-thirds"
    if word in ("th", "st", "nd", "rd"):
        return None
    return word


def _word_candidates(
    text: str, low: str, spaced: str, start: int, words_end: int, lex: _Lexicon
) -> list[_Candidate]:
    run = low[start:words_end]
    tokens = None  # (start, end) of each word, when the words make more than one number
    if start and _is_word_char(low[start - 1]):
        # no word boundary before the run ("5two"): lex.word_token says where words are
        tokens = _word_tokens(low, start, words_end, lex)
        words = [low[s:e] for s, e in tokens]
    elif run in lex.number_words:
        words = [run]
    else:
        # a run is number words joined by spaces, hyphens and "and", which split() parts
        words = [w for w in run.replace("-", " ").split() if w != "and"]
    groups = parse_groups(words)
    if tokens is None and len(groups) > 1:
        tokens = _word_tokens(low, start, words_end, lex)
    out = []
    for first, last, value in groups:
        # one number: the run from its first letter to its last
        s, e = (start, words_end) if tokens is None else (tokens[first][0], tokens[last - 1][1])
        if first == 0 and value in lex.half_of and low.endswith("half a ", 0, s):
            s -= len("half a ")  # "half a million": the half belongs to the number
            value //= 2
        unit = None
        compound = None
        if last == len(words):
            pct = lex.pct_after.match(spaced, e) if _may_start(low, e, _PCT_FIRSTS) else None
            if pct:
                unit = "%" if pct.group().strip() == "%" else "percent"
                e = pct.end()
            elif text[e : e + 1] == "-" and text[e + 1 : e + 2].isalpha():
                compound = _compound(text, e, lex)
                if compound is None:
                    continue
        out.append(_Candidate(s, e, value, None, True, unit, compound))
    return out


def _word_tokens(low: str, start: int, end: int, lex: _Lexicon) -> list[tuple[int, int]]:
    return [t.span() for t in lex.word_token.finditer(low, start, end)]


_PCT_FIRSTS = frozenset("%p")  # what "%", "percent", "per cent" start with


def _is_word_char(ch: str) -> bool:
    """What \\w matches (lex.word_token's \\b looks at the character before its start)."""
    return ch.isalnum() or ch == "_"


def _number(value: float) -> int | float:
    if value.is_integer():
        return int(value)  # what the rounding below makes of it, sooner
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def _read(
    text: str,
    low: str,
    spaced: str,
    stops: bytes | None,
    cand: _Candidate,
    prev_end: int,
    line_start: int,
    lex: _Lexicon,
) -> FigureSpan | None:
    """Check a candidate against the traps, then read its context; None if no figure."""
    start, end = cand.start, cand.end
    before = text[max(line_start, start - _BEFORE_CHARS) : start]
    prev_word = _prev_word(before)
    prev_low = prev_word.lower().strip("\"“”'‘’(")
    code = prev_word if prev_word in lex.currency_codes and before.endswith(" ") else None
    if code is not None and not cand.words and cand.unit is None:
        # "NOK 4.50": the code is the unit, not a name before a number ("Boeing 747")
        start = cand.start = start - len(code) - 1
        cand.unit = code
        before = text[max(line_start, start - _BEFORE_CHARS) : start]
        prev_word = _prev_word(before)
        prev_low = prev_word.lower().strip("\"“”'‘’(")
    elif _is_trap(text, spaced, cand, before, prev_word, prev_low, lex):
        return None
    if prev_low == "minus" and before.endswith(" "):
        # "minus 5 degrees": the sign is part of the figure
        start = cand.start = start - len(prev_word) - 1
        cand.value = -cand.value
        before = text[max(line_start, start - _BEFORE_CHARS) : start]
        prev_word = _prev_word(before)
        prev_low = prev_word.lower().strip("\"“”'‘’(")

    words_before = _before_words(low, stops, start, prev_end, line_start)
    qualifier = _qualifier(words_before, lex)
    counts, head, counts_end, told = _counts(text, end, cand, lex)
    if counts is None and not cand.compound and cand.unit is None:
        # "35 to 40 people", "between two and six years": the range's first number counts
        # what its second one does ("rose 1.5 per cent to 7,234 points" is no range)
        second = _range_end(text, spaced, end, lex)
        if second is not None:
            counts, head, counts_end, told = _counts(text, second, cand, lex)
    action = _action_before(words_before, lex)
    if action is None and words_before and words_before[-1] in lex.toll_links:
        # "the death toll from Tuesday's bombing rose to 43": the toll names the action
        action = _toll(low, start, max(prev_end, line_start), lex)
    if action is None:
        # what the phrase itself tells ("41 wounded soldiers", "3,000 deaths") before the
        # verb after it ("... were evacuated")
        action = told or _action_after(spaced, counts_end, lex)
        if action is None and counts is not None:
            # not after a bare number: "Lowe, 61, was convicted" is an age
            action = _action_after_aside(spaced, counts_end, lex)
    head_low = head.lower() if head else None
    if action is None and head_low in lex.victim_nouns:
        of = _VICTIM_OF.match(low, counts_end)  # "victims of the 1988 massacre"
        if of:
            action = lex.actions.get(of.group(1))
    if not lex.hostage_verbs.isdisjoint(words_before[-_BEFORE_WORDS:]) and (
        (head_low and head_low.startswith("hostage")) or lex.hostage_after.match(low, counts_end)
    ):
        action = "take hostage"

    if (
        cand.words
        and not cand.compound
        and text[start:end].lower() == "one"
        and (
            counts is None
            or low.startswith(" of ", end)  # "one of the largest cases"
            or prev_low in lex.one_pronoun_before
            or (prev_low == "at" and head_low in lex.one_idioms)
        )
    ):
        return None  # "one of the most", "no one", "the one who", "a loved one"
    four_digits = cand.digits is not None and len(cand.digits) == 4  # (what a year has)
    if four_digits and _is_year(cand, head, prev_low, qualifier, action, lex):
        return None
    if head_low in lex.time_units and not cand.compound:
        nxt = _NEXT_WORD.match(low, counts_end)
        if nxt and nxt.group(1) in lex.time_point_words:
            return None  # "three years ago", "two years later": a date, not a quantity
    capitalised = prev_word[:1].isupper()  # (what a name is)
    if (
        capitalised
        and _after_a_name(prev_word, lex)
        and not (head_low and _is_plural(head_low, lex))
    ):
        return None

    unit = cand.unit
    if cand.compound:
        unit = cand.compound
    elif unit is None and head_low in lex.unit_nouns:
        unit = head_low
    after = _NEXT_WORD.match(low, end)
    scale = _scale(words_before, cand.compound, head_low, after and after.group(1), lex)
    if scale is not None:
        # "a magnitude 6.1 earthquake", "a 6.1-magnitude quake", "a magnitude of 6.1": one
        # measure however written, so that they link
        counts, unit = scale, None
    return _figure_span(start, end, text[start:end], cand.value, counts, qualifier, action, unit)


def _scale(
    words_before: list[str],
    compound: str | None,
    head_low: str | None,
    next_low: str | None,
    lex: _Lexicon,
) -> str | None:
    """The scale a figure is read on, written before it ("magnitude 6.1", "a magnitude of
    6.1") or after it ("6.1-magnitude", "6.1 magnitude")."""
    for word in (compound, head_low, next_low):
        if word in lex.scale_words:
            return word
    # "magnitude 6.1", "a magnitude of 6.1", "its magnitude at 6.1"
    for word in reversed(words_before[-3:]):
        if word in lex.scale_words:
            return word
        if word not in lex.scale_links and word not in lex.qualifier_words:
            return None
    return None


# FigureSpan is a frozen dataclass: its __init__ sets each field through
# object.__setattr__, which was a sixth of the cost of reading a figure. Its slots are set
# here directly, in the order of its fields (checked: a change to FigureSpan fails here).
_FIELDS = ["start", "end", "text", "value", "counts", "qualifier", "action", "unit"]
if [f.name for f in fields(FigureSpan)] != _FIELDS or hasattr(FigureSpan, "__post_init__"):
    raise RuntimeError("FigureSpan changed: update _figure_span")
_SET_START, _SET_END, _SET_TEXT, _SET_VALUE, _SET_COUNTS, _SET_QUAL, _SET_ACTION, _SET_UNIT = (
    getattr(FigureSpan, f.name).__set__ for f in fields(FigureSpan)
)


def _figure_span(
    start: int,
    end: int,
    text: str,
    value: int | float,
    counts: str | None,
    qualifier: str | None,
    action: str | None,
    unit: str | None,
) -> FigureSpan:
    """FigureSpan(start, end, text, value, counts, qualifier, action, unit), made faster."""
    span = object.__new__(FigureSpan)
    _SET_START(span, start)
    _SET_END(span, end)
    _SET_TEXT(span, text)
    _SET_VALUE(span, value)
    _SET_COUNTS(span, counts)
    _SET_QUAL(span, qualifier)
    _SET_ACTION(span, action)
    _SET_UNIT(span, unit)
    return span


_RANGE_JOINT = re.compile(rf"{_SP}*(?:[-–]|{_SP}(?:to|and){_SP}){_SP}*")
_RANGE_DIGITS = re.compile(r"\d[\d,.]*\d|\d")


def _range_end(text: str, spaced: str, pos: int, lex: _Lexicon) -> int | None:
    """Where the second number of a range after pos ends ("to 40" in "35 to 40"), or None.
    spaced: the lower-case text with plain spaces (_plain_spaces)."""
    joint = _RANGE_JOINT.match(spaced, pos)
    if joint is None:
        return None
    at = joint.end()
    number = _RANGE_DIGITS.match(text, at) or lex.words_run.match(spaced, at)
    if number is None or (number.end() < len(text) and text[number.end()].isalnum()):
        return None
    return number.end()


def _prev_word(before: str) -> str:
    """The whitespace-separated token right before a number, if a space separates them
    ("Resolution", "No.", "Mesbah,"), or "#" stuck to it."""
    if before.endswith("#"):
        return "#"
    stripped = before.rstrip(_SPACES)
    if len(stripped) == len(before) or not stripped:
        return ""
    parts = stripped.rsplit(None, 1)
    return parts[-1] if parts else ""


def _qualifier(words: list[str], lex: _Lexicon) -> str | None:
    """The longest qualifier the words before a number end with ("more than", "at least")."""
    sizes = lex.qualifier_ends.get(words[-1]) if words else None
    if sizes is None:
        return None
    for size in sizes:
        if len(words) >= size:
            phrase = " ".join(words[-size:])
            if phrase in lex.qualifiers:
                return phrase
    return None


def _is_trap(
    text: str,
    spaced: str,
    cand: _Candidate,
    before: str,
    prev_word: str,
    prev_low: str,
    lex: _Lexicon,
) -> bool:
    """Numbers that count nothing: enumerators, clock times, phone numbers, dates the date
    extractor missed, identifiers. (spaced: the lower-case text with plain spaces.)"""
    start, end = cand.start, cand.end
    after = text[end : end + 2]
    if not cand.words and not cand.unit:
        if after[:1] in _ENUMERATOR_ENDS and _is_enumerator(text, end, before, cand):
            return True
        # a time word starts right after, or after one space (a quick test first)
        two, firsts = spaced[end : end + 2], lex.clock_firsts
        may_be_clock = two[:1] in firsts or (two[:1] == " " and two[1:2] in firsts)
        if may_be_clock and lex.clock.match(spaced, end):
            return True  # "3 p.m.", "10 o'clock"
        if before.endswith("+") or (before[-1:] in _SPACE_SET and before[-2:-1].isdigit()):
            return True  # phone numbers: "+44 20 7946 0958"
        if after[:1] in _SPACE_SET and after[1:2].isdecimal():
            return True  # a space and a digit (\d is a decimal digit)
    # "March 9", "9 March", "Wednesday 23"
    if prev_word[:1].isupper() and _is_date_word(prev_low, lex):
        return True
    # (the next word, unless a lower-case letter follows the space: no capital then)
    if not cand.words and after[:1] in _SPACE_SET and not after[1:2].islower():
        nxt = _NEXT_WORD.match(text, end)
        if (
            nxt
            and nxt.group(1)[:1].isupper()
            and nxt.group(1).lower().rstrip(".") in lex.date_words
        ):
            return True
    # a number named by the word before it: "Resolution 2231", "No. 12", "number 16359072"
    return start > 0 and prev_word != "" and (prev_low in lex.identifier_words or prev_word == "#")


_ENUMERATOR_ENDS = frozenset(".)]")  # what an enumerator's number is followed by


def _is_date_word(low: str, lex: _Lexicon) -> bool:
    """ "March", "Sept."; not "April." that ends a sentence."""
    word = low.rstrip(".")
    return word in lex.date_words and (word == low or word in lex.date_abbreviations)


def _may_start(low: str, pos: int, firsts: frozenset[str]) -> bool:
    """A quick test before a pattern that starts with an optional space: one of firsts is
    at pos, or after one space."""
    first = low[pos : pos + 1]
    if first in _SPACE_SET:
        return first in firsts or low[pos + 1 : pos + 2] in firsts
    return first in firsts


def _is_enumerator(text: str, end: int, before: str, cand: _Candidate) -> bool:
    """ "1. In a replica story" at a line start, "(3)", "3)" in a list, "[12]"."""
    if cand.digits is None or not cand.digits.isdigit() or len(cand.digits) > 3:
        return False
    after = text[end : end + 2]
    if (
        after[:1] in (".", ")")
        and (after[1:2] == "" or after[1:2] in _SPACE_SET or after[1:2] == "\n")
        and before.strip() == ""
    ):
        return True
    # "(3)" in a list, "[12]" a reference mark
    return (before.endswith("(") and after[:1] == ")") or (
        before.endswith("[") and after[:1] == "]"
    )


def _after_a_name(prev_word: str, lex: _Lexicon) -> bool:
    """A capitalised word that is not a sentence opener stands right before the number:
    "Camp Ashraf 3", "Boeing 747", "Windows 10" name things, unless a plural follows
    ("Quake Leaves 41 People Dead" in a title-case headline)."""
    word = prev_word
    if not word[:1].isupper() or not word.isalpha():
        return False  # "Kabul." ends a sentence; "Mesbah," ends a name
    low = word.lower()
    return not (
        low in lex.openers
        or low in lex.qualifier_words
        or low in lex.actions
        or low in lex.number_words
        or low in lex.date_words
    )


def _is_plural(low: str, lex: _Lexicon) -> bool:
    if low in lex.irregular_plurals:
        return True
    # a regular plural ends in "s", "s'" or "s’" (most words end otherwise: tested first)
    last = low[-1:]
    if last == "s":
        if low[-2:] in _NOT_PLURAL_ENDS:
            return False
    elif last not in ("'", "’") or low[-2:-1] != "s":
        return False
    return len(low) >= 3 and low not in lex.not_plurals


_NOT_PLURAL_ENDS = frozenset({"ss", "us", "is"})


def _counts(
    text: str, pos: int, cand: _Candidate, lex: _Lexicon
) -> tuple[str | None, str | None, int, str | None]:
    """The noun phrase counted after pos.

    Returns:
        (the phrase as written, its head word, where it ends, the action the phrase itself
        tells of: "deaths", "41 wounded soldiers"); the head of "tonnes of ammonium
        nitrate" is "tonnes".
    """
    if cand.compound:
        pos += 1 + len(cand.compound)
    cursor = pos
    # A compound ("47-member council") or a share ("40% of the population") qualifies a
    # noun that may be singular: read it the way "one" is read, without waiting for a plural.
    singular = cand.value == 1 or cand.compound is not None
    if cand.unit is not None and not cand.compound:
        # "40% of voters", "$3 billion of aid": what is measured follows "of"
        skip = _OF_THE.match(text, cursor)
        if skip:
            cursor = skip.end()
            singular = True
    words, head, head_low, plural, cursor = _phrase(text, cursor, singular, lex)
    if (
        words
        and not singular
        and cand.unit is None
        and not head[:1].isupper()
        and not plural
        and head_low not in lex.action_nouns
    ):
        # more than one of something is a plural: "312 concerned arbitrary [detention]" or
        # "350 bipartisan former [and current ...]" never reached their noun
        words = []
    if not words and cand.unit is None:
        # partitive: "one hundred of MEK members", "90 of the prisoners"
        skip = _OF_THE.match(text, pos)
        if skip:
            words, head, head_low, plural, cursor = _phrase(text, skip.end(), False, lex)
            if not plural:
                words = []
    if not words:
        return None, None, pos, None
    if head_low in lex.measure_nouns:
        skip = _OF_THE.match(text, cursor)
        if skip:
            # the material measured is a mass noun ("of ammonium nitrate"): read it as a
            # singular phrase, so that it stops before the verb ("... nitrate tore through")
            more = _phrase(text, skip.end(), True, lex)[0]
            if more:
                words += more
    counts = text[words[0][0] : words[-1][1]]
    if head_low in lex.action_nouns:
        told = lex.actions.get(head_low)
    elif len(words) > 1:
        told = lex.actions.get(text[words[0][0] : words[0][1]].lower())
    else:
        told = None
    return counts, head, words[-1][1], told


# Endings of adjectives before a plural noun: "valid votes", "registered voters"
_ADJECTIVE_ENDINGS = ("ed", "al", "id", "ive", "ous", "ic", "ble", "ent", "ant", "ful")


def _phrase(
    text: str, cursor: int, singular: bool, lex: _Lexicon
) -> tuple[list[tuple[int, int]], str, str, bool, int]:
    """Words of a noun phrase from cursor: stops at a function word, a verb it knows, a
    mark, or right after a plural noun (the head of what a number above one counts).

    Returns:
        (the words' spans, the head (last) word, it in lower case, whether it is a plural,
        where the phrase ends); no words: "", "", False.
    """
    words: list[tuple[int, int]] = []
    head = head_low = ""
    head_plural = False
    while len(words) < _MAX_COUNT_WORDS:
        m = _TOKEN.match(text, cursor)
        if not m:
            break
        tok = m.group(1)
        first = tok[0]
        if first == "(":
            if not words:
                break
            cursor = m.end()  # "PMOI (MEK) members": the aside stays inside the phrase
            continue
        low = tok.lower()
        if not first.isalpha() or low in lex.phrase_stops:
            break
        if low in lex.action_nouns:
            words.append(m.span(1))
            head, head_low, head_plural = tok, low, _is_plural(low, lex)
            cursor = m.end()
            break
        # a unit right after the number ends the phrase as a plural does, though written
        # short or unchanged: "40 km (25 miles) away", "12 kg", "1.2 trillion yen" (a
        # share's "percent" is the number's own unit, read before)
        plural = _is_plural(low, lex) or (not words and low in lex.unit_nouns and low != "percent")
        if low in lex.actions and not plural and (words or not _plural_next(text, m.end(), lex)):
            # "52 killed", "9 Juveniles Executed"; but a participle before a plural is its
            # adjective ("41 wounded soldiers"), and plurals stay nouns ("three massacres")
            break
        if first.isupper() and low in lex.date_words:
            break
        if len(low) > 4 and low.endswith("ly") and low not in lex.ly_words:
            break  # adverbs: "mostly", "mainly"
        if words and low.endswith("ing"):
            break  # "one person explaining"
        if singular and words and (low.endswith(("s", "ed")) or low in lex.past_tenses):
            prev = text[words[-1][0] : words[-1][1]].lower()
            if not (plural and low.endswith("s") and prev.endswith(_ADJECTIVE_ENDINGS)):
                break  # "one-year record reflects", "47-member council voted", "quake struck"
            # ... but "44.6% of valid votes", "58% of registered voters" end on their noun
        words.append(m.span(1))
        head, head_low, head_plural = tok, low, plural
        cursor = m.end()
        if plural and low in lex.irregular_plurals and _plural_next(text, cursor, lex):
            continue  # "23 police officers": an unmarked plural used as a modifier
        if plural or (singular and len(words) >= 3):
            break
    return words, head, head_low, head_plural, cursor


def _plural_next(text: str, pos: int, lex: _Lexicon) -> bool:
    m = _TOKEN.match(text, pos)
    if not m:
        return False
    low = m.group(1).lower()
    return low[:1].isalpha() and low not in lex.stopwords and _is_plural(low, lex)


def _before_words(
    low: str, stops: bytes | None, start: int, prev_end: int, line_start: int
) -> list[str]:
    """The words just before start (lower case), back to a mark, the previous figure or the
    line start."""
    lo = max(prev_end, line_start, start - _BEFORE_CHARS)
    # no word holds a mark or a digit, so the words after the last one are read the same
    # from there as from lo
    if stops is not None:  # an ASCII text, mapped through _STOP_MAP
        lo = stops.rfind(b".", lo, start) + 1 or lo
        if stops.find(b"x", lo, start) < 0:  # only letters and spaces: words split apart
            return low[lo:start].split()[-(_BEFORE_WORDS + 3) :]
    else:
        lo = start - _NO_STOP.match(low[lo:start][::-1]).end()
    return _WORD.findall(low, lo, start)[-(_BEFORE_WORDS + 3) :]


def _action_before(words: list[str], lex: _Lexicon) -> str | None:
    """The nearest action before the figure, across bridge words only ("killed at least",
    "massacre of", "death toll rose to", "sentenced to"); a phrase beats its last word."""
    actions = lex.actions
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in lex.phrase_ends:
            for size in (3, 2):
                if i - size + 1 >= 0:
                    lemma = actions.get(" ".join(words[i - size + 1 : i + 1]))
                    if lemma:
                        return lemma
        lemma = actions.get(word)
        if lemma:
            return lemma
        if word not in lex.bridge_words:
            return None
    return None


def _toll(low: str, start: int, lo: int, lex: _Lexicon) -> str | None:
    """The action of a toll named earlier in the same clause, if any."""
    lo = max(lo, start - _TOLL_CHARS)
    cut = max(low.rfind(mark, lo, start) for mark in ".;!?")
    found = lex.toll_noun.search(low, max(lo, cut + 1), start)
    return lex.tolls[found.group()] if found else None


# "15 people, including four children, were killed": an aside between what is counted and
# its passive verb; an auxiliary must follow, so that "killed 116, injured 1375" keeps
# each figure's own verb
_ASIDE = re.compile(
    rf",(?:{_SP}*(?:including|among{_SP}+them|among{_SP}+whom|mostly|most{_SP}+of{_SP}+them|"
    rf"many{_SP}+of{_SP}+them|all{_SP}+of{_SP}+them)\b[^,.;:\n]{{0,80}},)?"
    rf"(?={_SP}+(?:were|was|are|is|have|has|had)\b)"
)


def _action_after_aside(spaced: str, pos: int, lex: _Lexicon) -> str | None:
    aside = _ASIDE.match(spaced, pos)
    return _action_after(spaced, aside.end(), lex) if aside else None


def _action_after(spaced: str, pos: int, lex: _Lexicon) -> str | None:
    """A passive or participle right after what is counted: "41 people were killed", "52
    killed", "300 who died", "lost their lives"; a bare noun ("2011 uprising") is not.
    spaced: the lower-case text with plain spaces (_plain_spaces)."""
    after = lex.after_action.match(spaced, pos)
    if not after:
        return None
    form = " ".join(after.group("act").lower().split())
    if not after.group("aux") and not (
        form.endswith("ed") or " " in form or form in _PARTICIPLE_LIKE
    ):
        return None
    return lex.actions[form]


def _is_year(
    cand: _Candidate,
    head: str | None,
    prev_low: str,
    qualifier: str | None,
    action: str | None,
    lex: _Lexicon,
) -> bool:
    """A bare 4-digit number from 1000 to 2100 is a year unless it clearly counts."""
    if cand.words or cand.unit or cand.compound or cand.digits is None:
        return False
    if not (len(cand.digits) == 4 and cand.digits.isdigit() and 1000 <= cand.value <= 2100):
        return False
    plural = head is not None and _is_plural(head.lower(), lex) and not head[:1].isupper()
    if prev_low in lex.year_words_before:
        # "the 1500 soldiers", "about 1200 troops"; never "the 2011 protests"
        return not (
            prev_low in lex.weak_year_words
            and plural
            and head is not None
            and head.lower() not in lex.year_event_plurals
            and head.lower() not in lex.action_nouns
        )
    if qualifier or action:
        return False
    return not (head and _is_plural(head.lower(), lex) and not head[:1].isupper())
