"""Figure links: mentions that cite the same quantity of the same thing.

Precision first. Mentions are blocked by value (a dict keyed by value, so linking grows
with the number of mentions, never with its square), and within one value:

1. Mentions that say what they count join by subject: the head noun of what is counted,
   singular, through a small synonym table ("hostages" ~ "captive"), plus the unit of a
   compound ("ten-point plan"). A subject group whose mentions tell of two incompatible
   actions ("30 prisoners executed" / "30 prisoners released") splits by action, and its
   mentions without an action stay out, as they could belong to either; the same holds
   for what a measure measures ("tonnes of wheat" / "tonnes of rice") and for proper
   modifiers that share no word ("Afghan soldiers" / "American soldiers").
2. Mentions that only tell of an action ("90 were killed", "injured 1375"), or count a
   generic noun ("41 people were killed", "20 others"), join the one subject group of the
   same value with the same action (or the one cited more than twice as often as any
   other such group); failing a single such group, they link among
   themselves by action. Below `min_value_without_subject` all this happens only within
   one document: "two people were killed" recurs by chance across documents. Only when
   the sentences name a place or year in common (incidents.py) do such mentions of two
   documents join: "killing three people in northern Chile" ~ "three people died in Chile".
3. Durations and ages ("four years"), percentages and sums with nothing counted, and
   bare numbers never link on their value alone: they need a shared action or subject.
   A duration links only on a verb that lasts ("sentenced to nine years"), and only
   within one document, as does the value one ("one man"): both recur by chance. A
   term's sentences that name the same person or place join across documents
   ("Farah Delmar ... sentenced to eight years" ~ "Farah Delmar, jailed for eight years").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache
from operator import attrgetter

from xrefviewer.core.model import Cluster, FigureSpan, Ref
from xrefviewer.core.rules import load_toml
from xrefviewer.core.union_find import UnionFind

_ANY_UNIT = "\x00any"  # an index key: a mention without a unit may join any unit's group
_CURRENCY = {
    "$": "dollar",
    "US$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₹": "rupee",
    "₽": "ruble",
}
_SHARE = "percent"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    irregular: dict[str, str]
    not_plurals: frozenset[str]
    synonyms: dict[str, str]
    generic: frozenset[str]
    time_units: frozenset[str]
    action_nouns: frozenset[str]
    families: dict[str, str]
    participles: dict[str, str]
    min_value_without_subject: float
    duration_actions: frozenset[str]
    duration_families: dict[str, str]
    hostage_families: frozenset[str]
    hostage_endings: frozenset[str]
    currency_nouns: dict[str, str]
    currency_codes: dict[str, str]
    currencies: frozenset[str]  # every currency a unit may name: signs', nouns' and codes'
    hostage: str  # the noun that names hostages ("captive" is one)
    bare_min_value_in_document: float
    bare_min_value: float
    bare_share_min_digits: int


@cache
def _lexicon() -> _Lexicon:
    data = load_toml("figures")
    linking = data["linking"]
    irregular = {k.lower(): v.lower() for k, v in data["irregular_plurals"].items()}
    not_plurals = frozenset(w.lower() for w in data["not_plurals"])
    synonyms: dict[str, str] = {}
    for group in linking["synonyms"]:
        canonical = group[0].lower()
        for word in group:
            synonyms[word.lower()] = canonical
    families: dict[str, str] = {}
    for group in linking["compatible_actions"]:
        for action in group:
            families[action] = group[0]

    currency_nouns = {k.lower(): v for k, v in linking["currency_nouns"].items()}
    currency_codes = dict(linking["currency_codes"])

    def lemma(word: str) -> str:
        return _singular(word.lower(), irregular, not_plurals)

    return _Lexicon(
        irregular=irregular,
        not_plurals=not_plurals,
        synonyms=synonyms,
        generic=frozenset(lemma(w) for w in linking["generic_person_nouns"]),
        time_units=frozenset(lemma(w) for w in data["time_units"]),
        action_nouns=frozenset(lemma(w) for w in data["action_nouns"]),
        families=families,
        participles=dict(data["participles"]),
        min_value_without_subject=float(linking["min_value_without_subject"]),
        hostage_families=frozenset(families.get(a, a) for a in linking["hostage_families"]),
        hostage_endings=frozenset(families.get(a, a) for a in linking["hostage_endings"]),
        duration_actions=frozenset(families.get(a, a) for a in linking["duration_actions"]),
        duration_families={
            families.get(a, a): group[0]
            for group in linking["compatible_duration_actions"]
            for a in group
        },
        currency_nouns=currency_nouns,
        currency_codes=currency_codes,
        currencies=frozenset(_CURRENCY.values())
        | frozenset(currency_nouns.values())
        | frozenset(currency_codes.values()),
        hostage=synonyms.get("hostage", "hostage"),
        bare_min_value_in_document=float(linking["bare_min_value_in_document"]),
        bare_min_value=float(linking["bare_min_value"]),
        bare_share_min_digits=int(linking["bare_share_min_digits"]),
    )


def _singular(word: str, irregular: dict[str, str], not_plurals: frozenset[str]) -> str:
    word = word.strip("'’")
    if word in irregular:
        return irregular[word]
    if word in not_plurals or len(word) < 4:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class _Phrase:
    """What a counted phrase says, worked out once per phrase of the collection."""

    head: str | None  # its last word outside parentheses, as written: "prisoners"
    proper: frozenset[str]  # capitalised modifiers, lower-case
    subject: str | None  # the head's key: singular, through the synonyms
    of_subject: str | None  # the key of the last word after "of"
    normal: str  # lower-case, single-spaced: the label counts phrases by it


# Not frozen: ten thousand of these are made per thousand documents, and a frozen
# dataclass stores each field through object.__setattr__. Nothing hashes or changes them.
@dataclass(slots=True)
class _Item:
    order: int  # position in the input: keeps output deterministic
    mention: str
    document: str
    span: FigureSpan
    subject: str | None  # singular head of what is counted, None if generic or absent
    of_subject: str | None  # "nitrate" in "tonnes of ammonium nitrate"
    unit: str | None  # compound, currency or percent unit, normalised
    family: str | None  # action family: "kill" covers "execute"
    generic: bool  # counts people without saying which ("people", "others")
    temporal: bool  # a duration or an age: the subject is a unit of time
    proper: frozenset[str]  # capitalised modifiers, lower-case: "afghan" in "Afghan soldiers"
    bare: bool = False  # neither subject nor action: links only on a distinctive number
    taken: str | None = None  # what was taken hostage: "passenger" of "took 19 passengers hostage"
    phrase: _Phrase | None = None  # of span.counts
    names_subject: bool = False  # the counted phrase's head is the subject itself


# A figure mention as the linker reads it: a Ref's fields, (mention, document, span).
FigureRow = tuple[str, str, FigureSpan]
# What the sentence around an offset of a document names (incidents.py): "place:Chile",
# "person:Farah Delmar", "year:2013"
IncidentKeys = Callable[[str, int], frozenset[str]]
# An action's victims are counted where it happened, or when; a spokesman may report
# several incidents. A term is served by the person sentenced.
_ACTION_KEYS = ("place:", "year:")
_TERM_KEYS = ("place:", "person:")


def link_figures(refs: Sequence[Ref], incident: IncidentKeys | None = None) -> list[Cluster]:
    """Clusters of two or more figure mentions that cite the same quantity of the same thing.

    Args:
        refs: every figure mention of the collection, in a stable order.
        incident: what the sentence around a figure names (incidents.py); without it,
            small numbers told only with an action, and terms, link only within a document.

    Returns:
        Clusters in order of their first mention; a mention is in at most one, and a
        cluster never mixes values.
    """
    return link_figure_rows(
        [(r.mention, r.document, r.span) for r in refs if isinstance(r.span, FigureSpan)],
        incident,
    )


def link_figure_rows(
    rows: Iterable[FigureRow], incident: IncidentKeys | None = None
) -> list[Cluster]:
    """As `link_figures`, from each Ref's fields: for a caller with many mentions at hand,
    that need not be made into Ref records first. With `incident`, small numbers that only
    tell of an action join across documents when their sentences share a place or year."""
    lex = _lexicon()
    min_bare = lex.bare_min_value_in_document
    blocks: dict[int | float, list[_Item]] = defaultdict(list)
    # A collection counts the same things again and again, with the same units and
    # actions: each phrase is read once, and each (phrase, unit, action) once.
    phrases: dict[str, _Phrase] = {}
    readings: dict[tuple[str | None, str | None, str | None], _Reading | None] = {}
    for order, (mention, document, span) in enumerate(rows):
        key = (span.counts, span.unit, span.action)
        if key in readings:
            reading = readings[key]
        else:
            reading = readings[key] = _reading(span, _phrase_of(span.counts, phrases, lex), lex)
        if reading is None:
            continue
        value = span.value
        if reading[_BARE] and abs(value) < min_bare and not _decimal_share(reading[_UNIT], value):
            continue  # ("0.6%" twice in one release is one figure: see _place_bare)
        blocks[value].append(_Item(order, mention, document, span, *reading))
    clusters: list[list[_Item]] = []
    for items in blocks.values():
        if len(items) > 1:
            clusters.extend(c for c in _link_block(items, lex, incident) if len(c) > 1)
    clusters.sort(key=lambda c: c[0].order)
    return [Cluster(_label(c, lex), tuple([i.mention for i in c])) for c in clusters]


def _phrase(counts: str, lex: _Lexicon) -> _Phrase:
    main, _, rest = counts.partition(" of ")
    head_word = _last_word(main)
    of_word = _last_word(rest) if rest else None
    return _Phrase(
        head_word,
        _proper_modifiers(main, head_word),
        _key(head_word, lex) if head_word else None,
        _key(of_word, lex) if of_word else None,
        " ".join(counts.lower().split()),
    )


def _phrase_of(counts: str | None, phrases: dict[str, _Phrase], lex: _Lexicon) -> _Phrase | None:
    """What counts says (None if nothing), read once per collection through phrases."""
    if not counts:
        return None
    phrase = phrases.get(counts)
    if phrase is None:
        phrase = phrases[counts] = _phrase(counts, lex)
    return phrase


# What a mention says besides its value: the fields of its _Item after (order, mention,
# document, span). A bare one (_BARE) links only if its value is distinctive enough.
_Reading = tuple[
    str | None, str | None, str | None, str | None, bool, bool, frozenset[str], bool,
    str | None, _Phrase | None, bool,
]  # fmt: skip
_UNIT, _BARE = 2, 7
_READING_FIELDS = [
    "subject", "of_subject", "unit", "family", "generic", "temporal", "proper", "bare",
    "taken", "phrase", "names_subject",
]  # fmt: skip
if [f.name for f in fields(_Item)][4:] != _READING_FIELDS:
    raise RuntimeError("_Item changed: update _Reading and _reading")


def _reading(span: FigureSpan, phrase: _Phrase | None, lex: _Lexicon) -> _Reading | None:
    """What span says besides its value, from its counted phrase (`phrase`: what span.counts
    says), unit and action: None if it never links ("four years")."""
    subject = of_subject = None
    head_word = None
    proper: frozenset[str] = frozenset()
    if phrase is not None:
        head_word, proper, subject, of_subject = (
            phrase.head, phrase.proper, phrase.subject, phrase.of_subject,
        )  # fmt: skip
    named = subject
    unit = _unit(span, head_word)
    if span.unit in lex.currency_codes:
        unit = lex.currency_codes[span.unit]  # "CHF 2.3 million" ~ "2.3 million Swiss francs"
    if subject in lex.currency_nouns and unit is None:
        unit, subject = lex.currency_nouns[subject], None  # "2.4 billion euros"
    family = lex.families.get(span.action, span.action) if span.action else None
    generic = subject in lex.generic
    taken = None
    if subject in lex.action_nouns or generic:
        subject = None
    elif subject is not None and family in lex.hostage_families:
        taken, subject = (subject if subject != lex.hostage else None), lex.hostage
    elif subject == lex.hostage and family in lex.hostage_endings:
        # "took twelve hostages" ... "the 12 hostages were freed": the same people
        family = min(lex.hostage_families)
    temporal = subject in lex.time_units and unit is None
    if temporal and family not in lex.duration_actions:
        return None  # "four years", "60 years old", "killed three years ago"
    if temporal and family is not None:
        family = lex.duration_families.get(family, family)  # "jailed for" ~ "sentenced to"
    if subject is None and family is None:
        # a bare number, a bare percentage, "20 others": only a distinctive one may link
        if temporal:
            return None
        return (None, of_subject, unit, None, generic, False, proper, True, None, phrase, False)
    names_subject = subject is not None and named == subject
    return (
        subject, of_subject, unit, family, generic, temporal, proper, False, taken, phrase,
        names_subject,
    )  # fmt: skip


def _significant_digits(value: float) -> int:
    """ "2.4 billion" -> 2, "45.1" -> 3, "6,800" -> 2, "$900 million" -> 1."""
    digits = f"{abs(value):.6f}".replace(".", "").strip("0")
    return len(digits)


def _decimal_share(unit: str | None, value: float) -> bool:
    return unit == _SHARE and value != int(value)


def _distinctive(item: _Item, lex: _Lexicon) -> bool:
    """Whether a bare mention's number alone is enough to link it across documents."""
    value = item.span.value
    digits = _significant_digits(value)
    if item.unit == _SHARE:
        if abs(value) < lex.bare_min_value_in_document:
            return False  # "0.5%" recurs by chance across documents
        return digits >= lex.bare_share_min_digits or value != int(value)
    if item.unit in lex.currencies:
        return digits >= 2
    if item.unit is not None:
        return False  # "20 square metres", "12-member": the unit is no subject
    return abs(value) >= lex.bare_min_value and digits >= 2


