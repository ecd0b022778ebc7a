"""Cross-document name linking: every mention of one entity, across documents and aliases.

Each document already named its entities (`NameSpan.canonical`); linking joins those local
entities across documents, in steps that each look only inside a block of candidates, so that
the work grows near-linearly with the number of mentions:

1. Same strict key (case, accents, particles and romanisation digraphs evened out), same
   gazetteer entity, or an alias one document declared ("WHO/OMS") used by another; a
   company's name without its legal form ("Tarvik Shipping Ltd" ~ "Tarvik Shipping").
2. Spelling variants: entities whose token skeletons (consonant frames) match are compared
   token by token with an edit-distance bound ("Qaddafi" ~ "Gaddafi", "Mohammad" ~
   "Muhammad"; "Iran" and "Iraq" have different frames and never meet).
3. Word order of places: "Camp Zaatari" ~ "Zaatari Camp", and a bare "Zaatari" when that is
   the only place with that core and nobody in the collection has it as a surname.
4. A fuller name: "Clara Doyle" ~ "Clara Wynn Doyle" when nothing else fits the first and last names;
   "Tayyip Erdogan" ~ "Recep Tayyip Erdogan" when only one person's name ends so.
5. A surname alone ("Clinton", from a document that never gave the full name) joins a full name
   only if exactly one entity of the whole collection carries that surname, or only one of
   the gender its title gives ("Mrs. Clinton": Hillary, not Bill).

The label of a cluster is the fullest canonical form among its entities.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from itertools import islice

from xrefviewer.core.model import Cluster, NameSpan, Ref
from xrefviewer.core.name_keys import (
    acronym_key,
    initials_variants,
    name_key,
    name_tokens,
    names_alike,
    reads_as_word,
    skeleton,
    soft,
    tokens_alike,
)
from xrefviewer.core.name_lexicon import Lexicon, lexicon
from xrefviewer.core.union_find import UnionFind

# Bound on the comparisons inside one skeleton block: a block that large is common words, and
# comparing each entity with the first few distinct forms keeps the work linear.
MAX_BLOCK_COMPARISONS = 24

_NO_ALIASES: frozenset[str] = frozenset()
_NO_KEYS: frozenset[str] = frozenset()

# The keys a form gives on its own, its compact key ("" if none), the first entity with them.
_FormKeys = tuple[frozenset[str], str, int]


@dataclass(slots=True)
class _Entity:
    """One document's entity: all its mentions share the document and the canonical form."""

    canonical: str
    mentions: list[str] = field(default_factory=list)
    # type -> mentions, made when a second mention comes (most entities have but one)
    types: dict[str, int] | None = None
    aliases: frozenset[str] = frozenset()
    acronym: bool = False
    # Set once all mentions are in: the soft tokens of the canonical form, the usual type.
    tokens: tuple[str, ...] = ()
    type: str = "other"
    # "Ahmad" alone: in two documents, two people as likely as one, so no key joins them.
    given_name_alone: bool = False
    # How good a label it gives: written out (no acronym), words, mentions, then the form.
    label_rank: tuple[bool, int, int, str] = (False, 0, 0, "")
    gender: str = ""  # of a person, when a title or given name says: "f" for "Mrs. Clinton"


_new_entity = object.__new__
# `_local_entities` sets every field of a new entity: a new one must be set there too.
_ENTITY_FIELDS = (
    "canonical", "mentions", "types", "aliases", "acronym", "tokens", "type", "given_name_alone",
    "label_rank", "gender",
)  # fmt: skip
assert tuple(f.name for f in fields(_Entity)) == _ENTITY_FIELDS, "_Entity changed"

# What an entity takes from its canonical form: whether an acronym, the soft tokens, whether
# a given name alone, and its label rank with one mention.
_Form = tuple[bool, tuple[str, ...], bool, tuple[bool, int, int, str]]


