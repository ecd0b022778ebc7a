"""Proper names in English prose, with the fullest form each entity takes in its document.

How a name is found:

1. One precompiled regex finds runs of capitalised tokens, joined by spaces and by the small words
   names contain ("of", "for", "de", "bin", "al-"): "National Council of Resistance of Iran",
   "Nouri al-Maliki", "Ban Ki-moon", "U.N. Security Council".
2. Each run is cut where a joining word is not part of a name ("of" joins only after an
   organisation, place or title word: "Ministry of Justice" but not "Terzi of Italy"), loses
   leading function words ("The", "In"), and sets its titles aside: "Prime Minister Nouri
   al-Maliki" gives the name "Nouri al-Maliki", person. The span never includes the title.
3. A run that is only a sentence-initial ordinary word ("Speaking"), a month, a demonym
   ("Iranian") or common nouns ("Human Rights") is not a name. In Title Case headlines and tag
   lists, only forms that the body of the document also uses are kept.

How mentions become entities within the document (`canonical`): aliases declared in parentheses
("World Health Organization (WHO)", "(PMOI/MEK)", "(PMOI, Mujahedin-e Khalq or MEK)"), acronyms
whose letters fit a long form of the document, gazetteer aliases ("UN" -> "United Nations"), a
surname alone ("Mrs. Rajavi") -> the full name, unless two people share it, in which case the
nearest full mention before it wins, or none; and "Ashraf" -> "Camp Ashraf".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from xrefviewer.core.model import NameSpan, NameType
from xrefviewer.core.name_keys import (
    SKIPPABLE,
    acronym_key,
    initials_variants,
    name_key,
    name_tokens,
    soft,
)
from xrefviewer.core.name_lexicon import Lexicon, lexicon


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
_PREFIX = r"(?:(?:al|el|ul|ad|as|ash|an|at|az|ar|ibn|bin|abu|d|l|o|mc)[-'’])"
_ABBREVIATED = "Mr|Mrs|Ms|Dr|Prof|Gen|Col|Capt|Lt|Sgt|Sen|Rep|Gov|Rev|Hon|St|Mt|Ft|Messrs|Mme|Adm|Cmdr|Maj|Brig"
# Order matters: "U.S." and "F." and "Mr." must be tried before the plain word "U", "F", "Mr".
_WORD = (
    rf"(?:(?:{_UP}\.){{2,}}|(?:{_UP}|{_ABBREVIATED})\.(?=[ \t\u00a0]+{_UP})"
    rf"|{_PREFIX}?{_UP}{_LETTER}*(?:[-'’]{_LETTER}+)*)"
)
_JOINERS = (
    "of|for|on|and|&|the|de|da|di|du|des|del|della|der|den|van|von|la|le|bin|ibn|bint|ben|abu|y|e"
)
_GAP = rf"[ \t\u00a0]+(?:(?:{_JOINERS})[ \t\u00a0]+){{0,3}}"
_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:{_GAP}{_WORD})*")
_TOKEN = re.compile(_WORD)
_PAREN = re.compile(r"[ \t\u00a0]*\(([^()\n]{1,120})\)")
_PAREN_SPLIT = re.compile(r"\s*(?:/|,|;|\bor\b|\balso known as\b|\baka\b|\ba\.k\.a\.)\s*")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]*[A-Z0-9](?:-[A-Z0-9]+)?|[A-Z]{2,}s")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’]*[a-z]")
_INITIAL_BEFORE = re.compile(r"(?:^|[.!?:;…]|\n)[\s\"“”‘’'(\[*•–—-]*$")
_HEADLINE_END = re.compile(r"[.!?:;,\"”’)]\s*$")
_LINE = re.compile(r"[^\n]+")
_LOWER_CHAR = re.compile(r"[a-z]")
_MAX_NAME_WORDS = 8
_SAID_AFTER = re.compile(
    r",?[ \t]+(?:said|says|told|added|wrote|stated|explained|noted|argued|insisted|recalled)\b"
)
_POSSESSIVE_OR_STOP = re.compile(r"['’]s\b|\.")
_NAME_PARTICLES = frozenset(_JOINERS.split("|")) - {"of", "for", "on", "and", "&", "the"}
_OF_WORDS = frozenset({"of", "for", "on"})
# Endings of English words that are rarely names: a capitalised one at a sentence start or in a
# headline ("Speaking", "Establishment", "Reporters") is that word.
_WORD_SUFFIXES = (
    "ing", "ly", "tion", "sion", "ment", "ments", "ness", "ity", "ance", "ence", "ers", "ors",
    "ies", "ous", "ive", "ful", "less", "ism", "ists", "ations", "ings",
)  # fmt: skip
# Abstract nouns: a name hardly ever ends so, even in the middle of a sentence.
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ments", "ness", "ations", "isms")
# Possessives that belong inside a name: "People's Mojahedin", "Children's Fund". Any other
# possessive ends a name: "Iraq's Supreme Judicial Council" is two names.
_POSSESSIVE_IN_NAMES = frozenset(
    {"people", "peoples", "children", "women", "men", "workers", "veterans", "farmers", "mothers",
     "martyrs", "prisoners", "students", "teachers", "doctors", "lawyers", "journalists",
     "citizens", "nations", "reporters", "writers", "st", "saint", "king", "queen"}
)  # fmt: skip
# Words after which "of" still belongs to a name besides organisation and place words.
_OF_HEADS = frozenset(
    re.split(
        r"\s+",
        "republic kingdom emirate emirates sultanate state states islands isle bank university "
        "gulf bay strait cape sea lake city province people peoples friends memorandum "
        "convention declaration charter treaty plan act protocol statute code covenant "
        "agreement resolution accord pact rights",
    )
)


_RunKey = tuple[str, bool, bool, bool, tuple[bool, ...]]
_RUN_MEMO: dict[_RunKey, tuple[_Found, ...]] = {}
_RUN_MEMO_LIMIT = 200_000


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


@dataclass(slots=True)
class _Mention:
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


def extract_names(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[NameSpan]:
    """Proper names in `text`, non-overlapping and sorted, none overlapping `exclude`."""
    lex = lexicon()
    doc = _Doc(text, lex, exclude)
    mentions = doc.find()
    if not mentions:
        return []
    return _Resolver(mentions, lex).resolve()


class _Doc:
    """One pass over a document's capitalised runs."""

    def __init__(self, text: str, lex: Lexicon, exclude: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.lex = lex
        self.excluded = sorted(exclude)
        self.excluded_starts = [s for s, _ in self.excluded]
        self._vocabulary: set[str] | None = None
        self.headlines = _headline_lines(text, lex)
        self.headline_starts = [s for s, _ in self.headlines]
        self.shouting = [
            line.span()
            for line in _LINE.finditer(text)
            if len(line.group()) > 12 and _LOWER_CHAR.search(line.group()) is None
        ]
        self.shouting_starts = [s for s, _ in self.shouting]

    @property
    def vocabulary(self) -> set[str]:
        """Words the document writes in lower case: a capitalised one of them opening a sentence
        is an ordinary word ("Speaking", "Survivors"), not a name."""
        if self._vocabulary is None:
            self._vocabulary = set(_LOWER_WORD.findall(self.text))
        return self._vocabulary

    def find(self) -> list[_Mention]:
        out: list[_Mention] = []
        text = self.text
        # The same run in the same surroundings always gives the same mentions: news repeats
        # its names, and a memo shared by all documents (`_memo_run`) keeps extraction fast.
        # The surroundings: whether it opens a sentence, headline or capitals, and which of
        # its words this document also writes in lower case.
        if len(_RUN_MEMO) > _RUN_MEMO_LIMIT:
            _RUN_MEMO.clear()
        excluded = self.excluded
        stopwords, calendar = self.lex.stopwords, self.lex.calendar
        for run in _RUN.finditer(text):
            word = run.group()
            if (
                " " not in word
                and (word.lower() in stopwords or word.lower() in calendar)
                and not _is_acronym(word)
            ):
                continue  # "The", "In", "However", "March": a third of all runs
            start, end = run.span()
            if excluded and self._overlaps_excluded(start, end):
                for a, b in self._free_parts(start, end):
                    self._memo_run(a, b, out)
            else:
                self._memo_run(start, end, out)
        self._declarations(out)
        return out

    def _memo_run(self, start: int, end: int, out: list[_Mention]) -> None:
        text = self.text
        word = text[start:end]
        shouting = self._shouting(start)
        weak = shouting or self._in_headline(start)
        lowered = _POSSESSIVE_OR_STOP.sub("", word.lower())
        in_vocabulary = tuple(map(self.vocabulary.__contains__, lowered.split()))
        # Whether a piece of the run opens a sentence depends on the text before the run
        # only for the run's first word: later pieces have a word of the run before them.
        initial = self._sentence_initial(start)
        key = (word, initial, weak, shouting, in_vocabulary)
        found = _RUN_MEMO.get(key)
        if found is None:
            found = _RUN_MEMO[key] = tuple(
                _Found(m.start - start, m.end - start, m.type, m.strength, m.acronym,
                       m.titled, m.weak, m.gender)
                for m in self._run(start, end, weak, shouting)
            )  # fmt: skip
        for f in found:
            a, b = start + f.start, start + f.end
            m = _Mention(a, b, text[a:b], f.type, f.strength, f.acronym, f.titled, f.weak)
            m.gender = f.gender
            if f.type == "other" and " " in m.text and _SAID_AFTER.match(text, b):
                # "Anouk Verhaegen said": a name of several words that speaks is a person.
                m.type, m.strength = "person", 1
            out.append(m)

    def _free_parts(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of a run between the excluded spans (dates) that cut it."""
        parts: list[tuple[int, int]] = []
        first = last = -1
        for token in _TOKEN.finditer(self.text, start, end):
            a, b = token.span()
            if self._overlaps_excluded(a, b):
                if first >= 0:
                    parts.append((first, last))
                first = -1
                continue
            if first < 0:
                first = a
            last = b
        if first >= 0:
            parts.append((first, last))
        return parts

    def _run(self, start: int, end: int, weak: bool, shouting: bool = False) -> list[_Mention]:
        out: list[_Mention] = []
        self.pending = out  # what `_mention` finds on the side ("IRGC" of "IRGC General X")
        self._run_into(start, end, weak, out)
        if shouting:
            # In capitals, the shape of a word says nothing: only what is known elsewhere counts.
            for m in out:
                if m.strength < 3:
                    m.strength = 0
        return out

    def _run_into(self, start: int, end: int, weak: bool, out: list[_Mention]) -> None:
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
                out.append(_Mention(a, b, text[a:b], kind, 3, False, False, weak))
                self._run_into(phrase.end(), end, weak, out)
                return
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        if self.excluded:
            tokens = self._drop_excluded(tokens)
        for piece in self._split(tokens):
            mention = self._mention(piece, weak)
            if mention is not None:
                out.append(mention)

    def _org_follows(self, offset: int, end: int) -> bool:
        """ "New York Times": an organisation named after the place that starts its name."""
        after = _TOKEN.match(self.text, offset + 1, end)
        return (
            after is not None
            and self.text[offset] == " "
            and _bare(after.group()) in self.lex.org_words
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
            ) and not _is_acronym(word):
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
            # "Iraq's Supreme Judicial Council": a possessive place or person ends its own name.
            current.append((s, e))
            if _possessive(word) and self._possessive_ends_name(word):
                pieces.append(current)
                current, joined_of = [], False
        if current:
            pieces.append(current)
        return [part for piece in pieces for part in self._split_and(piece)]

    def _split_and(self, piece: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """ "Ministry of Information and Security" is one name, but "Ministry of Intelligence
        and Qods Force" is two: what follows "and" must not have an organisation word of its own.
        """
        text, org_words = self.text, self.lex.org_words
        if len(piece) < 2:
            return [piece]
        run = text[piece[0][0] : piece[-1][1]]
        if " and " not in run and "&" not in run:
            return [piece]
        parts: list[list[tuple[int, int]]] = []
        while len(piece) >= 2:
            k = next(
                (
                    k
                    for k in range(len(piece) - 1, 0, -1)
                    if {"and", "&"} & set(text[piece[k - 1][1] : piece[k][0]].split())
                ),
                0,
            )
            if not k or not any(_bare(text[s:e]) in org_words for s, e in piece[k:]):
                break
            parts.append(piece[k:])
            piece = piece[:k]
        parts.append(piece)
        return parts[::-1]

    def _gap_ok(
        self, gap: list[str], current: list[tuple[int, int]], joined_of: bool
    ) -> tuple[bool, bool]:
        lex = self.lex
        words = [g.lower() for g in gap]
        if all(w in _NAME_PARTICLES for w in words):
            return True, joined_of
        first = words[0]
        rest = words[1:]
        if first in _OF_WORDS and all(w == "the" for w in rest):
            # Only the word right before "of" decides: "Bank of England", "Secretary of State",
            # but not "Dr. Ilse Brandt of the Council".
            head = _bare(self.text[current[-1][0] : current[-1][1]])
            if (
                joined_of
                or head in lex.org_words
                or head in lex.place_words
                or head in _OF_HEADS
                or head in lex.titles
            ):
                return True, True
            return False, False
        if first in {"and", "&"} and not rest and joined_of:
            return True, True
        return False, False

    def _possessive_ends_name(self, word: str) -> bool:
        return word[:-2].lower() not in _POSSESSIVE_IN_NAMES

    def _mention(self, piece: list[tuple[int, int]], weak: bool) -> _Mention | None:
        text, lex = self.text, self.lex
        words = [text[s:e] for s, e in piece]
        lowers = [_bare(w) for w in words]
        shed = 0
        while shed < len(words) - 1 and len(lowers[shed]) > 3 and lowers[shed] in lex.calendar:
            shed += 1  # "Friday Ali Reza said": the weekday is a date; "Jan Kowalski" stays.
        if shed:
            piece, words, lowers = piece[shed:], words[shed:], lowers[shed:]
        split = self._title_inside(piece, lowers)
        if split:
            # "Senate Majority Leader Chuck Schumer": the body, then the titled person.
            head = self._mention(piece[:split], weak)
            if head is not None:
                self.pending.append(head)
            return self._mention(piece[split:], weak)
        # Leading words that only qualify a title ("Former Italian Foreign Minister Giulio Terzi").
        cut, titled, found_title, gender = len(words), False, False, ""
        for i, w in enumerate(lowers):
            if _is_title(w, lex):
                found_title = True
            elif not (
                w.replace(".", "") in lex.title_modifiers
                or w in lex.demonyms
                or (i == 0 and _is_acronym(words[0]))  # "UN Special Rapporteur", "IRGC General"
            ):
                cut = i
                break
        if found_title:
            if cut >= len(words):
                # Only a title ("the Prime Minister"), perhaps of a body: "UN Secretary-General".
                if _is_acronym(words[0]) and not _is_title(lowers[0], lex):
                    return self._mention(piece[:1], weak)
                return None
            if lowers[cut] in lex.org_words or lowers[cut] in lex.place_words:
                # "General Assembly", "Justice Department" are no titles; but in "President of
                # UN Special Court" the title ends at "of" and an organisation follows.
                joined = [
                    k
                    for k in range(1, cut)
                    if text[piece[k - 1][1] : piece[k][0]].strip() and _is_title(lowers[k - 1], lex)
                ]
                cut = joined[0] if joined else 0
                found_title = bool(joined)
            if found_title:
                # "Foreign Minister of Italy": the title governs a place, it does not name it.
                titled = text[piece[cut - 1][1] : piece[cut][0]].strip() == ""
                gender = next(
                    (lex.title_gender[w] for w in lowers[:cut] if w in lex.title_gender), ""
                )
                if _is_acronym(words[0]) and not _is_title(lowers[0], lex):
                    head = self._mention(piece[:1], weak)
                    if head is not None:
                        self.pending.append(head)
                piece, words, lowers = piece[cut:], words[cut:], lowers[cut:]
        elif (
            len(words) > 1
            and _is_title(lowers[-1], lex)
            and lowers[-1] not in lex.org_words
            and not text[piece[-2][1] : piece[-1][0]].strip()  # "Ministry of Justice" stays
        ):
            # "National Security Advisor", "European Parliament Vice President": a post, named
            # after what it belongs to. What it belongs to may be a name.
            k = len(words) - 1
            while k > 0 and (_is_title(lowers[k - 1], lex) or lowers[k - 1] in lex.title_modifiers):
                k -= 1
            return self._mention(piece[:k], weak) if k > 0 else None
        start, end = piece[0][0], piece[-1][1]
        if words[-1].endswith(("'s", "’s")):
            end -= 2
            words[-1] = words[-1][:-2]
        elif words[-1].endswith(".") and not _is_acronym(words[-1]) and len(words[-1]) > 2:
            end -= 1
        if end <= start:
            return None
        name = text[start:end]
        acronym = len(words) == 1 and _is_acronym(words[0])
        known = lex.known(name, acronym)
        if known is not None:
            return _Mention(start, end, name, known.type, 3, acronym, titled, weak)
        if acronym:
            if self._shouting(start) or acronym_key(name) in lex.common_acronyms:
                return None
            if name_key(name) in lex.places:  # "WASHINGTON (Reuters) -": a dateline
                return _Mention(start, end, name, "place", 3, False, titled, weak)
            return _Mention(start, end, name, "organisation", 1, True, titled, weak)
        key = name_key(name)
        if key in lex.places:
            return _Mention(start, end, name, "place", 3, False, titled, weak)
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
            if not titled and w in self.vocabulary:
                # A word the text also writes in lower case: at a sentence start, in a headline
                # or in capitals it is that word; elsewhere ("the Regime", "Liberty") it is a
                # name only if it names something the document names in full.
                if initial or weak or self._shouting(start):
                    return None
                weak = True
        if not any(w in lex.org_words for w in lowers) and all(
            w in lex.common or w in lex.demonyms or w in lex.stopwords or w in lex.calendar
            for w in lowers
        ):
            return None
        kind, strength = self._type(lowers, titled)
        if (
            len(words) > 1
            and self._sentence_initial(start)
            and lowers[0] in self.vocabulary
            and lowers[0] not in lex.given_gender  # "Said Mansour", "Will Smith"
            and kind in ("person", "other")
        ):
            # "Survivors Ali Reza ..." is rare; "Western Europe" keeps its place, "Speaking
            # Monday" never gets here. A sentence-initial ordinary word is shed.
            rest = piece[1:]
            return self._mention(rest, weak) if rest else None
        mention = _Mention(start, end, name, kind, strength, False, titled, weak)
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
            if not _is_title(lowers[t], lex):
                continue
            after = lowers[t + 1 :]
            if (
                len(after) > 4
                or text[piece[t][1] : piece[t + 1][0]].strip()
                or any(
                    _is_title(w, lex) or w in lex.org_words or w in lex.place_words for w in after
                )
            ):
                return 0
            h = t
            while h > 0 and (
                _is_title(lowers[h - 1], lex)
                or lowers[h - 1] in lex.title_modifiers
                or lowers[h - 1] in lex.demonyms
            ):
                if h - 1 > 0 and text[piece[h - 2][1] : piece[h - 1][0]].strip():
                    break  # "Ministry of Justice": joined by "of", it names the body
                h -= 1
            return h
        return 0

    def _type(self, lowers: list[str], titled: bool) -> tuple[NameType, int]:
        lex = self.lex
        if lowers[-1] in lex.org_words:
            return "organisation", 2
        if lowers[0] in lex.place_words or lowers[-1] in lex.place_words:
            return "place", 2
        if any(w in lex.org_words for w in lowers):
            return "organisation", 2
        if titled:
            return "person", 2
        content = [w for w in lowers if w not in _NAME_PARTICLES]
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
        if start >= 2:
            before = self.text[start - 2 : start]
            if before[1] == " " and (before[0].isalnum() or before[0] == ","):
                return False  # the common case, "... met Ali": no regex needed
        return bool(_INITIAL_BEFORE.search(self.text, max(0, start - 8), start))

    def _declarations(self, mentions: list[_Mention]) -> None:
        """Aliases declared in parentheses right after a name."""
        text, lex = self.text, self.lex
        by_start = {m.start: m for m in mentions}
        for m in mentions:
            paren = _PAREN.match(text, m.end)
            if paren is None:
                continue
            parts = [p.strip(" \"'“”‘’") for p in _PAREN_SPLIT.split(paren.group(1))]
            parts = [p for p in parts if p]
            if not parts or not all(_is_acronym(p) or _is_name_part(p) for p in parts):
                continue
            own = lex.known(m.text, m.acronym)
            if any((k := lex.known(p, _is_acronym(p))) is not None and k != own for p in parts):
                continue  # "Said Mansour (Reuters)": another entity the gazetteer knows
            inner = [p for p in parts if not _is_acronym(p)]
            fits = any(
                _is_acronym(p) and any(_initials_fit(p, form) for form in [m.text, *inner])
                for p in parts
            )
            if not fits and (m.type in ("person", "place") or (m.strength >= 3 and not m.acronym)):
                continue
            if not fits and len(m.text.split()) == 1 and not m.acronym:
                continue
            m.declared.extend(parts)
            if fits and m.type in ("person", "other") and m.strength < 2:
                m.type, m.strength = "organisation", 2  # people have no acronyms
            # The forms inside the parentheses are mentions of the same entity.
            inside = paren.start(1)
            for later in range(inside, paren.end(1)):
                other = by_start.get(later)
                if other is not None:
                    other.weak = False


def _headline_lines(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Lines in Title Case (headlines, bylines, tag lists): capitalisation says little there."""
    out: list[tuple[int, int]] = []
    lines = list(_LINE.finditer(text))
    if sum(1 for line in lines if not line.group().isspace()) < 2:
        return out  # no body to compare a headline with
    for line in lines:
        s = line.group()
        if s.count(",") >= 3 and _tag_list(s):
            out.append(line.span())
            continue
        if len(s) > 300 or _HEADLINE_END.search(s):
            continue
        words = [w for w in re.split(r"[\s,|/]+", s) if w[:1].isalpha()]
        content = [w for w in words if w.lower() not in lex.stopwords]
        if len(content) < 2:
            continue
        capital = sum(1 for w in content if w[0].isupper())
        if capital == len(content) or (len(content) >= 6 and capital >= len(content) - 1):
            out.append(line.span())
    return out


def _is_title(word: str, lex: Lexicon) -> bool:
    return word in lex.titles or word.replace("-elect", "") in lex.titles


def _tag_list(line: str) -> bool:
    """ "Human Rights,Iran,Maryam Rajavi,MEK": a web page's list of tags or categories."""
    items = [i.strip() for i in line.split(",")]
    if any(len(i.split()) > 8 or i.endswith((".", "!", "?")) for i in items):
        return False
    capital = sum(1 for i in items if i[:1].isupper() or i[:1].isdigit())
    return capital >= 0.6 * len(items)


def _bare(word: str) -> str:
    """Lower case without a final full stop or possessive: for looking a word up in the lists."""
    word = word.lower().rstrip(".")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def _is_name_part(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 6 and all(
        w[:1].isupper() or w.lower() in _NAME_PARTICLES or w.lower() in _OF_WORDS or "-" in w
        for w in words
    )


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s")) and len(word) > 3


def _initials_fit(acronym: str, long_form: str) -> bool:
    """The acronym's letters are the initials of the long form's words, in order; small words
    ("of", "the", "and") and particles may be skipped, and a word may give two letters."""
    letters = acronym_key(acronym).lower()
    letters = letters[:-1] if acronym.endswith("s") and not acronym.isupper() else letters
    words = [w for w in re.split(r"[\s\-]+", long_form) if w]
    if len(letters) < 2 or len(words) < 2:
        return False
    initials = [w[0].lower() for w in words]
    optional = [w.lower() in SKIPPABLE for w in words]
    return _fit(letters, 0, words, initials, optional, 0)


def _fit(
    letters: str, i: int, words: list[str], initials: list[str], optional: list[bool], j: int
) -> bool:
    if i == len(letters):
        return all(optional[j:])
    if j == len(words):
        return False
    if initials[j] == letters[i]:
        # the word gives its initial, or its first two letters ("Mojahedin" -> "MO"? rarely)
        if _fit(letters, i + 1, words, initials, optional, j + 1):
            return True
        w = words[j].lower()
        if (
            i + 1 < len(letters)
            and len(w) > 1
            and w[1] == letters[i + 1]
            and _fit(letters, i + 2, words, initials, optional, j + 1)
        ):
            return True
    return optional[j] and _fit(letters, i, words, initials, optional, j + 1)


class _Resolver:
    """Groups a document's mentions into entities and names each by its fullest form."""

    def __init__(self, mentions: list[_Mention], lex: Lexicon) -> None:
        self.mentions = mentions
        self.lex = lex
        self.parent: dict[str, str] = {}
        self.linked: set[str] = set()
        self.genders: dict[str, str] = {}  # person group root -> "m" or "f"
        for m in mentions:
            m.key = ("A:" + acronym_key(m.text)) if m.acronym else ("N:" + name_key(m.text))

    def find(self, key: str) -> str:
        parent = self.parent
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while key != root:
            parent[key], key = root, parent.get(key, key)
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        self.linked.update((a, b))
        if ra != rb:
            self.parent[rb] = ra

    def resolve(self) -> list[NameSpan]:
        lex = self.lex
        mentions = self.mentions
        for m in mentions:
            known = lex.known(m.text, m.acronym)
            if known is not None:
                self.union("G:" + known.id, m.key)
            for alias in m.declared:
                alias_key = (
                    "A:" + acronym_key(alias) if _is_acronym(alias) else "N:" + name_key(alias)
                )
                self.union(m.key, alias_key)
        strong = [m for m in mentions if not m.weak]
        self._acronyms_by_initials(strong, mentions)
        self._places_by_core(strong, mentions)
        self._persons_by_subsequence(strong)
        self._truncated_organisations(strong)
        self.groups = groups = self._groups(strong)
        self.surnames = self._surname_index(strong, groups)
        out: list[NameSpan] = []
        for m in mentions:
            group = self._group_of(m)
            if group is None and m.weak:
                parts = self._weak_parts(m)
                if parts:
                    out.extend(parts)
                    continue
                group = self._group_of(m, by_shape=True)
            if group is not None:
                out.append(_span(m, group))
        return _non_overlapping(out)

    def _group_of(self, m: _Mention, by_shape: bool = False) -> _Group | None:
        group = self.groups.get(self.find(m.key))
        if group is None or (len(group.forms) == 1 and not m.acronym and " " not in m.text):
            surname = self._surname(m, self.surnames, self.groups)
            if surname is not None:
                return surname
        if group is None and m.weak:
            # In a headline, what the gazetteer knows is still a name, and so is what has the
            # shape of a person's or an organisation's name; Title Case words are not.
            known = self.lex.known(m.text, m.acronym)
            if known is not None or (by_shape and m.type != "other" and m.strength >= 1):
                group = _Group(m.text)
                group.add(m)
                group.finish()
                if known is not None:
                    group.canonical, group.type = known.label, known.type
        return group

    def _weak_parts(self, m: _Mention) -> list[NameSpan]:
        """The known names inside a headline run: "Iran Regime Accountable" -> "Iran"."""
        tokens = [t.span() for t in _TOKEN.finditer(m.text)]
        out: list[NameSpan] = []
        i = 0
        while i < len(tokens):
            # A name has a few words: windows longer than that are only slower, not better.
            for j in range(min(len(tokens), i + _MAX_NAME_WORDS), i, -1):
                if i == 0 and j == len(tokens):
                    continue
                a, b = tokens[i][0], tokens[j - 1][1]
                sub_text = m.text[a:b]
                acronym = j - i == 1 and _is_acronym(sub_text)
                sub = _Mention(m.start + a, m.start + b, sub_text, "other", 0, acronym, weak=True)
                sub.key = ("A:" + acronym_key(sub_text)) if acronym else ("N:" + name_key(sub_text))
                if name_key(sub_text) in self.lex.places:
                    sub.type, sub.strength = "place", 3
                group = self._group_of(sub)
                if group is not None:
                    out.append(_span(sub, group))
                    i = j
                    break
            else:
                i += 1
        return out

    def _truncated_organisations(self, mentions: list[_Mention]) -> None:
        """Short forms of an organisation's name: "People's Mojahedin" and "Security Council"
        stand for the one organisation of the document whose name holds them ("People's
        Mojahedin Organization of Iran", "UN Security Council"); a short form ending in its own
        organisation word at the same start ("National Council") may be another body."""
        org_words = self.lex.org_words
        longer: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for m in mentions:
            if m.type == "organisation" and not m.acronym:
                tokens = name_tokens(m.text)
                if len(tokens) >= 3:
                    for t in set(tokens):
                        longer.setdefault(t, []).append((tokens, m.key))
        for m in mentions:
            if m.acronym or m.type == "person" or m.strength >= 3 or m.key in self.linked:
                continue
            short = name_tokens(m.text)
            if len(short) < 2:
                continue
            roots = set()
            for tokens, key in longer.get(short[0], ()):
                at = _find_run(short, tokens)
                if at < 0 or len(tokens) == len(short):
                    continue
                if at == 0 and short[-1] in org_words:
                    continue
                roots.add(self.find(key))
            if len(roots) == 1:
                self.union(roots.pop(), m.key)

    def _acronyms_by_initials(self, strong: list[_Mention], mentions: list[_Mention]) -> None:
        """An acronym nobody declared still names the long form whose initials it spells."""
        # Index each long form by the initials it can spell (small words in or out), so that
        # an acronym finds its long form in one look-up rather than by trying them all.
        lonely = [m for m in mentions if m.acronym and m.key not in self.linked]
        if not lonely:
            return
        by_initials: dict[str, set[str]] = {}
        seen: set[str] = set()
        for m in strong:
            if not m.acronym and m.type != "person" and " " in m.text and m.key not in seen:
                seen.add(m.key)
                for initials in initials_variants(m.text):
                    by_initials.setdefault(initials, set()).add(m.key)
        if not by_initials:
            return
        for m in lonely:
            keys = by_initials.get(acronym_key(m.text).lower(), ())
            fits = {self.find(k) for k in keys}
            if len(fits) == 1:
                self.union(fits.pop(), m.key)

    def _places_by_core(self, strong: list[_Mention], mentions: list[_Mention]) -> None:
        """One place under "Camp Ashraf", "Ashraf Camp" and a bare "Ashraf" in one document."""
        place_words = self.lex.variant_place_words
        bare_keys = {m.key for m in mentions if m.type != "person"}
        cores: dict[str, set[str]] = {}
        for m in strong:
            if m.type == "place" and not m.acronym:
                tokens = name_tokens(m.text)
                core = tuple(sorted(soft(t) for t in tokens if t not in place_words))
                if core and len(core) < len(tokens):
                    cores.setdefault(" ".join(core), set()).add(m.key)
        for key_text, keys in cores.items():
            roots = {self.find(k) for k in keys}
            if len(roots) > 1:
                first = roots.pop()
                for r in roots:
                    self.union(first, r)
            bare = "N:" + key_text
            if bare in bare_keys:
                self.union(self.find(next(iter(keys))), bare)

    def _persons_by_subsequence(self, mentions: list[_Mention]) -> None:
        """One person under "Hillary Clinton" and "Hillary Rodham Clinton" when nothing else fits."""
        persons: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
        for m in mentions:
            if m.type == "person":
                tokens = name_tokens(m.text)
                if len(tokens) >= 2:
                    persons.setdefault((tokens[0], tokens[-1]), {})[m.key] = tokens
        for forms in persons.values():
            if len(forms) < 2:
                continue
            longest_key = max(forms, key=lambda k: len(forms[k]))
            longest = forms[longest_key]
            if all(_subsequence(t, longest) for t in forms.values()):
                for k in forms:
                    self.union(longest_key, k)

    def _groups(self, mentions: list[_Mention]) -> dict[str, _Group]:
        groups: dict[str, _Group] = {}
        for m in mentions:
            root = self.find(m.key)
            group = groups.get(root)
            if group is None:
                group = groups[root] = _Group(m.text)
            group.add(m)
            if m.declared:
                # A form that declared aliases is one itself: another document may use it alone.
                group.add_alias(m.text)
            for alias in m.declared:
                group.add_alias(alias)
        for root, group in groups.items():
            group.finish()
            if root.startswith("G:"):
                known = self.lex.by_id[root[2:]]
                group.canonical, group.type, group.strength = known.label, known.type, 3
        return groups

    def _surname_index(
        self, mentions: list[_Mention], groups: dict[str, _Group]
    ) -> dict[str, list[tuple[int, str]]]:
        """Last name -> (offset, group root) of each full mention of a person."""
        index: dict[str, list[tuple[int, str]]] = {}
        for m in mentions:
            if m.type != "person":
                continue
            tokens = name_tokens(m.text)
            root = self.find(m.key)
            if len(tokens) >= 2 and groups[root].type == "person":
                index.setdefault(tokens[-1], []).append((m.start, root))
                gender = m.gender or self.lex.given_gender.get(tokens[0], "")
                if gender:
                    self.genders.setdefault(root, gender)
        return index

    def _surname(
        self, m: _Mention, index: dict[str, list[tuple[int, str]]], groups: dict[str, _Group]
    ) -> _Group | None:
        """A surname alone: the full name of the one person with it, else the nearest before."""
        if m.acronym:
            return None
        tokens = name_tokens(m.text)
        if len(tokens) != 1:
            return None
        full = index.get(tokens[0])
        if not full:
            return None
        if m.gender:
            # "Mrs. Clinton" is not Bill Clinton, when his given name says he is a man.
            full = [(at, root) for at, root in full if self.genders.get(root, m.gender) == m.gender]
            if not full:
                return None
        roots = {root for _, root in full}
        if len(roots) == 1:
            root = roots.pop()
        else:
            i = bisect_left(full, (m.start, "")) - 1
            if i < 0:
                return None
            root = full[i][1]
        return groups[root]


@dataclass(slots=True)
class _Group:
    canonical: str
    type: NameType = "other"
    strength: int = -1
    forms: dict[str, list[int]] = field(default_factory=dict)  # form -> [count, -first, acronym]
    aliases: list[str] = field(default_factory=list)
    alias_tuple: tuple[str, ...] | None = None  # aliases without the canonical, once final

    def add(self, m: _Mention) -> None:
        form = " ".join(m.text.replace("’", "'").split())
        seen = self.forms.get(form)
        if seen is None:
            self.forms[form] = [1, -m.start, int(m.acronym)]
        else:
            seen[0] += 1
        if m.strength > self.strength:
            self.strength, self.type = m.strength, m.type
        if m.acronym:
            self.add_alias(form)

    def finish(self) -> None:
        """The fullest form: written out beats an acronym, more words beat fewer, then the
        form used most often, then the first ("Camp Ashraf" over a single "Camps Ashraf")."""
        if len(self.forms) == 1:
            self.canonical = next(iter(self.forms))
            return
        self.canonical = max(
            self.forms,
            key=lambda f: (not self.forms[f][2], len(f.split()), *self.forms[f][:2]),
        )

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.replace("’", "'").split())
        if alias not in self.aliases:
            self.aliases.append(alias)


def _span(m: _Mention, group: _Group) -> NameSpan:
    if group.alias_tuple is None:
        group.alias_tuple = tuple(a for a in group.aliases if a != group.canonical)
    return NameSpan(m.start, m.end, m.text, group.canonical, group.type, group.alias_tuple)


def _find_run(short: tuple[str, ...], long: tuple[str, ...]) -> int:
    """Where `short` occurs as a contiguous run in `long`, or -1."""
    n = len(short)
    for i in range(len(long) - n + 1):
        if long[i : i + n] == short:
            return i
    return -1


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(t in it for t in short)


def _non_overlapping(spans: list[NameSpan]) -> list[NameSpan]:
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[NameSpan] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out