def _proper_modifiers(phrase: str, head: str | None) -> frozenset[str]:
    """Capitalised words before the head ("PMOI (MEK) members" -> {"pmoi", "mek"})."""
    words = [w.strip("()[].,;:") for w in phrase.split()]
    if head is not None and words and words[-1] == head:
        words = words[:-1]
    return frozenset(w.lower() for w in words if w[:1].isupper())


def _last_word(phrase: str) -> str | None:
    """The head of a counted phrase: its last word outside parentheses."""
    depth = 0
    last = None
    for word in phrase.split():
        if word.startswith("("):
            depth += 1
        if depth == 0 and any(ch.isalpha() for ch in word):
            last = word
        if word.endswith(")"):
            depth = max(0, depth - 1)
    return last.strip('.,;:!?"“”') if last else None


def _key(word: str, lex: _Lexicon) -> str:
    singular = _singular(word.lower(), lex.irregular, lex.not_plurals)
    return lex.synonyms.get(singular, singular)


def _unit(span: FigureSpan, head_word: str | None) -> str | None:
    """The unit that tells the quantity apart: a compound ("point" of "ten-point plan"),
    a currency, a percentage; a unit that is just the counted noun is the subject."""
    unit = span.unit
    if not unit:
        return None
    if unit in ("%", "percent"):
        return "percent"
    if unit in _CURRENCY:
        return _CURRENCY[unit]
    if head_word and unit == head_word.lower():
        return None
    return unit.lower()


