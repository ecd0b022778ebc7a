"""Proper names in English prose, with the fullest form each entity takes in its document.

How a name is found:

1. One precompiled regex finds runs of capitalised tokens, joined by spaces and by the small words
   names contain ("of", "for", "de", "bin", "al-"): "National Council of Resistance of Iran",
   "Nouri al-Maliki", "Ban Ki-moon", "U.N. Security Council".
2. Each run is cut where a joining word is not part of a name ("of" joins only after an
   organisation, place or title word: "Ministry of Justice" but not "Smith of Leeds"), loses
   leading function words ("The", "In"), and sets its titles aside: "Prime Minister Nouri
   al-Maliki" gives the name "Nouri al-Maliki", person. The span never includes the title.
3. A run that is only a sentence-initial ordinary word ("Speaking"), a month, a demonym
   ("Iranian") or common nouns ("Human Rights") is not a name. In Title Case headlines and tag
   lists, only forms that the body of the document also uses are kept.

Then `name_coref` groups the document's mentions into entities and names each by its fullest
form (`NameSpan.canonical`). Extraction is memoised per run and its surroundings across
documents (`_RUN_MEMO`): news repeats its names, and that keeps it fast.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from xrefviewer.core.model import NameSpan, NameType
from xrefviewer.core.name_coref import mention_key, resolve_mentions
from xrefviewer.core.name_keys import acronym_key, name_key
from xrefviewer.core.name_lexicon import Lexicon, lexicon
from xrefviewer.core.name_shapes import (
    ASCII_TOKEN,
    NAME_PARTICLES,
    TOKEN,
    Candidate,
    bare,
    initials_fit,
    is_acronym,
    is_title,
    possessive_ending,
    runs,
)

_PAREN = re.compile(r"[ \t\u00a0]*\(([^()\n]{1,120})\)")
_OR_ALIAS = re.compile(r",[ \t]+or[ \t]+(?:the[ \t]+)?([A-Z][A-Za-z&\-]{1,15})(?=[,;:.)]|\s)")
_PAREN_SPLIT = re.compile(r"\s*(?:/|,|;|\bor\b|\balso known as\b|\baka\b|\ba\.k\.a\.)\s*")
# A word in lower case, after a character that is no part of a word. Matching that character
# (rather than looking behind for it) lets the regex engine skip to the next space or stop.
_LOWER_WORD = re.compile(r"[^\w'’-]([a-z][a-z'’]*[a-z])")
# In ASCII, where `\w` is [A-Za-z0-9_] and "’" cannot occur, `_LOWER_WORD` is told by `str`
# methods (see `_ascii_lower_words`): each character becomes its kind, a letter a-z or "'" as
# it is, another character of a word "#", a separator " ". A table of bytes: translating the
# text's bytes is quicker than translating its characters.
_ASCII_KINDS = bytes(
    ord(c if c.islower() or c == "'" else "#" if c.isalnum() or c in "_-" else " ")
    for c in map(chr, range(128))
) + bytes(128)  # (no byte of an ASCII text is beyond 127)
_SINGLE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# Before a sentence's first word, within 8 characters: the text's start or a sentence's end,
# then spaces and opening marks alone (`_sentence_initial`).
_SENTENCE_END = frozenset(".!?:;…\n")
_OPENING_MARKS = frozenset("\"“”‘’'([*•–—-")
_HEADLINE_END_CHARS = frozenset('.!?:;,"”’)')
_HEADLINE_WORDS = re.compile(r"[\s,|/]+")
_LOWER_CHAR = re.compile(r"[a-z]")
_SAID_AFTER = re.compile(
    r",?[ \t]+(?:said|says|told|added|wrote|stated|explained|noted|argued|insisted|recalled)\b"
)
_POSSESSIVE_OR_STOP = re.compile(r"['’]s\b|(?<=s)['’](?!\w)|\.")
_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z.]{1,6}")
_OF_WORDS = frozenset({"of", "for", "on"})
# Endings of English words that are rarely names: a capitalised one at a sentence start or in a
# headline ("Speaking", "Establishment", "Reporters") is that word.
_WORD_SUFFIXES = (
    "ing", "ly", "tion", "sion", "ment", "ments", "ness", "ity", "ance", "ence", "ers", "ors",
    "ies", "ous", "ive", "ful", "less", "ism", "ists", "ations", "ings",
)  # fmt: skip
# Abstract nouns: a name hardly ever ends so, even in the middle of a sentence.
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ments", "ness", "ations", "isms")

_RunKey = tuple[str, bool, bool, bool, tuple[bool, ...]]
_RUN_MEMO: dict[_RunKey, tuple[_Found, ...]] = {}
_RUN_MEMO_LIMIT = 50_000  # entries; about 25 MB at most, then it starts afresh
# A run's text -> its lower-case words, () for a run that is only a stopword or a month.
_WORD_MEMO: dict[str, tuple[str, ...]] = {}
# A run cut by excluded spans (dates), and those spans within it -> its free parts, all relative
# to the run's start: "On December" before "December 5" is cut the same way in every document.
_PartsKey = tuple[str, tuple[tuple[int, int], ...]]
_PARTS_MEMO: dict[_PartsKey, tuple[tuple[int, int], ...]] = {}
# A mention (its text, whether an acronym, its type and strength) and what the parentheses after
# it hold -> `_Doc._declared`: "Kurdistan Workers' Party (PKK)" recurs across documents.
_DeclaredKey = tuple[str, bool, NameType, int, str]
_DECLARED_MEMO: dict[_DeclaredKey, tuple[tuple[str, ...], bool] | None] = {}


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention relative to the start of its run, as the run memo keeps it."""

    start: int
    end: int
    type: NameType
    strength: int
    acronym: bool
    titled: bool
    weak: bool
    gender: str
    text: str  # the mention's text, a part of the run
    key: str  # its `mention_key`, worked out once for every document that has the run


