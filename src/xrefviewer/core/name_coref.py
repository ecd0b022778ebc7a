"""In-document coreference: a document's name mentions grouped into entities, each named by
its fullest form (`NameSpan.canonical`).

Declared aliases ("(WHO/OMS)") and gazetteer aliases join their long forms; an acronym that
nobody declared joins the one long form whose initials it spells; "Camp X", "X Camp" and "X"
are one place; "Hillary Clinton" is "Hillary Rodham Clinton" when nothing else fits; a short
form of an organisation's name ("Security Council") joins the one long form holding it; and a
surname alone ("Mrs. Clinton") takes the full name of the one person with that surname, else the
nearest full mention before it whose given name does not contradict the honorific, else none.
Headline mentions ("weak") are kept only when they join an entity of the body or the gazetteer.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, fields
from functools import lru_cache
from operator import attrgetter

from xrefviewer.core.model import NameSpan, NameType
from xrefviewer.core.name_keys import acronym_key, initials_variants, name_key, name_tokens, soft
from xrefviewer.core.name_lexicon import Lexicon
from xrefviewer.core.name_shapes import MAX_NAME_WORDS, TOKEN, Candidate, is_acronym


def mention_key(text: str, acronym: bool) -> str:
    """What a mention is joined by: its acronym key or its name key, each marked as such."""
    return ("A:" + acronym_key(text)) if acronym else ("N:" + name_key(text))


@lru_cache(maxsize=4096)
def _alias_key(alias: str) -> str:
    """A declared alias's `mention_key`: "(WHO)" is declared in document after document."""
    return mention_key(alias, is_acronym(alias))


def resolve_mentions(mentions: list[Candidate], lex: Lexicon) -> list[NameSpan]:
    """Name spans for the candidates, each with its entity's canonical form; sorted, and
    non-overlapping."""
    return _Resolver(mentions, lex).resolve()