def _link_block(
    items: list[_Item], lex: _Lexicon, incident: IncidentKeys | None = None
) -> list[list[_Item]]:
    """Clusters among mentions of one value."""
    value = items[0].span.value
    # "one man", durations and ages recur by chance across documents: only the same
    # document repeats them
    local = abs(value) <= 1
    by_subject: dict[tuple[str, str | None, str], list[_Item]] = defaultdict(list)
    floating: list[_Item] = []
    bare = [item for item in items if item.bare]
    items = [item for item in items if not item.bare]
    for item in items:
        if item.subject is not None:
            scope = item.document if local or item.temporal else ""
            by_subject[(item.subject, item.unit, scope)].append(item)
        else:
            floating.append(item)
    _join_the_taken(by_subject, lex)
    groups: list[list[_Item]] = []
    for members in by_subject.values():
        for by_action in _split(members, _family_attr):
            for by_measure in _split(by_action, _of_subject_attr):
                groups.extend(_split_proper(by_measure))
    # durations need their action: a subject group of "years" without one links nothing
    groups = [g for g in groups if not (g[0].temporal and g[0].family is None)]
    if incident is not None and any(g[0].temporal for g in groups):
        terms = [g for g in groups if g[0].temporal]
        groups = [g for g in groups if not g[0].temporal]
        keyed = [((g[0].subject, g[0].unit, g[0].family), g) for g in terms]
        groups.extend(_same_incident(keyed, incident, _TERM_KEYS))

    # A small number with only a verb, or a generic noun, recurs by chance across
    # documents ("two people were killed"): it links only within its own document.
    large = abs(value) >= lex.min_value_without_subject
    # where an action-only mention may go: the groups telling of each action, by unit
    # (or any unit), by document for small numbers
    index: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)
    for number, group in enumerate(groups):
        family = _family_of(group)
        if family is None or group[0].temporal:
            continue
        scopes = {""} if large else {m.document for m in group}
        for scope in scopes:
            index[(family, _ANY_UNIT, scope)].append(number)
            index[(family, group[0].unit, scope)].append(number)
    pools: dict[tuple[str, str | None, str], list[_Item]] = defaultdict(list)
    for item in floating:
        if item.family is None:
            continue
        scope = "" if large else item.document
        unit = _ANY_UNIT if item.unit is None else item.unit
        candidates = index.get((item.family, unit, scope), [])
        chosen = _dominant(candidates, groups)
        if chosen is not None:
            groups[chosen].append(item)
        elif not candidates:
            pools[(item.family, item.unit, scope)].append(item)
    if large or incident is None:
        groups.extend(pools.values())
    else:
        keyed = [((family, unit), pool) for (family, unit, _), pool in pools.items()]
        groups.extend(_same_incident(keyed, incident, _ACTION_KEYS))
    groups.extend(_place_bare(bare, groups, lex))
    for group in groups:
        group.sort(key=_order)
    return groups