def extract_names(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[NameSpan]:
    """Proper names in `text`, non-overlapping and sorted, none overlapping `exclude`."""
    lex = lexicon()
    doc = _Doc(text, lex, exclude)
    mentions = doc.find()
    if not mentions:
        return []
    return resolve_mentions(mentions, lex)


class _Doc:
    """One pass over a document's capitalised runs."""

    def __init__(self, text: str, lex: Lexicon, exclude: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.lex = lex
        self.excluded = _merged(exclude)
        self.excluded_starts = [s for s, _ in self.excluded]
        self._vocabulary: set[str] | None = None
        self.token = ASCII_TOKEN if text.isascii() else TOKEN  # the same words
        lines = _lines(text)
        self.headlines = _headline_lines(lines, lex)
        self.headline_starts = [s for s, _ in self.headlines]
        self.shouting = [
            (start, end)
            for start, end, line in lines
            if len(line) > 12 and _LOWER_CHAR.search(line) is None
        ]
        self.shouting_starts = [s for s, _ in self.shouting]
        self.marked = bool(self.headlines or self.shouting)  # some runs may be weak

    @property
    def vocabulary(self) -> set[str]:
        """Words the document writes in lower case: a capitalised one of them opening a sentence
        is an ordinary word ("Speaking", "Survivors"), not a name."""
        if self._vocabulary is None:
            self._vocabulary = _lower_words(self.text)
        return self._vocabulary

    def find(self) -> list[Candidate]:
        out: list[Candidate] = []
        text = self.text
        # The same run in the same surroundings always gives the same mentions: news repeats
        # its names, and a memo shared by all documents (`_memo_run`) keeps extraction fast.
        # The surroundings: whether it opens a sentence, headline or capitals, and which of
        # its words this document also writes in lower case.
        if max(len(_RUN_MEMO), len(_PARTS_MEMO), len(_DECLARED_MEMO)) > _RUN_MEMO_LIMIT:
            _RUN_MEMO.clear()
            _WORD_MEMO.clear()
            _PARTS_MEMO.clear()
            _DECLARED_MEMO.clear()
        excluded = self.excluded
        n_excluded = len(excluded)
        cut = 0  # the first excluded span that ends after the run: runs come in order
        words = _WORD_MEMO
        memo_run = self._memo_run
        vocabulary: set[str] | None = None
        for run in runs(text):
            word = run.group()
            lowered = words.get(word)
            if lowered is None:
                lowered = words[word] = self._lowered(word)
            if not lowered:
                continue  # "The", "In", "However", "March": a third of all runs
            if vocabulary is None:
                vocabulary = self.vocabulary
            start, end = run.span()
            if cut < n_excluded:
                while cut < n_excluded and excluded[cut][1] <= start:
                    cut += 1
                if cut < n_excluded and excluded[cut][0] < end:
                    for a, b in self._free_parts(start, end, word, cut):
                        part = text[a:b]
                        lowered = words.get(part)
                        if lowered is None:
                            lowered = words[part] = self._lowered(part)
                        if lowered:  # a lone stopword gives no name, as a whole run ("On")
                            flags = tuple(map(vocabulary.__contains__, lowered))
                            memo_run(a, b, out, part, flags)
                    continue
            if len(lowered) == 1:  # the common case, told without a call
                memo_run(start, end, out, word, (lowered[0] in vocabulary,))
            else:
                memo_run(start, end, out, word, tuple(map(vocabulary.__contains__, lowered)))
        self._declarations(out)
        if ", or " in text:
            self._or_declarations(out)
        return out

    def _lowered(self, word: str) -> tuple[str, ...]:
        """The run's words as the vocabulary is looked up; () for a run to skip, a lone
        stopword or calendar word that is no acronym."""
        lower = word.lower()
        if (
            " " not in word
            and (lower in self.lex.stopwords or lower in self.lex.calendar)
            and not is_acronym(word)
        ):
            return ()
        return tuple(_POSSESSIVE_OR_STOP.sub("", lower).split())

    def _memo_run(
        self, start: int, end: int, out: list[Candidate], word: str, in_vocabulary: tuple[bool, ...]
    ) -> None:
        """The run's mentions, from the memo when the same run was seen in the same surroundings:
        `in_vocabulary` tells which of its words (`_lowered`) the document writes in lower case."""
        text = self.text
        if self.marked:
            shouting = self._shouting(start)
            weak = shouting or self._in_headline(start)
        else:
            shouting = weak = False  # no headline, no line in capitals: the common case
        # Whether a piece of the run opens a sentence depends on the text before the run
        # only for the run's first word: later pieces have a word of the run before them.
        # The common cases are told here without a call: "... met Ali" does not open one,
        # ". Ali" and a line's first word do (as `_sentence_initial` finds).
        if start >= 2 and text[start - 1] == " ":
            before = text[start - 2]
            initial = not (before.isalnum() or before == ",") and (
                before in _SENTENCE_END or self._sentence_initial(start)
            )
        else:
            initial = start == 0 or text[start - 1] == "\n" or self._sentence_initial(start)
        key = (word, initial, weak, shouting, in_vocabulary)
        found = _RUN_MEMO.get(key)
        if found is None:
            found = _RUN_MEMO[key] = tuple(
                _Found(m.start - start, m.end - start, m.type, m.strength, m.acronym,
                       m.titled, m.weak, m.gender, m.text, mention_key(m.text, m.acronym))
                for m in self._run(start, end, weak, shouting)
            )  # fmt: skip
        for f in found:
            m = Candidate(start + f.start, start + f.end, f.text, f.type, f.strength, f.acronym,
                          f.titled, f.weak, f.key, [], f.gender)  # fmt: skip
            if f.type == "other":
                if " " in f.text and _SAID_AFTER.match(text, m.end):
                    # "Anouk Verhaegen said": a name of several words that speaks is a person.
                    m.type, m.strength = "person", 1
                elif _after_locative(text, m.start, m.end):
                    m.type, m.strength = "place", 1  # "in Caldmoor", "near Bramholt"
            out.append(m)

    def _free_parts(self, start: int, end: int, word: str, cut: int) -> list[tuple[int, int]]:
        """The parts of a run between the excluded spans (dates) that cut it, from the first
        excluded span that ends after the run's start (`cut`) on. They depend only on the run
        and those spans within it, so they are memoised relative to the run's start."""
        excluded = self.excluded
        inside: list[tuple[int, int]] = []
        while cut < len(excluded) and excluded[cut][0] < end:
            a, b = excluded[cut]
            inside.append((max(a, start) - start, min(b, end) - start))
            cut += 1
        key = (word, tuple(inside))
        parts = _PARTS_MEMO.get(key)
        if parts is None:
            parts = _PARTS_MEMO[key] = tuple(
                (a - start, b - start) for a, b in self._cut_parts(start, end)
            )
        return [(start + a, start + b) for a, b in parts]

    def _cut_parts(self, start: int, end: int) -> list[tuple[int, int]]:
        """`_free_parts`, worked out from the run's tokens."""
        parts: list[tuple[int, int]] = []
        first = last = -1
        for token in self.token.finditer(self.text, start, end):
            a, b = token.span()
            if self._overlaps_excluded(a, b):
                if first >= 0:
                    parts.append((first, last))
                first = -1
                continue
            if first >= 0 and self._overlaps_excluded(last, a):
                parts.append((first, last))  # the gap between two words is excluded
                first = -1
            if first < 0:
                first = a
            last = b
        if first >= 0:
            parts.append((first, last))
        return parts

    def _run(self, start: int, end: int, weak: bool, shouting: bool = False) -> list[Candidate]:
        out: list[Candidate] = []
        self.pending = out  # what `_mention` finds on the side ("IRGC" of "IRGC General X")
        self._run_into(start, end, weak, out)
        if shouting:
            # In capitals, the shape of a word says nothing: only what is known elsewhere counts.
            for m in out:
                if m.strength < 3:
                    m.strength = 0
        return out

    def _run_into(self, start: int, end: int, weak: bool, out: list[Candidate]) -> None:
        text = self.text
        if " " in text[start:end]:
            # A gazetteer phrase inside the run is a name of its own, whatever the rules say of
            # its words: "Doctors Without Borders", "The Hague", "UN General Assembly".
            phrase = self.lex.phrases.search(text, start, end)
            known = self.lex.known(phrase.group(), False) if phrase is not None else None
            kind: NameType = known.type if known is not None else "place"
            if (
                phrase is not None
                and not self._overlaps_excluded(*phrase.span())
                and not (kind == "place" and self._org_follows(phrase.end(), end))
            ):
                self._run_into(start, phrase.start(), weak, out)
                a, b = phrase.span()
                out.append(Candidate(a, b, text[a:b], kind, 3, False, False, weak))
                self._run_into(phrase.end(), end, weak, out)
                return
        tokens = [(m.start(), m.end()) for m in self.token.finditer(text, start, end)]
        if self.excluded and self._overlaps_excluded(start, end):
            tokens = self._drop_excluded(tokens)  # (not else: no token can overlap one)
        for piece in self._split(tokens):
            mention = self._mention(piece, weak)
            if mention is not None:
                out.append(mention)

    def _org_follows(self, offset: int, end: int) -> bool:
        """An organisation named after the place that starts its name: "New York Times"."""
        after = self.token.match(self.text, offset + 1, end)
        return (
            after is not None
            and self.text[offset] == " "
            and bare(after.group()) in self.lex.org_words
        )

    def _overlaps_excluded(self, start: int, end: int) -> bool:
        i = bisect_right(self.excluded_starts, end - 1) - 1
        return i >= 0 and self.excluded[i][1] > start

    def _drop_excluded(self, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
        kept = []
        for s, e in tokens:
            i = bisect_right(self.excluded_starts, e - 1) - 1
            if i >= 0 and self.excluded[i][1] > s:
                kept.append((-1, -1))  # a gap: the run is cut here
            else:
                kept.append((s, e))
        return kept

    def _shouting(self, offset: int) -> bool:
        """Inside a line written in capitals, where every word looks like an acronym."""
        if not self.shouting:
            return False
        i = bisect_right(self.shouting_starts, offset) - 1
        return i >= 0 and offset < self.shouting[i][1]

    def _in_headline(self, offset: int) -> bool:
        if not self.headlines:
            return False
        i = bisect_right(self.headline_starts, offset) - 1
        return i >= 0 and offset < self.headlines[i][1]

    def _split(self, tokens: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """Cut a run where a joining word or a token does not belong to one name."""
        text, lex = self.text, self.lex
        if len(tokens) == 1 and tokens[0][0] >= 0:
            return [tokens]  # the stopword case was handled before the memo
        pieces: list[list[tuple[int, int]]] = []
        current: list[tuple[int, int]] = []
        joined_of = False
        for s, e in tokens:
            if s < 0:
                if current:
                    pieces.append(current)
                current, joined_of = [], False
                continue
            word = text[s:e]
            lower = word.lower()
            if (
                lower in lex.stopwords
                or (
                    # "Theresa May" and "Jan Kowalski" keep their month; "Times on September"
                    # does not.
                    lower in lex.calendar and current and text[current[-1][1] : s].strip()
                )
            ) and not is_acronym(word):
                if current:
                    pieces.append(current)
                current, joined_of = [], False
                continue
            if current:
                gap = text[current[-1][1] : s].split()
                ok = True
                if gap:
                    ok, joined_of = self._gap_ok(gap, current, joined_of)
                if not ok:
                    pieces.append(current)
                    current, joined_of = [], False
            # "Peru's Supreme Electoral Council": a possessive place or person ends its own name.
            current.append((s, e))
            if _possessive(word) and self._possessive_ends_name(word):
                pieces.append(current)
                current, joined_of = [], False
        if current:
            pieces.append(current)
        return [part for piece in pieces for part in self._split_and(piece)]

    def _split_and(self, piece: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """Cut at "and" between two bodies: "Ministry of Information and Security" is one name,
        but "Ministry of Intelligence and Border Force" is two: after "of", what follows "and"
        must not have an organisation word of its own. Without "of" before it, "and" joins
        common words to a body's name ("Food and Drug Administration"), nothing else
        ("Food and Drink"). "&" always joins: "Procter & Gamble", "Marks & Spencer Group".
        """
        text, org_words = self.text, self.lex.org_words
        if len(piece) < 2:
            return [piece]
        run = text[piece[0][0] : piece[-1][1]]
        if " and " not in run:
            return [piece]
        parts: list[list[tuple[int, int]]] = []
        while len(piece) >= 2:
            k = next(
                (
                    k
                    for k in range(len(piece) - 1, 0, -1)
                    if "and" in text[piece[k - 1][1] : piece[k][0]].split()
                ),
                0,
            )
            if not k:
                break
            if self._joined_by_of(piece[:k]):
                cut = any(bare(text[s:e]) in org_words for s, e in piece[k:])
            else:
                cut = bare(text[piece[-1][0] : piece[-1][1]]) not in org_words
            if not cut:
                break
            parts.append(piece[k:])
            piece = piece[:k]
        parts.append(piece)
        return parts[::-1]

    def _joined_by_of(self, tokens: list[tuple[int, int]]) -> bool:
        text = self.text
        return any(
            not _OF_WORDS.isdisjoint(text[a[1] : b[0]].lower().split()) for a, b in pairwise(tokens)
        )

    def _gap_ok(
        self, gap: list[str], current: list[tuple[int, int]], joined_of: bool
    ) -> tuple[bool, bool]:
        lex = self.lex
        words = [g.lower() for g in gap]
        if all(w in NAME_PARTICLES for w in words):
            return True, joined_of
        first = words[0]
        rest = words[1:]
        if first in _OF_WORDS and all(w == "the" for w in rest):
            # Only the word right before "of" decides: "Bank of England", "Secretary of State",
            # but not "Dr. Ilse Brandt of the Council".
            head = bare(self.text[current[-1][0] : current[-1][1]])
            if (
                joined_of
                or head in lex.org_words
                or head in lex.place_words
                or head in lex.of_heads
                or head in lex.titles
            ):
                return True, True
            return False, False
        if first in {"and", "&"} and not rest and joined_of:
            return True, True
        if not rest and (first == "&" or (first == "and" and self._common_words(current))):
            # "Procter & Gamble"; "Food and Drug Administration" if a body's name follows
            # (`_split_and` cuts it otherwise)
            return True, joined_of
        return False, False

    def _common_words(self, tokens: list[tuple[int, int]]) -> bool:
        """One or two words a dictionary writes in lower case, after "the": "the Food",
        "the Securities"; not a sentence's "Troops and Police Forces were deployed"."""
        english, text = self.lex.english, self.text
        start = tokens[0][0]
        return (
            len(tokens) <= 2
            and text[max(0, start - 4) : start].lower() == "the "
            and all(bare(text[s:e]) in english for s, e in tokens)
        )

    def _possessive_ends_name(self, word: str) -> bool:
        return bare(word) not in self.lex.possessive_in_names

    def _mention(self, piece: list[tuple[int, int]], weak: bool) -> Candidate | None:
        text, lex = self.text, self.lex
        words = [text[s:e] for s, e in piece]
        lowers = [bare(w) for w in words]
        shed = 0
        while shed < len(words) - 1 and len(lowers[shed]) > 3 and lowers[shed] in lex.calendar:
            shed += 1  # "Friday Ali Reza said": the weekday is a date; "Jan Kowalski" stays.
        if (
            shed < len(words) - 1
            and lowers[shed] in lex.tenure_words
            and not words[shed].isupper()
            and is_acronym(words[shed + 1])
        ):
            shed += 1  # "Former UN envoy Kofi Annan": the word qualifies the envoy
        if shed:
            piece, words, lowers = piece[shed:], words[shed:], lowers[shed:]
        if len(words) == 1 and _PARTY_AND_STATE.fullmatch(words[0]):
            before = text[max(0, piece[0][0] - 2) : piece[0][0]]
            if before.endswith(("(", ", ")):
                return None  # "Sen. Elizabeth Warren, D-Mass., said": a party and a state
        split = self._title_inside(piece, lowers)
        if split:
            # "Senate Majority Leader Chuck Schumer": the body, then the titled person. A word
            # before the body qualifies the title: "Former U.S. President Donald Trump".
            k = 0
            while k < split and lowers[k] in lex.tenure_words:
                k += 1
            head = self._mention(piece[k:split], weak) if k < split else None
            if head is not None:
                self.pending.append(head)
            return self._mention(piece[split:], weak)
        # Leading words that only qualify a title ("Former French Foreign Minister Anne Dupont").
        cut, titled, found_title, gender = len(words), False, False, ""
        for i, w in enumerate(lowers):
            if is_title(w, lex):
                found_title = True
            elif not (
                w.replace(".", "") in lex.title_modifiers
                or w in lex.demonyms
                or (i == 0 and is_acronym(words[0]))  # "UN Special Rapporteur", "IRGC General"
            ):
                cut = i
                break
        if found_title:
            if cut >= len(words):
                # Only a title ("the Prime Minister"), perhaps of a body: "UN Secretary-General".
                if is_acronym(words[0]) and not is_title(lowers[0], lex):
                    return self._mention(piece[:1], weak)
                return None
            if (
                (lowers[cut] in lex.org_words or lowers[cut] in lex.place_words)
                and not (lowers[cut - 1] in lex.title_gender or words[cut - 1].endswith("."))
                and not self._family_name_first(lowers[cut:])
            ):
                # "General Assembly", "Justice Department" are no titles; but in "President of
                # UN Special Court" the title ends at "of" and an organisation follows. An
                # honorific always is one ("Mr. Park", "Dr. Bridge"), and so is a title before
                # a person's name that opens with such a word ("President Park Geun-hye").
                joined = [
                    k
                    for k in range(1, cut)
                    if text[piece[k - 1][1] : piece[k][0]].strip() and is_title(lowers[k - 1], lex)
                ]
                cut = joined[0] if joined else 0
                found_title = bool(joined)
            if found_title:
                # "Foreign Minister of Italy": the title governs a place, it does not name it.
                titled = text[piece[cut - 1][1] : piece[cut][0]].strip() == ""
                gender = next(
                    (lex.title_gender[w] for w in lowers[:cut] if w in lex.title_gender), ""
                )
                if is_acronym(words[0]) and not is_title(lowers[0], lex):
                    head = self._mention(piece[:1], weak)
                    if head is not None:
                        self.pending.append(head)
                piece, words, lowers = piece[cut:], words[cut:], lowers[cut:]
        elif (
            len(words) > 1
            and is_title(lowers[-1], lex)
            and lowers[-1] not in lex.org_words
            and not text[piece[-2][1] : piece[-1][0]].strip()  # "Ministry of Justice" stays
        ):
            # "National Security Advisor", "European Parliament Vice President": a post, named
            # after what it belongs to. What it belongs to may be a name.
            k = len(words) - 1
            while k > 0 and (is_title(lowers[k - 1], lex) or lowers[k - 1] in lex.title_modifiers):
                k -= 1
            return self._mention(piece[:k], weak) if k > 0 else None
        start, end = piece[0][0], piece[-1][1]
        if ending := possessive_ending(words[-1]):
            end -= ending
            words[-1] = words[-1][:-ending]
        elif words[-1].endswith(".") and not is_acronym(words[-1]) and len(words[-1]) > 2:
            end -= 1
        if end <= start:
            return None
        name = text[start:end]
        acronym = len(words) == 1 and is_acronym(words[0])
        known = lex.known(name, acronym)
        if known is not None:
            return Candidate(start, end, name, known.type, 3, acronym, titled, weak)
        if acronym:
            if self._shouting(start) or acronym_key(name) in lex.common_acronyms:
                return None
            if name_key(name) in lex.places:  # "WASHINGTON (Reuters) -": a dateline
                return Candidate(start, end, name, "place", 3, False, titled, weak)
            return Candidate(start, end, name, "organisation", 1, True, titled, weak)
        key = name_key(name)
        if key in lex.places:
            return Candidate(start, end, name, "place", 3, False, titled, weak)
        if len(words) == 1:
            w = lowers[0]
            if (
                len(w) < 2
                or w in lex.stopwords
                or w in lex.calendar
                or w in lex.demonyms
                or w.removesuffix("s") in lex.demonyms  # "Iranians", "Sunnis"
                or w in lex.common
            ):
                return None
            initial = self._sentence_initial(start)
            if not titled and (
                w.endswith(_ABSTRACT_SUFFIXES) or ((initial or weak) and w.endswith(_WORD_SUFFIXES))
            ):
                return None  # "Speaking on ...", "Reportedly, ...", "the Negotiation"
            if re.split(r"['’]", w)[0] in lex.stopwords:
                return None  # "We've", "It’s"
            if not titled and (initial or weak) and w in lex.english:
                # "Analysts said", "Blast kills 12": an English word that only a sentence
                # start or a headline capitalises ("Turkey", "Shell" may be names: not listed)
                return None
            if not titled and w in self.vocabulary:
                # A word the text also writes in lower case: at a sentence start, in a headline
                # or in capitals it is that word; elsewhere ("the Regime", "Hope" after "Camp
                # Hope") it is a name only if it names something the document names in full.
                if initial or weak or self._shouting(start):
                    return None
                weak = True
        if lex.org_words.isdisjoint(lowers) and all(
            w in lex.common or w in lex.demonyms or w in lex.stopwords or w in lex.calendar
            for w in lowers
        ):
            return None
        kind, strength = self._type(lowers, titled)
        if (
            len(words) > 1
            and self._sentence_initial(start)
            and (
                lowers[0] in self.vocabulary
                # "Actress Lindsay Lohan": an English word before a person's name
                or (
                    lowers[0] in lex.english
                    and len(lowers) >= 3
                    and self._type(lowers[1:], False)[0] == "person"
                )
            )
            and lowers[0] not in lex.given_gender  # "Said Mansour", "Will Smith"
            and kind in ("person", "other")
        ):
            # "Survivors Ali Reza ..." is rare; "Western Europe" keeps its place, "Speaking
            # Monday" never gets here. A sentence-initial ordinary word is shed.
            rest = piece[1:]
            return self._mention(rest, weak) if rest else None
        mention = Candidate(start, end, name, kind, strength, False, titled, weak)
        mention.gender = gender if titled else ""
        return mention

    def _title_inside(self, piece: list[tuple[int, int]], lowers: list[str]) -> int:
        """Where a title inside a run begins, when a person's name follows it; else 0.

        "European Parliament Vice President Heidi Hautala" -> 2. The title's own qualifiers go
        with it, but a word joined by "of" stays with the body: "Ministry of Justice
        Spokesman Ali Rahimi" -> 3 (the spokesman, not the justice, is the title).
        """
        lex, text = self.lex, self.text
        n = len(lowers)
        if n < 3:
            return 0
        for t in range(n - 2, 0, -1):
            if not is_title(lowers[t], lex):
                continue
            after = lowers[t + 1 :]
            if (
                len(after) > 4
                or text[piece[t][1] : piece[t + 1][0]].strip()
                or any(
                    is_title(w, lex) or w in lex.org_words or w in lex.place_words for w in after
                )
            ):
                return 0
            h = t
            while h > 0 and (
                is_title(lowers[h - 1], lex)
                or lowers[h - 1] in lex.title_modifiers
                or lowers[h - 1] in lex.demonyms
            ):
                if h - 1 > 0 and text[piece[h - 2][1] : piece[h - 1][0]].strip():
                    break  # "Ministry of Justice": joined by "of", it names the body
                h -= 1
            return h
        return 0

    def _family_name_first(self, lowers: list[str]) -> bool:
        """A Korean or Chinese name: a family name first, then a hyphenated given name."""
        return 2 <= len(lowers) <= 3 and lowers[0] in self.lex.family_first and "-" in lowers[1]

    def _type(self, lowers: list[str], titled: bool) -> tuple[NameType, int]:
        lex = self.lex
        if lowers[-1] in lex.org_words:
            return "organisation", 2
        if titled and len(lowers) == 1:
            return "person", 2  # "Mr. Park", "President Hill": a place word as a surname
        if self._family_name_first(lowers):
            return "person", 1  # "Park Min-jun", "Lee Jae-myung": not "Park Avenue"
        if lowers[0] in lex.place_words or lowers[-1] in lex.place_words:
            return "place", 2
        if not lex.org_words.isdisjoint(lowers):
            return "organisation", 2
        if titled:
            return "person", 2
        content = [w for w in lowers if w not in NAME_PARTICLES]
        if 2 <= len(content) <= 4 and content[0] in lex.given_gender:
            return "person", 1  # "Kelly Varenko": a known given name first
        if (
            2 <= len(content) <= 4
            and not any(w.endswith(_WORD_SUFFIXES) for w in content)
            and not any(
                w in lex.common
                or w in lex.stopwords
                or w in lex.demonyms
                or w in lex.place_words
                or name_key(w) in lex.places
                or w in self.vocabulary
                for w in content
            )
        ):
            return "person", 1
        return "other", 0

    def _sentence_initial(self, start: int) -> bool:
        """Whether `start` opens a sentence: the text's start or a sentence's end (".", "!", a
        line break, ...) comes before it, with only spaces and opening marks between, within
        8 characters. (Once a regex searched those 8 characters: a loop back is cheaper.)"""
        text = self.text
        if start >= 2 and text[start - 1] == " ":
            before = text[start - 2]
            if before.isalnum() or before == ",":
                return False  # the common case, "... met Ali"
        # Back over the spaces and opening marks to what comes before them.
        low = max(0, start - 8)
        i = start - 1
        while i >= low and (text[i].isspace() or text[i] in _OPENING_MARKS):
            i -= 1
        if i >= low:
            return text[i] in _SENTENCE_END or "\n" in text[i + 1 : start]
        return low == 0 or "\n" in text[low:start]

    def _declarations(self, mentions: list[Candidate]) -> None:
        """Aliases declared in parentheses right after a name."""
        text = self.text
        openers = _paren_openers(text)
        if not openers:
            return
        by_start: dict[int, Candidate] | None = None  # made when first needed
        for m in mentions:
            if m.end not in openers:
                continue
            paren = _PAREN.match(text, m.end)
            if paren is None:
                continue
            key = (m.text, m.acronym, m.type, m.strength, paren.group(1))
            if key in _DECLARED_MEMO:
                declared = _DECLARED_MEMO[key]
            else:
                declared = _DECLARED_MEMO[key] = self._declared(m, paren.group(1))
            if declared is None:
                continue
            parts, fits = declared
            m.declared.extend(parts)
            if fits and m.type in ("person", "other") and m.strength < 2:
                m.type, m.strength = "organisation", 2  # people have no acronyms
            # The forms inside the parentheses are mentions of the same entity.
            if by_start is None:
                by_start = {m.start: m for m in mentions}
            inside = paren.start(1)
            for later in range(inside, paren.end(1)):
                other = by_start.get(later)
                if other is not None:
                    other.weak = False

    def _declared(self, m: Candidate, inside: str) -> tuple[tuple[str, ...], bool] | None:
        """The forms that the parentheses after a mention declare (`inside` is what they hold),
        and whether an acronym among them fits its initials; None when they declare none. The
        answer depends on the mention's text, shape, type and strength only (`_DECLARED_MEMO`)."""
        lex = self.lex
        parts = [p.strip(" \"'“”‘’") for p in _PAREN_SPLIT.split(inside)]
        parts = [p for p in parts if p]
        tagged = [(p, is_acronym(p)) for p in parts]  # each part, and whether an acronym
        if not parts or not all(a or _is_name_part(p) for p, a in tagged):
            return None
        own = lex.known(m.text, m.acronym)
        if any((k := lex.known(p, a)) is not None and k != own for p, a in tagged):
            return None  # "Said Mansour (Reuters)": another entity the gazetteer knows
        inner = [p for p, a in tagged if not a]
        fits = any(a and any(initials_fit(p, form) for form in [m.text, *inner]) for p, a in tagged)
        if not fits and (m.type in ("person", "place") or (m.strength >= 3 and not m.acronym)):
            return None
        if not fits and len(m.text.split()) == 1 and not m.acronym:
            return None
        return tuple(parts), fits

    def _or_declarations(self, mentions: list[Candidate]) -> None:
        """An acronym declared after a comma and "or": "the Kurdistan Workers' Party, or PKK,"
        when its letters are the name's initials, or the name is an organisation's, whose
        acronym may come from another language (FDLR, from the French of the Democratic
        Forces for the Liberation of Rwanda)."""
        for m in mentions:
            if m.acronym or m.type in ("person", "place"):
                continue
            alias = _OR_ALIAS.match(self.text, m.end)
            if alias is None:
                continue
            acronym = alias.group(1)
            if not is_acronym(acronym):
                continue
            if m.type == "organisation" or initials_fit(acronym, m.text):
                m.declared.append(acronym)
                if m.type == "other" and m.strength < 2:
                    m.type, m.strength = "organisation", 2  # people have no acronyms


def _lower_words(text: str) -> set[str]:
    """The words that `_LOWER_WORD` finds in the text (after a space put before it).

    Such a word cannot hold a space, so each of the text's tokens is looked at alone, and only
    once; those in ASCII by `str` methods, faster than the regex (and the same words)."""
    if text.isascii():
        return _ascii_lower_words(text)
    tokens = set(text.split())
    words = _ascii_lower_words(" ".join([t for t in tokens if t.isascii()]))
    for token in tokens:
        if not token.isascii():
            words.update(_LOWER_WORD.findall(" " + token))
    return words


def _ascii_lower_words(text: str) -> set[str]:
    """`_lower_words` of an ASCII text. A word starts a token of the text mapped to its
    characters' kinds (after a separator), and runs over letters and apostrophes up to its
    last letter: "don't", "dogs" of "dogs'", "abc" of "abc-def" (but not "def")."""
    kinds = text.encode("ascii").translate(_ASCII_KINDS).decode("ascii")
    tokens = set(kinds.split())
    words = set(filter(str.isalpha, tokens))  # the common case: a word alone
    tokens -= words
    for token in tokens:
        if "a" <= token[0] <= "z":
            word = token.split("#", 1)[0].rstrip("'")
            if len(word) > 1:
                words.add(word)
    words.difference_update(_SINGLE_LETTERS)  # a word has two letters at least
    return words


def _lines(text: str) -> list[tuple[int, int, str]]:
    """The text's lines that are not empty, as (start, end, line): the matches of `[^\n]+`, from
    one `str.split` (a regex looks at every character in turn, several times slower)."""
    out: list[tuple[int, int, str]] = []
    at = 0
    for line in text.split("\n"):
        if line:
            out.append((at, at + len(line), line))
        at += len(line) + 1
    return out


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones merged, so that one look-up finds any overlap."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _paren_openers(text: str) -> set[int]:
    """Where `_PAREN` can match: at a "(" or at the spaces or tabs right before one."""
    out: set[int] = set()
    at = text.find("(")
    while at >= 0:
        out.add(at)
        before = at
        while before > 0 and text[before - 1] in " \t\u00a0":
            before -= 1
            out.add(before)
        at = text.find("(", at + 1)
    return out


# Words after which a lone capitalised word is a place: "in Caldmoor", "near Bramholt".
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|around|outside|across|throughout|towards?)\s$")


def _after_locative(text: str, start: int, end: int) -> bool:
    """A lone name right after "in", "near", "outside" that no possessive follows ("in
    Brask's view" is a person's)."""
    if " " in text[start:end] or text[end : end + 2] in ("'s", "’s"):
        return False
    return _LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None


def _headline_lines(lines: list[tuple[int, int, str]], lex: Lexicon) -> list[tuple[int, int]]:
    """Lines in Title Case (headlines, bylines, tag lists): capitalisation says little there.
    `lines` are the text's lines as (start, end, line)."""
    out: list[tuple[int, int]] = []
    if sum(1 for _, _, s in lines if not s.isspace()) < 2:
        return out  # no body to compare a headline with
    for start, end, s in lines:
        last = s.rstrip()[-1:]  # (`\s` and `str.rstrip` strip the same spaces)
        if last in ".!?":
            continue  # a paragraph, the common case: it ends as a sentence, and no tag list does
        if s.count(",") >= 3 and _tag_list(s):
            out.append((start, end))
            continue
        # A line that ends as a sentence does.
        if len(s) > 300 or last in _HEADLINE_END_CHARS:
            continue
        words = [w for w in _HEADLINE_WORDS.split(s) if w[:1].isalpha()]
        content = [w for w in words if w.lower() not in lex.stopwords]
        if len(content) < 2:
            continue
        capital = sum(1 for w in content if w[0].isupper())
        if capital == len(content) or (len(content) >= 6 and capital >= len(content) - 1):
            out.append((start, end))
    return out


def _tag_list(line: str) -> bool:
    """A web page's list of tags or categories: "Human Rights,Kenya,Jane Doe,WHO"."""
    if line.rstrip().endswith((".", "!", "?")):
        return False  # the last item ends a sentence: a paragraph, the common case
    items = [i.strip() for i in line.split(",")]
    if any(len(i.split()) > 8 or i.endswith((".", "!", "?")) for i in items):
        return False
    capital = sum(1 for i in items if i[:1].isupper() or i[:1].isdigit())
    return capital >= 0.6 * len(items)


def _is_name_part(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 6 and all(
        w[:1].isupper() or w.lower() in NAME_PARTICLES or w.lower() in _OF_WORDS or "-" in w
        for w in words
    )


def _possessive(word: str) -> bool:
    ending = possessive_ending(word)
    return ending == 1 or (ending == 2 and len(word) > 3)