class _Resolver:
    """Groups a document's mentions into entities and names each by its fullest form."""

    def __init__(self, mentions: list[Candidate], lex: Lexicon) -> None:
        self.mentions = mentions
        self.lex = lex
        self.parent: dict[str, str] = {}
        self.linked: set[str] = set()
        self.genders: dict[str, str] = {}  # person group root -> "m" or "f"
        self.given_names: dict[str, set[str]] = {}  # known given name -> person group roots
        self.gazetteer = False  # whether a mention is the gazetteer's (a "G:" key joined)

    def find(self, key: str) -> str:
        parent = self.parent
        if parent.get(key, key) == key:
            return key  # most keys: never joined to another, or a root
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
        mentions = self.mentions
        known_keys = self.lex.known_keys
        acronyms: list[Candidate] = []
        strong: list[Candidate] = []
        bylines: list[Candidate] = []  # a headline's or byline's persons
        for m in mentions:
            key = m.key
            if not key:  # extraction sets it for the mentions it memoises
                key = m.key = mention_key(m.text, m.acronym)
            known = known_keys.get(key)  # `lex.known`, by the mention's key
            if known is not None:
                self.union("G:" + known.id, key)
                self.gazetteer = True
            for alias in m.declared:
                self.union(key, _alias_key(alias))
            if m.acronym:
                acronyms.append(m)
            if not m.weak:
                strong.append(m)
            elif m.type == "person":
                bylines.append(m)
        # Each step below reads a few kinds of mention only, most of them by their tokens:
        # sorted out and tokenised once, not by every step going over every mention again.
        persons, others = _by_kind(strong)
        self._acronyms_by_initials(others, acronyms)
        self._places_by_core(others, mentions)
        self._persons_by_subsequence(persons)
        self._truncated_organisations(others)
        self._companies_by_first_word(others, strong)
        self.groups = groups = self._groups(strong)
        self.surnames = self._surname_index(persons, groups)
        for m in bylines:
            self._byline_full_name(m)
        out: list[NameSpan] = []
        parent, find = self.parent, self.find
        for m in mentions:
            # `_group_of(m)`, with its common case told here: the mention's own group, when
            # that is no lone word that may be a surname alone.
            key = m.key
            group = groups.get(find(key) if key in parent else key)
            if group is None or (group.one_word and not m.acronym and _may_be_surname(m, group)):
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

    def _group_of(self, m: Candidate, by_shape: bool = False) -> _Group | None:
        key = m.key
        group = self.groups.get(self.find(key) if key in self.parent else key)
        if group is None or _may_be_surname(m, group):
            surname = self._surname(m, self.surnames, self.groups)
            if surname is not None:
                return surname
        if group is None and m.weak:
            # In a headline, what the gazetteer knows is still a name, and so is what has the
            # shape of a person's or an organisation's name; Title Case words are not.
            known = self.lex.known(m.text, m.acronym)
            if known is not None or (by_shape and m.type != "other" and m.strength >= 1):
                group = _Group.of(m)
                group.finish()
                if known is not None:
                    group.canonical, group.type = known.label, known.type
        return group

    def _byline_full_name(self, m: Candidate) -> None:
        """A headline's or byline's "Judge Agnes Linde" is the full name of the body's lone
        "Judge Linde", when the body gives nobody else that surname."""
        if self.groups.get(self.find(m.key)) is not None:
            return
        tokens = name_tokens(m.text)
        if len(tokens) < 2 or tokens[-1] in self.surnames:
            return
        root = self.find(mention_key(m.text.split()[-1], False))
        group = self.groups.get(root)
        if group is None or group.type not in ("person", "other") or root.startswith("G:"):
            return
        if any(" " in form for form in group.forms):
            return
        self.union(root, m.key)
        group.add(m)
        group.finish()
        if not group.gender:
            group.gender = self.lex.given_gender.get(tokens[0], "")

    def _weak_parts(self, m: Candidate) -> list[NameSpan]:
        """The known names inside a headline run: "Iran Regime Accountable" -> "Iran"."""
        tokens = [t.span() for t in TOKEN.finditer(m.text)]
        out: list[NameSpan] = []
        i = 0
        while i < len(tokens):
            # A name has a few words: windows longer than that are only slower, not better.
            for j in range(min(len(tokens), i + MAX_NAME_WORDS), i, -1):
                if i == 0 and j == len(tokens):
                    continue
                a, b = tokens[i][0], tokens[j - 1][1]
                sub_text = m.text[a:b]
                acronym = j - i == 1 and is_acronym(sub_text)
                sub = Candidate(m.start + a, m.start + b, sub_text, "other", 0, acronym, weak=True)
                sub.key = mention_key(sub_text, acronym)
                if name_key(sub_text) in self.lex.places:
                    sub.type, sub.strength = "place", 3
                group = self._group_of(sub)
                if group is None and acronym and len(sub_text) >= 4:
                    # a headline's capitals: "NORVASIA SENDS MEDICS" names the body's Norvasia
                    sub.key, sub.acronym = "N:" + name_key(sub_text), False
                    group = self.groups.get(self.find(sub.key))
                if group is not None:
                    out.append(_span(sub, group))
                    i = j
                    break
            else:
                i += 1
        return out

    def _truncated_organisations(self, others: _Tokened) -> None:
        """Short forms of an organisation's name: "Farmers' Union" and "Security Council"
        stand for the one organisation of the document whose name holds them ("Farmers'
        Union Organisation of Wales", "UN Security Council"); a short form ending in its own
        organisation word at the same start ("National Council") may be another body."""
        org_words = self.lex.org_words
        # The longer names by each of their words: a short form looks up its first.
        longer: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for m, tokens in others:
            if m.type == "organisation" and len(tokens) >= 3:
                for t in tokens:
                    held_by = longer.get(t)
                    if held_by is None:
                        longer[t] = [(tokens, m.key)]
                    else:
                        held_by.append((tokens, m.key))
        if not longer:
            return
        linked, find = self.linked, self.find
        for m, short in others:
            # no short form; but "the Network", "the Commission" may stand for the one body
            # whose name ends so
            if m.strength >= 3 or not (
                len(short) >= 2 or (short and short[0] in org_words and m.text.istitle())
            ):
                continue
            held_by = longer.get(short[0])
            if held_by is None or m.key in linked:
                continue
            roots = set()
            for tokens, key in held_by:
                if len(tokens) <= len(short):
                    continue  # its own name, or one it cannot be a short form of
                at = _find_run(short, tokens)
                if at < 0:
                    continue
                if at == 0 and short[-1] in org_words:
                    continue
                if len(short) == 1 and at != len(tokens) - 1:
                    continue  # a lone organisation word stands for a name it ends
                roots.add(find(key))
            if len(roots) == 1:
                self.union(roots.pop(), m.key)

    def _companies_by_first_word(self, others: _Tokened, strong: list[Candidate]) -> None:
        """ "Tarvik" alone for "Tarvik Shipping Ltd": a company's first word, when the rest
        of its name only says what it does and no other name of the document starts so."""
        company = self.lex.company_words
        # Most documents name no company so: a look at the last word of each name that may be
        # one tells. (Those the step reads first; then, as ever, whether any name's last word
        # is a company word.)
        if not _may_end_as_company(others, company) or not any(
            " " in m.text and _last_word(m.text) in company for m in strong
        ):
            return
        by_first: dict[str, set[str]] = {}
        for m, tokens in others:
            if len(tokens) < 2 or m.type == "place":
                continue
            rest = [w.lower().rstrip(".,") for w in m.text.split()[1:]]
            if rest and all(w in company or w == "&" for w in rest):
                by_first.setdefault(tokens[0], set()).add(m.key)
            else:
                by_first.setdefault(tokens[0], set()).add("")  # another name starts so
        if not by_first:
            return
        for m, tokens in others:
            if m.type != "other" or m.strength >= 2 or " " in m.text.strip():
                continue
            keys = by_first.get(tokens[0]) if len(tokens) == 1 else None
            if not keys or "" in keys:
                continue
            roots = {self.find(k) for k in keys}
            if len(roots) == 1:
                self.union(roots.pop(), m.key)

    def _acronyms_by_initials(self, others: _Tokened, acronyms: list[Candidate]) -> None:
        """An acronym nobody declared still names the long form whose initials it spells."""
        # Index each long form by the initials it can spell (small words in or out), so that
        # an acronym finds its long form in one look-up rather than by trying them all.
        linked = self.linked
        lonely = [m for m in acronyms if m.key not in linked]
        if not lonely:
            return
        # the only initials looked up: an acronym's key is "A:" and its acronym key
        wanted = {m.key[2:].lower() for m in lonely}
        by_initials: dict[str, set[str]] = {}
        without_legal_form = self.lex.without_legal_form
        for m, _ in others:
            if _several_words(m.text):
                # a company's initials leave its legal form out: "Hewlett-Packard Co." is HP
                variants = initials_variants(without_legal_form(m.text) or m.text)
                if not wanted.isdisjoint(variants):  # (mostly it is)
                    for initials in wanted.intersection(variants):
                        by_initials.setdefault(initials, set()).add(m.key)
        if not by_initials:
            return
        for m in lonely:
            keys = by_initials.get(m.key[2:].lower())
            if keys is None:
                continue  # no long form spells it
            fits = {self.find(k) for k in keys}
            if len(fits) == 1:
                self.union(fits.pop(), m.key)

    def _places_by_core(self, others: _Tokened, mentions: list[Candidate]) -> None:
        """One place under "Camp David", "David Camp" and a bare "David" in one document."""
        place_words = self.lex.variant_place_words
        cores: dict[str, set[str]] = {}
        for m, tokens in others:
            if m.type == "place":
                core = _place_core(tokens, place_words)
                if core:
                    keys = cores.get(core)
                    if keys is None:
                        cores[core] = {m.key}
                    else:
                        keys.add(m.key)
        if not cores:
            return
        bare_keys = {m.key for m in mentions if m.type != "person"}
        for key_text, keys in cores.items():
            # (most cores have one place's name: one root, nothing to join)
            roots = {self.find(k) for k in keys} if len(keys) > 1 else keys
            if len(roots) > 1:
                first = roots.pop()
                for r in roots:
                    self.union(first, r)
            bare = "N:" + key_text
            if bare in bare_keys:
                self.union(self.find(next(iter(keys))), bare)

    def _persons_by_subsequence(self, persons: _Tokened) -> None:
        """One person under "Hillary Clinton" and "Hillary Rodham Clinton" when nothing else fits."""
        by_ends: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
        for m, tokens in persons:
            by_ends.setdefault((tokens[0], tokens[-1]), []).append((m.key, tokens))
        for same_ends in by_ends.values():
            if len(same_ends) < 2:
                continue
            forms = dict(same_ends)  # by key, each with its last mention's tokens
            if len(forms) < 2:
                continue
            longest_key = max(forms, key=lambda k: len(forms[k]))
            longest = forms[longest_key]
            if all(_subsequence(t, longest) for t in forms.values()):
                for k in forms:
                    self.union(longest_key, k)

    def _groups(self, mentions: list[Candidate]) -> dict[str, _Group]:
        groups: dict[str, _Group] = {}
        find, parent, group_of_one = self.find, self.parent, _Group.of
        for m in mentions:
            key = m.key
            root = find(key) if key in parent else key  # most keys are their own root
            group = groups.get(root)
            if group is None:
                group = groups[root] = group_of_one(m)
            else:
                group.add(m)
            if m.declared:
                # A form that declared aliases is one itself: another document may use it alone.
                group.add_alias(m.text)
                for alias in m.declared:
                    group.add_alias(alias)
        given_gender = self.lex.given_gender
        known_by_id = self.lex.by_id if self.gazetteer else None  # (else no root is "G:")
        for root, group in groups.items():
            if len(group.forms) > 1:
                group.finish()  # a group of one form already has it as its canonical form
            if known_by_id is not None and root.startswith("G:"):
                known = known_by_id[root[2:]]
                group.canonical, group.type, group.strength = known.label, known.type, 3
            if group.type != "person":
                group.gender = ""
            elif not group.gender and " " in group.canonical:
                group.gender = given_gender.get(name_tokens(group.canonical)[0], "")
        return groups

    def _surname_index(
        self, persons: _Tokened, groups: dict[str, _Group]
    ) -> dict[str, list[tuple[int, str]]]:
        """Last name -> (offset, group root) of each full mention of a person."""
        index: dict[str, list[tuple[int, str]]] = {}
        find, parent = self.find, self.parent
        given_gender, given_names, genders = self.lex.given_gender, self.given_names, self.genders
        family_first = self.lex.family_first
        for m, tokens in persons:
            key = m.key
            root = find(key) if key in parent else key
            if groups[root].type == "person":
                index.setdefault(tokens[-1], []).append((m.start, root))
                if len(tokens) <= 3 and tokens[0] in family_first:
                    index.setdefault(tokens[0], []).append((m.start, root))  # "Xi Jinping"
                given = given_gender.get(tokens[0])  # None: no known given name
                if given is not None:
                    given_names.setdefault(tokens[0], set()).add(root)
                gender = m.gender or given
                if gender:
                    genders.setdefault(root, gender)
        return index

    def _surname(
        self, m: Candidate, index: dict[str, list[tuple[int, str]]], groups: dict[str, _Group]
    ) -> _Group | None:
        """A surname alone: the full name of the one person with it, else the nearest before."""
        if m.acronym:
            return None
        tokens = name_tokens(m.text)
        if len(tokens) != 1:
            return None
        full = index.get(tokens[0])
        if not full:
            # A given name alone ("Hillary said"): the one person of the document with it.
            given = self.given_names.get(tokens[0], set())
            if len(given) == 1 and not m.titled:
                return groups[next(iter(given))]
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