def _same_incident(
    groups: list[tuple[tuple[str | None, ...], list[_Item]]],
    incident: IncidentKeys,
    kinds: tuple[str, ...],
) -> list[list[_Item]]:
    """Groups of one document each, joined with other documents' groups of the same kind
    (the same action; or the same term and verb) whose sentences name a thing of `kinds` in
    common: "killing three people in northern Chile" ~ "three people died in Chile", never
    ~ "three people were killed in Kabul"."""
    by_kind: dict[tuple[str | None, ...], list[int]] = defaultdict(list)
    for number, (kind, _) in enumerate(groups):
        by_kind[kind].append(number)
    sets = UnionFind(len(groups))
    for numbers in by_kind.values():
        if len(numbers) < 2:
            continue  # (the common case: asks for no sentence)
        first_with: dict[str, int] = {}
        for number in numbers:
            for item in groups[number][1]:
                for key in incident(item.document, item.span.start):
                    if key.startswith(kinds):
                        sets.union(first_with.setdefault(key, number), number)
    joined: dict[int, list[_Item]] = {}
    for number, root in enumerate(sets.roots()):
        joined.setdefault(root, []).extend(groups[number][1])
    return list(joined.values())


def _join_the_taken(
    by_subject: dict[tuple[str, str | None, str], list[_Item]], lex: _Lexicon
) -> None:
    """ "took 19 passengers hostage" counts the hostages and the passengers: mentions of those
    passengers that tell of nothing else done to them ("the 19 passengers will be flown
    home") join the hostages."""
    for key in list(by_subject):
        members = by_subject.get(key)
        if members is None:
            continue  # joined another group already
        _, unit, scope = key
        for taken in sorted({m.taken for m in members if m.taken is not None}):
            others = by_subject.get((taken, unit, scope))
            if others and all(m.family is None or m.family in lex.hostage_families for m in others):
                members.extend(by_subject.pop((taken, unit, scope)))


