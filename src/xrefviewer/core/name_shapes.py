"""What a name looks like on the page, shared by extraction and in-document coreference.

The tokens and runs of capitalised words (with the small words names contain: "of", "de",
"al-"), acronyms and whether one spells a long form's initials, and `Candidate`, a mention as
extraction finds it before coreference names its entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from xrefviewer.core.model import NameType
from xrefviewer.core.name_keys import SKIPPABLE, acronym_key
from xrefviewer.core.name_lexicon import Lexicon


def _upper_class() -> str:
    ranges: list[list[int]] = []
    for code in list(range(0x41, 0x250)) + list(range(0x370, 0x530)) + list(range(0x1E00, 0x1F00)):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


_UP = f"[{_upper_class()}]"
_LETTER = r"[^\W_]"
_PREFIXES = "al|el|ul|ad|as|ash|an|at|az|ar|ibn|bin|abu|d|l|o|mc"
_PREFIX = rf"(?:(?:{_PREFIXES})[-'’])"
_ABBREVIATED = "Mr|Mrs|Ms|Dr|Prof|Gen|Col|Capt|Lt|Sgt|Sen|Rep|Gov|Rev|Hon|St|Mt|Ft|Messrs|Mme|Adm|Cmdr|Maj|Brig"
_SPACE_THEN_UP = rf"(?=[ \t\u00a0]+{_UP})"
# Order matters: "U.S." and "F." and "Mr." must be tried before the plain word "U", "F", "Mr".
# A plural possessive keeps its apostrophe when a capital follows: "Kurdistan Workers' Party".
_PLURAL_POSSESSIVE = rf"(?:(?<=s)['’]{_SPACE_THEN_UP})?"
_WORD = (
    rf"(?:(?:{_UP}\.){{2,}}|(?:{_UP}|{_ABBREVIATED})\.{_SPACE_THEN_UP}"
    rf"|{_PREFIX}?{_UP}{_LETTER}*(?:[-'’]{_LETTER}+)*{_PLURAL_POSSESSIVE})"
)
# An abbreviation's rest, matched after its capital (see `_capital_run`) before a look back at
# the whole ("rs(?<=Mrs)"), so that a letter that starts none of them fails at once.
_ABBREVIATED_REST = "|".join(f"{a[1:]}(?<={a})" for a in _ABBREVIATED.split("|"))
JOINERS = (
    "of|for|on|and|&|the|de|da|di|du|des|del|della|der|den|van|von|la|le|bin|ibn|bint|ben|abu|y|e"
)
_GAP = rf"[ \t\u00a0]+(?:(?:{JOINERS})[ \t\u00a0]+){{0,3}}"
# What a run can start with (a capital, or a particle's first letter), tested before anything
# else: most positions of a text fail on that one look-up.
_FIRST = f"[{_upper_class()}{''.join(sorted({p[0] for p in _PREFIXES.split('|')}))}]"
RUN = re.compile(rf"(?={_FIRST})(?<![\w'’-]){_WORD}(?:{_GAP}{_WORD})*")


def _capital_run(up: str, letter: str, word_char: str) -> re.Pattern[str]:
    """`RUN` at the runs that start with a capital, written to open with that capital: the regex
    engine then skips to the next capital in C instead of trying every position of the text.

    `after_capital` is `_WORD` once its first letter, a capital, is matched (`_word_after`), and
    every word after the first is written capital first too. The spaces and the run's repetition
    are possessive ("++", "*+"), as nothing after them can start with a space or a word: the
    engine never gives them back. The joining words still may be given back ("of the Year").
    """
    after_capital, word = _word_after(up, letter)
    gap = rf"[ \t\u00a0]++(?:(?:{JOINERS})[ \t\u00a0]++){{0,3}}"
    return re.compile(rf"{up}(?<!{word_char}{up}){after_capital}(?:{gap}{word})*+")


def _word_after(up: str, letter: str) -> tuple[str, str]:
    """`_WORD` after its capital, and `_WORD` written capital first (the same matches, in the same
    order of alternatives).

    The abbreviation and the lone capital ("F.") are tried apart, as only one can be followed by
    the full stop. As what follows a word may always match nothing, the engine never comes back
    into a word once it matched: its parts are possessive ("*+"), which spares it the
    bookkeeping of giving them back."""
    plural_possessive = rf"(?:(?<=s)['’](?=[ \t\u00a0]+{up}))?+"
    after_capital = (
        rf"(?:\.(?:{up}\.)+|\.(?=[ \t\u00a0]+{up})|(?:{_ABBREVIATED_REST})\.(?=[ \t\u00a0]+{up})"
        rf"|{letter}*+(?:[-'’]{letter}++)*+{plural_possessive})"
    )
    word = (
        rf"(?:{up}{after_capital}|{_PREFIX}{up}{letter}*+(?:[-'’]{letter}++)*+{plural_possessive})"
    )
    return after_capital, word


_CAPITAL_RUN = _capital_run(_UP, _LETTER, r"[\w'’-]")
# The same for a text in ASCII, whose capitals are A-Z and letters A-Z, a-z and 0-9: smaller
# classes are looked up faster.
_ASCII_CAPITAL_RUN = _capital_run("[A-Z]", "[A-Za-z0-9]", "[A-Za-z0-9_'-]")
# Where a run starts with a particle ("al-Maliki"): the hyphen or apostrophe after it, then a
# look back for the particle, which the capture gives the start of. One pattern for each of the
# three marks, as a pattern that opens with one character is searched for fastest.
_PARTICLE_BEHIND = "|".join(
    rf"(?<=(?<![\w'’-])({'|'.join(p for p in _PREFIXES.split('|') if len(p) == n)})[-'’])"
    for n in sorted({len(p) for p in _PREFIXES.split("|")})
)
_PARTICLE_STARTS = tuple(
    (mark, re.compile(rf"{re.escape(mark)}(?={_UP})(?:{_PARTICLE_BEHIND})")) for mark in "-'’"
)
TOKEN = re.compile(_WORD)
# `TOKEN` for a text in ASCII: written capital first with A-Z classes (as `_ASCII_CAPITAL_RUN`),
# behind a look-ahead for a word's first character, a capital or a particle's first letter, at
# which the other positions fail at once. The same matches, found about twice as fast.
ASCII_TOKEN = re.compile(
    rf"(?=[A-Z{''.join(sorted({p[0] for p in _PREFIXES.split('|')}))}])"
    + _word_after("[A-Z]", "[A-Za-z0-9]")[1]
)
# An acronym's shape, with two capitals at least: as no other character of that shape is in
# upper case, the look-ahead counts them in the regex rather than in Python.
_ACRONYM = re.compile(
    r"(?=(?:[^A-Z]*[A-Z]){2})(?:(?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]*[A-Z0-9](?:-[A-Z0-9]+)?|[A-Z]{2,}s)"
)
_MIXED_ACRONYM = re.compile(r"[A-Z](?:[a-z]{0,2}[A-Z])+")
NAME_PARTICLES = frozenset(JOINERS.split("|")) - {"of", "for", "on", "and", "&", "the"}
# A name has a few words: longer windows over a headline are only slower, not better.
MAX_NAME_WORDS = 8


@dataclass(slots=True)
class Candidate:
    """A mention as extraction finds it: its span, a first guess at its type, and what it
    says about itself (title, honorific gender, aliases declared after it)."""

    start: int
    end: int
    text: str
    type: NameType
    strength: int  # how sure the type is: 3 gazetteer, 2 keyword or title, 1 shape, 0 guess
    acronym: bool
    titled: bool = False
    weak: bool = False  # from a headline: kept only if it joins an entity of the body
    key: str = ""
    declared: list[str] = field(default_factory=list)
    gender: str = ""  # "m" or "f" from an honorific before it ("Mrs. Clinton")


def runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of `RUN.finditer(text)`, found faster: those that start with a capital by
    `_CAPITAL_RUN`, the rare ones that start with a particle by `RUN` itself."""
    starts = [
        m.start(m.lastindex or 0)
        for mark, pattern in _PARTICLE_STARTS
        if mark in text
        for m in pattern.finditer(text)
    ]
    capital_run = _ASCII_CAPITAL_RUN if text.isascii() else _CAPITAL_RUN
    if not starts:
        return capital_run.finditer(text)
    return _merged_runs(text, sorted(starts), capital_run)