# Strong mentions, each with its `name_tokens`.
_Tokened = list[tuple[Candidate, tuple[str, ...]]]


def _by_kind(strong: list[Candidate]) -> tuple[_Tokened, _Tokened]:
    """The persons of two words or more, and the names written out that are no person's:
    what the steps read, with the tokens they read of each."""
    persons: _Tokened = []
    others: _Tokened = []
    for m in strong:
        if m.type == "person":
            tokens = name_tokens(m.text)
            if len(tokens) >= 2:
                persons.append((m, tokens))
        elif not m.acronym:
            others.append((m, name_tokens(m.text)))
    return persons, others


@dataclass(slots=True)
class _Group:
    canonical: str
    type: NameType = "other"
    strength: int = -1
    forms: dict[str, list[int]] = field(default_factory=dict)  # form -> [count, -first, acronym]
    aliases: list[str] = field(default_factory=list)
    alias_tuple: tuple[str, ...] | None = None  # aliases without the canonical, once final
    gender: str = ""  # of a person: "f" for "Mrs. Clinton", "m" for "Bill Clinton"
    one_word: bool = True  # no form has a space

    @staticmethod
    def of(m: Candidate) -> _Group:
        """A group of one mention: what `add` gives an empty group, built at once (and,
        as most mentions make a group, its slots set here rather than through `__init__`,
        whose call costs more than setting them)."""
        form = _form(m.text)
        group = _new_group(_Group)
        group.canonical = form
        group.type = m.type
        group.strength = m.strength
        group.forms = {form: [1, -m.start, m.acronym]}
        group.aliases = [form] if m.acronym else []
        group.alias_tuple = None
        group.gender = m.gender
        group.one_word = " " not in form
        return group

    def add(self, m: Candidate) -> None:
        form = _form(m.text)
        seen = self.forms.get(form)
        if seen is None:
            self.forms[form] = [1, -m.start, m.acronym]
            if " " in form:
                self.one_word = False
        else:
            seen[0] += 1
        if m.strength > self.strength:
            self.strength, self.type = m.strength, m.type
        if m.gender and not self.gender:
            self.gender = m.gender
        if m.acronym:
            self.add_alias(form)

    def finish(self) -> None:
        """The fullest form: written out beats an acronym, more words beat fewer, then the
        form used most often, then the first ("Camp Zaatari" over a single "Camps Zaatari")."""
        if len(self.forms) == 1:
            self.canonical = next(iter(self.forms))
            return
        # ... and "Kabul" over the "KABUL" of a dateline
        self.canonical = max(
            self.forms,
            key=lambda f: (
                not self.forms[f][2],
                len(f.split()),
                not f.isupper(),
                *self.forms[f][:2],
            ),
        )

    def add_alias(self, alias: str) -> None:
        alias = _form(alias)
        if alias not in self.aliases:
            self.aliases.append(alias)