def _place_bare(bare: list[_Item], groups: list[list[_Item]], lex: _Lexicon) -> list[list[_Item]]:
    """Bare mentions join the one group of their unit in their own document ("all 14"),
    else, when distinctive, the one group of their unit in the collection; those left
    link among themselves by unit, across documents when distinctive, and within their
    document when they count people ("support 6,000 people" ... "6,000 people targeted").
    Returns the new groups."""
    if not bare:
        return []  # most values: no index of the groups needed
    left: dict[tuple[str | None, str], list[_Item]] = defaultdict(list)
    # Indexes instead of scans, so a value cited thousands of times stays linear:
    # the groups of each unit, and of each unit within each document they cite.
    by_unit: dict[str | None, list[int]] = defaultdict(list)
    by_unit_doc: dict[tuple[str | None, str], set[int]] = defaultdict(set)
    for g, group in enumerate(groups):
        if group[0].temporal:
            continue
        by_unit[group[0].unit].append(g)
        for m in group:
            by_unit_doc[(group[0].unit, m.document)].add(g)

    def join(g: int, item: _Item) -> None:
        groups[g].append(item)
        by_unit_doc[(item.unit, item.document)].add(g)

    for item in bare:
        same_unit = by_unit.get(item.unit, [])
        here = by_unit_doc.get((item.unit, item.document), set())
        if len(here) == 1:
            join(next(iter(here)), item)
            continue
        if here:
            continue
        if not _distinctive(item, lex):
            if (item.generic or _decimal_share(item.unit, item.span.value)) and not same_unit:
                # people counted, or a small share with a decimal: within its document
                left[(item.unit, item.document)].append(item)
            continue
        if len(same_unit) == 1:
            join(same_unit[0], item)
        elif not same_unit:
            sums = _sums_only(groups, by_unit, lex) if item.unit is None else []
            if len(sums) == 1:
                join(sums[0], item)  # "from 745 million" ~ "NOK 745 million": its currency unsaid
            else:
                left[(item.unit, "")].append(item)
    _pool_unsaid_currency(left, by_unit, lex)
    # bare counts pool only when one of them says it counts people ("employs 6,800
    # people" ~ "a workforce of 6,800"): two bare "410"s may be a score and a count
    return [
        pool
        for (unit, _), pool in left.items()
        if len(pool) > 1 and (unit is not None or any(m.generic for m in pool))
    ]