def _merged_runs(
    text: str, particle_starts: list[int], capital_run: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """Leftmost first and without overlaps, as `finditer` goes: the next run is the nearer of
    the next capital run and the next run at a particle, from the end of the last run on."""
    pos, i, n = 0, 0, len(particle_starts)
    while True:
        match = capital_run.search(text, pos)
        while i < n and particle_starts[i] < pos:
            i += 1
        if i < n and (match is None or particle_starts[i] < match.start()):
            match = RUN.match(text, particle_starts[i])
            i += 1
            if match is None:
                continue  # not reached: a particle start is a run's start
        if match is None:
            return
        yield match
        pos = match.end()


_POSSESSIVE_LAST = frozenset("s'’")  # what a possessive ending ends with


def bare(word: str) -> str:
    """Lower case without a final full stop or possessive: for looking a word up in the lists."""
    word = word.lower().rstrip(".")
    if word[-1:] not in _POSSESSIVE_LAST:
        return word  # the common case: no possessive ending
    ending = possessive_ending(word)
    return word[:-ending] if ending else word


def possessive_ending(word: str) -> int:
    """How long a word's possessive ending is: 2 for "Iran's", 1 for "Workers'", else 0."""
    if word.endswith(("'s", "’s")):
        return 2
    return 1 if word.endswith(("s'", "s’")) else 0


def is_acronym(word: str) -> bool:
    if word[1:].islower():
        return False  # the common case, "Minister": both shapes need a second capital
    if _ACRONYM.fullmatch(word) is not None:
        return True
    # "BoE", "DfID", "FinCEN": capitals with a letter or two between them, ending in a capital
    return len(word) <= 6 and _MIXED_ACRONYM.fullmatch(word) is not None


def is_title(word: str, lex: Lexicon) -> bool:
    if word in lex.titles:
        return True
    if "-" not in word:
        return False  # the common case: the forms below all have a hyphen
    if word.replace("-elect", "") in lex.titles:
        return True
    # "then-Senator", "ex-President": a title held before
    before, _, title = word.partition("-")
    return before in lex.tenure_words and title in lex.titles


@lru_cache(maxsize=16384)
def initials_fit(acronym: str, long_form: str) -> bool:
    """The acronym's letters are the initials of the long form's words, in order; small words
    ("of", "the", "and") and particles may be skipped, and a word may give two letters."""
    letters = acronym_key(acronym).lower()
    letters = letters[:-1] if acronym.endswith("s") and not acronym.isupper() else letters
    words = [w.lower() for w in re.split(r"[\s\-]+", long_form) if w][:24]
    if not 2 <= len(letters) <= 16 or len(words) < 2:
        return False
    optional = [w in SKIPPABLE for w in words]
    n_letters, n_words = len(letters), len(words)
    # Whether letters from i on are spelled by words from j on, for each (i, j) tried: a dict
    # rather than `functools.cache`, whose wrapper costs more to make than this whole search.
    memo: dict[tuple[int, int], bool] = {}

    def fit(i: int, j: int) -> bool:
        known = memo.get((i, j))
        if known is None:
            known = memo[i, j] = spelled(i, j)
        return known

    def spelled(i: int, j: int) -> bool:
        if i == n_letters:
            return all(optional[j:])
        if j == n_words:
            return False
        w = words[j]
        if w[0] == letters[i]:
            if fit(i + 1, j + 1):
                return True
            if i + 1 < n_letters and len(w) > 1 and w[1] == letters[i + 1] and fit(i + 2, j + 1):
                return True  # a word may give two letters: "Bank of England" -> "BoE"
        return optional[j] and fit(i, j + 1)

    return fit(0, 0)