_new_group = object.__new__
# `_Group.of` sets every field: a new one must be set there too.
_GROUP_FIELDS = (
    "canonical", "type", "strength", "forms", "aliases", "alias_tuple", "gender", "one_word",
)  # fmt: skip
assert tuple(f.name for f in fields(_Group)) == _GROUP_FIELDS, "_Group changed: update _Group.of"


@lru_cache(maxsize=16384)
def _form(text: str) -> str:
    """A form as groups count it: straight apostrophes, single spaces."""
    return " ".join(text.replace("’", "'").split())


# `NameSpan` is frozen: its `__init__` sets each field through `object.__setattr__`, which costs
# a document's name resolution a fifth of its time. Its slots' own setters do the same, cheaper.
_SPAN_FIELDS = ("start", "end", "text", "canonical", "type", "aliases", "gender")
assert tuple(f.name for f in fields(NameSpan)) == _SPAN_FIELDS, "NameSpan changed: update this"
_START, _END = attrgetter("start"), attrgetter("end")
_SET_START, _SET_END, _SET_TEXT, _SET_CANONICAL, _SET_TYPE, _SET_ALIASES, _SET_GENDER = (
    getattr(NameSpan, name).__set__ for name in _SPAN_FIELDS
)


def _span(m: Candidate, group: _Group) -> NameSpan:
    """`NameSpan(m.start, m.end, m.text, group.canonical, group.type, aliases, group.gender)`,
    built without `__init__`."""
    aliases = group.alias_tuple
    if aliases is None:
        forms = group.aliases
        aliases = group.alias_tuple = _other_aliases(forms, group.canonical) if forms else ()
    span = object.__new__(NameSpan)
    _SET_START(span, m.start)
    _SET_END(span, m.end)
    _SET_TEXT(span, m.text)
    _SET_CANONICAL(span, group.canonical)
    _SET_TYPE(span, group.type)
    _SET_ALIASES(span, aliases)
    _SET_GENDER(span, group.gender)
    return span