# A name mention as the linker reads it: a Ref's fields, (mention, document, span).
NameRow = tuple[str, str, NameSpan]


def link_names(refs: Sequence[Ref]) -> list[Cluster]:
    """Clusters covering every name mention in `refs`, singletons included."""
    return link_name_rows(
        [(r.mention, r.document, r.span) for r in refs if isinstance(r.span, NameSpan)]
    )


def link_name_rows(rows: Iterable[NameRow]) -> list[Cluster]:
    """As `link_names`, from each Ref's fields: for a caller with hundreds of thousands of
    mentions at hand, that need not be made into Ref records first."""
    entities = _local_entities(rows)
    links = UnionFind(len(entities))
    # A collection names the same entities in document after document: the steps after the
    # keys see each form and type once, the repeats being joined to it by then.
    distinct = _by_keys(entities, links)
    _by_spelling(entities, distinct, links)
    _by_place_core(entities, distinct, links)
    _by_fuller_name(entities, distinct, links)
    _by_surname(entities, distinct, links)
    _by_initials(entities, distinct, links)
    # Each cluster's mentions, entity by entity, and the entity whose canonical form is its
    # label: the fullest (written out beats an acronym, more words beat fewer, then
    # frequency; the first of the best label rank). The entities are visited in the order
    # they were made, as they lie in memory: a large collection's clusters gather entities
    # from all over it, and going cluster by cluster fetched nearly every one anew.
    mentions: dict[int, list[str]] = {}
    labelling: dict[int, _Entity] = {}
    for entity, root in zip(entities, links.roots(), strict=True):
        found = mentions.get(root)
        if found is None:
            mentions[root] = entity.mentions.copy()
            labelling[root] = entity
            continue
        found += entity.mentions
        if entity.label_rank > labelling[root].label_rank:
            labelling[root] = entity
    return [Cluster(labelling[root].canonical, tuple(found)) for root, found in mentions.items()]


def _local_entities(rows: Iterable[NameRow]) -> list[_Entity]:
    entities: list[_Entity] = []
    by_document: dict[str, dict[str, _Entity]] = {}  # document -> canonical form -> entity
    # A collection names the same entities again and again: work out each form once.
    forms: dict[str, _Form] = {}
    repeated: list[_Entity] = []  # those with more than one mention, settled at the end
    last_document: str | None = None
    in_document: dict[str, _Entity] = {}
    for mention, document, span in rows:
        canonical = span.canonical
        if document != last_document:  # (a document's rows mostly come together)
            last_document = document
            in_document = by_document.get(document)
            if in_document is None:
                in_document = by_document[document] = {}
        entity = in_document.get(canonical)
        if entity is None:
            form = forms.get(canonical)
            if form is None:
                form = forms[canonical] = _form(canonical)
            acronym, tokens, one_given_name, label_rank = form
            kind = span.type
            # Only what differs from entity to entity is made anew: the rest is the form's.
            # Most mentions make an entity: its slots are set here, as `__init__` would set
            # them (`_ENTITY_FIELDS`), without the cost of its call.
            entity = in_document[canonical] = _new_entity(_Entity)
            entity.canonical = canonical
            entity.mentions = [mention]
            entity.types = None
            entity.aliases = frozenset(span.aliases) if span.aliases else _NO_ALIASES
            entity.acronym = acronym
            entity.tokens = tokens
            entity.type = kind
            entity.given_name_alone = one_given_name and kind in ("person", "other")
            entity.label_rank = label_rank
            entity.gender = span.gender
            entities.append(entity)
            continue
        entity.mentions.append(mention)
        types = entity.types
        if types is None:
            types = entity.types = {entity.type: 1}  # the first mention's type, so far
            repeated.append(entity)
        types[span.type] = types.get(span.type, 0) + 1
        if span.aliases:
            entity.aliases = entity.aliases.union(span.aliases)
        if span.gender and not entity.gender:
            entity.gender = span.gender
    for entity in repeated:
        _, _, one_given_name, (written_out, words, _, _) = forms[entity.canonical]
        types = entity.types
        assert types is not None
        # the most frequent, the first seen among equals (as Counter.most_common)
        entity.type = max(types, key=types.__getitem__)
        entity.given_name_alone = one_given_name and entity.type in ("person", "other")
        entity.label_rank = (written_out, words, len(entity.mentions), entity.canonical)
    return entities