def _pool_unsaid_currency(
    left: dict[tuple[str | None, str], list[_Item]],
    by_unit: dict[str | None, list[int]],
    lex: _Lexicon,
) -> None:
    """Distinctive bare numbers without a unit join the bare sums of their value when those
    are of one currency and nothing else has the value ("NOK 745 million" ~ "745 million")."""
    unsaid = left.get((None, ""))
    if not unsaid or any(by_unit.values()):
        return
    sums = [key for key in left if key[1] == "" and key[0] in lex.currencies]
    if len(sums) == 1:
        left[sums[0]].extend(left.pop((None, "")))


def _sums_only(
    groups: list[list[_Item]], by_unit: dict[str | None, list[int]], lex: _Lexicon
) -> list[int]:
    """The groups of a value, when every one of them is a sum of money that counts nothing
    else: a bare number may then leave its currency unsaid."""
    found = [g for numbers in by_unit.values() for g in numbers]
    if all(groups[g][0].unit in lex.currencies and groups[g][0].subject is None for g in found):
        return found
    return []


def _dominant(candidates: list[int], groups: list[list[_Item]]) -> int | None:
    """The one group an action-only mention belongs to: the only candidate, or one cited
    more than twice as often as any other (the reading most mentions give)."""
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return None
    sizes = sorted(((len(groups[c]), c) for c in candidates), reverse=True)
    return sizes[0][1] if sizes[0][0] > 2 * sizes[1][0] else None