def _other_aliases(forms: list[str], canonical: str) -> tuple[str, ...]:
    """The aliases but the canonical form: mostly the one an acronym's group has, its own."""
    if len(forms) == 1:
        return () if forms[0] == canonical else (forms[0],)
    return tuple(a for a in forms if a != canonical)


def _may_be_surname(m: Candidate, group: _Group) -> bool:
    """A lone word whose group is a person's or unsure: it may be a surname alone."""
    return (
        not m.acronym
        and " " not in m.text
        and group.type in ("person", "other")
        and group.strength < 3  # "Paris" stays the city even beside a "Jean Paris"
        # one word, however spelt: "Erdogan" and "Erdoğan" are still a surname alone
        and group.one_word
    )


@lru_cache(maxsize=16384)
def _last_word(text: str) -> str:
    """A name's last word as the company words are written: "Ltd." -> "ltd"."""
    return text.rsplit(None, 1)[-1].lower().rstrip(".,")


@lru_cache(maxsize=16384)
def _place_core(tokens: tuple[str, ...], place_words: frozenset[str]) -> str:
    """A place's name without its place words, sorted and soft: "David Camp" -> "david"; ""
    when it has no place word or nothing else."""
    core = sorted(soft(t) for t in tokens if t not in place_words)
    return " ".join(core) if core and len(core) < len(tokens) else ""


def _may_end_as_company(others: _Tokened, company: frozenset[str]) -> bool:
    """Whether a name the company step reads may end as a company's: each name it takes as
    one ends in a company word (or "&")."""
    for m, tokens in others:
        if m.type != "place" and len(tokens) >= 2:
            last = _last_word(m.text)
            if last in company or last == "&":
                return True
    return False


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
    # Most documents' spans come in order, each after the last (and none empty): such are
    # the sorted, non-overlapping spans already, told by one look at each.
    end = 0
    for s in spans:
        if s.start < end or s.end <= s.start:
            break
        end = s.end
    else:
        return spans
    # By start, then the longest first: two stable sorts on C-level keys, which are all but
    # free on spans that come (as they mostly do) in order.
    spans.sort(key=_END, reverse=True)
    spans.sort(key=_START)
    out: list[NameSpan] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def _several_words(text: str) -> bool:
    """Words an acronym can spell: "Bank of England", or capitalised parts of one word
    joined by hyphens ("Hewlett-Packard"; not "al-Assad")."""
    if " " in text:
        return True
    parts = text.split("-")
    return len(parts) > 1 and all(p[:1].isupper() for p in parts)