def _form(canonical: str) -> _Form:
    folded = name_tokens(canonical)
    acronym = _looks_like_acronym(canonical)
    return (
        acronym,
        tuple(soft(t) for t in folded),
        len(folded) == 1 and folded[0] in lexicon().given_gender,
        (not acronym, len(canonical.split()), 1, canonical),
    )


def _looks_like_acronym(text: str) -> bool:
    """Capitals but for a last letter, two capitals at least: "WHO", "U.N.", "NGOs"."""
    head = text[:-1]
    return (
        " " not in text
        and head.isupper()
        and (text[-1].isupper() or sum(c.isupper() for c in head) >= 2)
    )


def _form_key(form: str) -> str:
    return ("A:" + acronym_key(form)) if _looks_like_acronym(form) else ("N:" + name_key(form))


def _by_keys(entities: list[_Entity], links: UnionFind) -> list[int]:
    """Equal strict or compact keys, gazetteer entities and declared aliases.

    Returns the entities the later steps need to see, in order: an entity joined here to an
    earlier one of the same form and type would only repeat that one in every later step
    (they join by form, tokens and type, and join nothing the earlier one did not), so it is
    left out. The aliases, the only other difference, are all used here; a gender differs
    in what a surname alone joins, so an entity of a new gender stays in."""
    lex = lexicon()
    first: dict[str, int] = {}
    distinct: list[int] = []
    # (keys of the form itself, its compact key or "") by form and whether it stands alone,
    # with the first entity that had them: a later entity of the same form and keys joins
    # that one, which its keys would have joined it to anyway.
    forms: dict[tuple[str, bool], _FormKeys] = {}
    # the same by form, type and gender (the type decides whether the form stands alone)
    by_type: dict[tuple[str, str, str], _FormKeys] = {}
    parent = links.parent
    for i, entity in enumerate(entities):
        signature = (entity.canonical, entity.type, entity.gender)
        form = by_type.get(signature)
        new_type = form is None
        if form is None:
            form_id = (entity.canonical, entity.given_name_alone)
            form = forms.get(form_id)
            if form is None:
                form = forms[form_id] = (*_form_keys(entity, lex), i)
            by_type[signature] = form
        own, compact, same = form
        if new_type or not own:
            distinct.append(i)
        if same == i:
            keys = own | {compact} if own and compact else own
        elif own:
            # i is still alone (only later entities join earlier ones) and same < i: as
            # union(same, i), with no finds, the parent being smaller than its child still
            parent[i] = same
            if not entity.aliases:
                continue  # (most entities: a form seen before, and no keys of its own)
            keys = _NO_KEYS
        else:
            keys = own
        if entity.aliases:
            keys = keys | {_form_key(a) for a in entity.aliases}
            # "(NATO)" declared in one report, "Nato" written in another
            keys = keys | {"N:" + name_key(a) for a in entity.aliases if reads_as_word(a)}
            if compact and not own:
                keys = keys | {compact}  # the aliases give it keys, so the compact one too
        for key in keys:
            j = first.setdefault(key, i)
            if j != i:
                links.union(i, j)
    return distinct