def _split_proper(items: list[_Item]) -> list[list[_Item]]:
    """ "12 Afghan soldiers" and "12 American soldiers" are different soldiers: items whose
    capitalised modifiers share no word, even through other items, split apart; items
    without any stay with the only group there is, and out when there are several."""
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        while parent[word] != word:
            parent[word] = parent[parent[word]]
            word = parent[word]
        return word

    for item in items:
        if not item.proper:
            continue
        words = sorted(item.proper)
        for word in words:
            parent.setdefault(word, word)
        for word in words[1:]:
            parent[root(word)] = root(words[0])
    if not parent:
        return [items]  # (most groups: no capitalised modifier at all)
    components: dict[str, list[_Item]] = {}
    for item in items:
        if item.proper:
            components.setdefault(root(min(item.proper)), []).append(item)
    if len(components) <= 1:
        return [items]
    return list(components.values())


# (C-level getters: _split calls them once per item, and the groups sort by order)
_family_attr: Callable[[_Item], str | None] = attrgetter("family")
_of_subject_attr: Callable[[_Item], str | None] = attrgetter("of_subject")
_order: Callable[[_Item], int] = attrgetter("order")


def _split(items: list[_Item], attr: Callable[[_Item], str | None]) -> list[list[_Item]]:
    """One group if the items agree on attr (None agrees with anything); else one group per
    value, and the items without one are left out as ambiguous."""
    values = set(map(attr, items))
    values.discard(None)
    if len(values) <= 1:
        return [list(items)]
    out: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        v = attr(item)
        if v is not None:
            out[v].append(item)
    return [out[v] for v in sorted(out)]


def _family_of(group: Iterable[_Item]) -> str | None:
    for item in group:
        if item.family is not None:
            return item.family
    return None


def _label(cluster: list[_Item], lex: _Lexicon) -> str:
    """ "30,000 political prisoners", "10-point plan", "40% of voters", "52 killed"."""
    span = cluster[0].span
    value = span.value
    shown = f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"
    percent = span.unit in ("%", "percent")
    if percent:
        shown += "%"
    elif span.unit in _CURRENCY:
        shown = span.unit + shown
    # the phrase most mentions use, as the first of them wrote it; a phrase naming the
    # subject itself first ("hostages" over "members" taken hostage)
    counted: dict[str, int] = {}  # (a plain dict: a Counter adds a call for each new key)
    written: dict[str, str] = {}
    names_subject: set[str] = set()
    for item in cluster:
        if item.phrase is not None and item.subject is not None:
            key = item.phrase.normal
            counted[key] = counted.get(key, 0) + 1
            written.setdefault(key, item.span.counts)  # type: ignore[arg-type]
            if item.names_subject:
                names_subject.add(key)
    if counted:
        # max gives the first of the best, in the order the phrases were first written
        if len(counted) == 1:
            best = next(iter(counted))
        else:
            best = max(counted, key=lambda k: (k in names_subject, counted[k]))
        unit = cluster[0].unit
        if percent:
            return f"{shown} of {written[best]}"
        if unit and unit not in _CURRENCY.values():
            return f"{shown}-{unit} {written[best]}"
        return f"{shown} {written[best]}"
    actions = Counter(i.span.action for i in cluster if i.span.action)
    if actions:
        action = max(actions, key=lambda a: (actions[a], a))
        participle = lex.participles.get(action, action)
        generic = [i.span.counts for i in cluster if i.generic and i.span.counts]
        if generic and participle in generic[0].lower().split():
            return f"{shown} {generic[0]}"  # "40 injured people"
        if generic:
            return f"{shown} {generic[0]} {participle}"  # "41 people killed"
        return f"{shown} {participle}"
    return shown