def _form_keys(entity: _Entity, lex: Lexicon) -> tuple[frozenset[str], str]:
    """The keys an entity's canonical form gives on its own, and its compact key ("" if
    none): spaces and hyphens come and go, "PourMohammadi" ~ "Pour Mohammadi"."""
    keys = set() if entity.given_name_alone else {_form_key(entity.canonical)}
    if entity.acronym and reads_as_word(entity.canonical):
        # A dateline or a shouted headline writes "BEIRUT" for "Beirut"; "NATO" ~ "Nato".
        keys.add("N:" + name_key(entity.canonical))
    known = lex.known(entity.canonical, entity.acronym)
    if known is not None:
        keys.add("G:" + known.id)
    company = lex.without_legal_form(entity.canonical)
    if company:
        keys.add("N:" + name_key(company))
    compact = ""
    if not entity.acronym:
        joined = "".join(entity.tokens)
        if len(joined) >= 6:
            compact = "C:" + joined
    return frozenset(keys), compact


def _by_spelling(entities: list[_Entity], distinct: list[int], links: UnionFind) -> None:
    """Transliteration and spelling variants, blocked by skeleton, confirmed by edit distance."""
    blocks: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    frames: dict[tuple[str, ...], str] = {}
    for i in distinct:
        entity = entities[i]
        if entity.acronym or entity.given_name_alone:
            continue
        tokens = entity.tokens
        if not tokens:
            continue
        for variant in (tokens, *_fused_particle(tokens)):
            frame = frames.get(variant)
            if frame is None:
                frame = frames[variant] = " ".join(skeleton(t) for t in variant)
            blocks[frame].append((i, variant))
    for block in blocks.values():
        if len(block) < 2:
            continue
        representatives: dict[tuple[str, ...], int] = {}
        for i, tokens in block:
            if tokens in representatives:
                links.union(representatives[tokens], i)
                continue
            for other_tokens, j in islice(representatives.items(), MAX_BLOCK_COMPARISONS):
                if names_alike(tokens, other_tokens) and _types_agree(entities[i], entities[j]):
                    links.union(i, j)
                    break
            representatives[tokens] = i


def _fused_particle(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """ "Yousef Alharazi" is also "Yousef al-Harazi": a surname written with its article
    fused gives the tokens without it (the article is dropped from tokens elsewhere)."""
    last = tokens[-1]
    if len(tokens) >= 2 and len(last) >= 7 and last[:2] in ("al", "el") and last[2] not in "aeiou":
        return ((*tokens[:-1], last[2:]),)
    return ()


def _types_agree(a: _Entity, b: _Entity) -> bool:
    ta, tb = a.type, b.type
    return ta == tb or "other" in (ta, tb)


def _by_place_core(entities: list[_Entity], distinct: list[int], links: UnionFind) -> None:
    """Word-order variants of places: "Camp Zaatari" ~ "Zaatari Camp", and a bare "Zaatari"."""
    place_words = lexicon().variant_place_words
    cores: dict[str, list[tuple[str, int]]] = defaultdict(list)
    bare: dict[str, list[int]] = defaultdict(list)
    person_tokens: set[str] = set()
    splits: dict[tuple[str, ...], tuple[str, str]] = {}
    for i in distinct:
        entity = entities[i]
        if entity.acronym:
            continue
        tokens = entity.tokens
        if not tokens:
            continue
        if entity.type == "person":
            # A bare "Zaatari" may be someone's surname, hardly a given name used alone.
            person_tokens.add(tokens[-1])
            continue
        split = splits.get(tokens)
        if split is None:
            split = splits[tokens] = _place_split(tokens, place_words)
        core, words = split
        if core and words and entity.type == "place":
            cores[core].append((words, i))
        elif core and not words:
            bare[core].append(i)
    for core, group in cores.items():
        # "Camp X" ~ "X Camp", but "Lake X" is another place; a bare "X" joins only when one
        # kind of place has that core.
        by_words: dict[str, list[int]] = defaultdict(list)
        for words, i in group:
            by_words[words].append(i)
        for members in by_words.values():
            for i in members[1:]:
                links.union(members[0], i)
        if len(by_words) == 1 and core in bare and core not in person_tokens:
            first = group[0][1]
            for i in bare[core]:
                links.union(first, i)


def _place_split(tokens: tuple[str, ...], place_words: frozenset[str]) -> tuple[str, str]:
    """(the core, the place words) of a name: "Camp Zaatari" -> ("zaatari", "camp")."""
    core = " ".join(sorted(t for t in tokens if t not in place_words))
    # "Camps Zaatari" and "Camp Zaatari" are the same kind of place.
    words = " ".join(sorted({t.removesuffix("s") for t in tokens if t in place_words}))
    return core, words


def _by_fuller_name(entities: list[_Entity], distinct: list[int], links: UnionFind) -> None:
    """A fuller name: "Clara Doyle" ~ "Clara Wynn Doyle" when all with those first and last nest."""
    blocks: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for i in distinct:
        entity = entities[i]
        if entity.type != "person":
            continue
        tokens = entity.tokens
        if len(tokens) >= 2:
            blocks[(tokens[0], tokens[-1])].append((i, tokens))
    for block in blocks.values():
        if len(block) < 2:
            continue
        longest = max(block, key=lambda item: len(item[1]))
        if all(_subsequence(tokens, longest[1]) for _, tokens in block):
            for i, _ in block:
                links.union(longest[0], i)
    _by_name_tail(blocks, links)


def _by_name_tail(
    blocks: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]], links: UnionFind
) -> None:
    """A name without its first given name: "Tayyip Erdogan" ~ "Recep Tayyip Erdogan", when
    one person of the collection ends so and nobody else is written with that first and last."""
    tails: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for block in blocks.values():
        for i, tokens in block:
            for cut in range(1, len(tokens) - 1):
                tails[tokens[cut:]].add(i)
    for block in blocks.values():
        tokens = block[0][1]
        if any(other != tokens for _, other in block):
            continue  # the first step's business: another name has that first and last
        holders = tails.get(tokens)
        if holders and len({links.find(j) for j in holders}) == 1:
            for i, _ in block:
                links.union(next(iter(holders)), i)


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(t in it for t in short)


@cache
def _soft_family_first() -> frozenset[str]:
    """The family names written first, as entity tokens are: `soft` forms."""
    return frozenset(soft(w) for w in lexicon().family_first)


def _by_surname(entities: list[_Entity], distinct: list[int], links: UnionFind) -> None:
    """A surname alone joins the one entity of the collection that carries it, if only one,
    spelling variants included: a lone "Qaddafi" finds "Muammar Gaddafi", and stays alone if
    a "Saif Gadafi" is in the collection too."""
    full: dict[str, set[int]] = defaultdict(set)
    alone: dict[str, list[int]] = defaultdict(list)
    family_first = _soft_family_first()
    for i in distinct:
        entity = entities[i]
        if entity.acronym:
            continue
        tokens = entity.tokens
        if len(tokens) >= 2 and entity.type == "person":
            full[tokens[-1]].add(i)
            if len(tokens) <= 3 and tokens[0] in family_first:
                full[tokens[0]].add(i)  # "Xi Jinping" ... "President Xi"
        elif len(tokens) == 1 and entity.type in ("person", "other"):
            alone[tokens[0]].append(i)
    by_frame: dict[str, list[str]] = defaultdict(list)
    for surname in full:
        by_frame[skeleton(surname)].append(surname)
    for surname, singles in alone.items():
        carriers = [s for s in by_frame.get(skeleton(surname), ()) if tokens_alike(surname, s)]
        holders = [i for s in carriers for i in full[s]]
        # "Mrs. Clinton" joins Hillary Clinton though Bill Clinton is in the collection too.
        # A gender only chooses among holders: with none of its gender, the one holder there
        # is still wins (a "Mrs." written for a Mr. is a slip more often than another person).
        by_gender: dict[str, list[int]] = defaultdict(list)
        for i in singles:
            by_gender[entities[i].gender].append(i)
        for gender, group in by_gender.items():
            roots = {links.find(i) for i in holders if entities[i].gender in ("", gender)}
            if not gender or not roots:
                roots = {links.find(i) for i in holders}
            if len(roots) == 1:
                root = roots.pop()
                for i in group:
                    links.union(root, i)


def _by_initials(entities: list[_Entity], distinct: list[int], links: UnionFind) -> None:
    """An acronym that no document declared joins the one long form of the collection whose
    initials it spells ("NCF" ~ "National Council of Farmers"), if it has three letters or
    more and nothing else claims it."""
    candidates = [
        i for i in distinct if entities[i].acronym and len(acronym_key(entities[i].canonical)) >= 3
    ]
    if not candidates:
        return
    # Alone: its own root, and nothing's parent (every other member of a set has a parent in
    # it, and one of them has the root itself). Counted in C, not found element by element.
    parent = links.parent
    children = Counter(parent)
    lonely = [i for i in candidates if parent[i] == i and children[i] == 1]
    if not lonely:
        return
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i in distinct:
        entity = entities[i]
        if (
            not entity.acronym
            and entity.type in ("organisation", "other")
            and " " in entity.canonical
        ):
            for initials in initials_variants(entity.canonical):
                by_initials[initials].add(links.find(i))
    for i in lonely:
        roots = by_initials.get(acronym_key(entities[i].canonical).lower(), set())
        if len(roots) == 1:
            links.union(roots.pop(), i)


@lru_cache(maxsize=65536)
def _blocking_form_keys(canonical: str, type_: str | None) -> frozenset[str]:
    lex = lexicon()
    person = type_ == "person"
    keys = {"N:" + name_key(canonical)}
    if " " not in canonical:
        keys.add("A:" + acronym_key(canonical))
        initials = acronym_key(canonical)
        if len(initials) >= 3:  # only such an acronym is matched to initials
            keys.add("I:" + initials.lower())
    elif type_ in ("organisation", "other", None):
        keys.update("I:" + v for v in initials_variants(canonical) if len(v) >= 3)
    for acronym in (False, True):
        known = lex.known(canonical, acronym)
        if known is not None:
            keys.add("G:" + known.id)
    company = lex.without_legal_form(canonical)
    if company:
        keys.add("N:" + name_key(company))
    tokens = tuple(soft(t) for t in name_tokens(canonical))
    if tokens:
        keys.add("C:" + "".join(tokens))
        for variant in (tokens, *_fused_particle(tokens)):
            keys.add("S:" + " ".join(skeleton(t) for t in variant))
        core = " ".join(sorted(t for t in tokens if t not in lex.variant_place_words))
        if core:
            keys.add("P:" + core)
        if len(tokens) == 1 and type_ in ("person", "other", None):
            keys.add("U:" + skeleton(tokens[0]))
        if person:
            keys.add("P:" + tokens[-1])
            if len(tokens) >= 2:
                keys.add(f"F:{tokens[0]} {tokens[-1]}")
                keys.add("U:" + skeleton(tokens[-1]))
    return frozenset(keys)


@lru_cache(maxsize=65536)
def _blocking_alias_keys(alias: str) -> frozenset[str]:
    keys = {"N:" + name_key(alias)}
    if " " not in alias:
        keys.add("A:" + acronym_key(alias))
    return frozenset(keys)


def blocking_keys(canonical: str, type_: str | None, aliases: Iterable[str] = ()) -> set[str]:
    """Every key by which the steps above could join this entity to another: two entities
    that `link_names` joins share at least one (tests/core/test_name_links.py checks it).

    The library re-links only the names sharing a key with a new document's (store/link_scope.py),
    so a new way of joining names must add its key here, and bump the store's KEYS_VERSION.
    A superset: more keys only make that scope larger, never its result different.
    """
    keys = set(_blocking_form_keys(canonical, type_))
    for alias in aliases:
        keys |= _blocking_alias_keys(alias)
    return keys
