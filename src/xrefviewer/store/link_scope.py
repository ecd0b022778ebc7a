"""Which stored mentions a re-link after an import has to look at: the scope.

The core linkers decide inside blocks: figures never link across values
(`link_figures` blocks by value), and the name linkers join two document entities only
when they share a key of one of their steps (strict or compact key, alias, gazetteer
entity, spelling skeleton, place core, first and last name, surname frame, initials).
`core.name_links.blocking_keys` gives a superset of those keys for a mention; the `name_form_key` table keeps
them by canonical form (the union over the form's mentions). The scope grows from the new
and changed documents until it is closed: every form sharing a key with one in scope, every
figure of a value in scope, every member of a link holding a mention in scope and both sides
of a decision touching one. All the mentions of a form in scope are in scope. The linkers run
over the scope only, and give for it what a full re-link gives (tests compare them).

KEYS_VERSION names the key rules: a library whose keys were written under other rules
gets a full re-link, which writes them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from xrefviewer.core.name_links import blocking_keys
from xrefviewer.store.schema import (
    DecisionRow,
    LinkRow,
    MentionRow,
    NameKeyRow,
    StateRow,
)

KEYS_VERSION = "5"  # 3: a company name without its legal form; 4: a fused article; 5: mixed-case acronyms ("BoE")
KEYS_STATE = "name_keys"  # KEYS_VERSION once every stored name entity has its keys
DIRTY_DOCUMENTS = "relink_documents"  # documents written since the last re-link
DIRTY_LINKS = "relink_links"  # links that lost mentions to a re-imported document
ALL = "all"  # DIRTY_DOCUMENTS when so many were written that a full re-link is due anyway
MAX_DIRTY = 2000
CHUNK = 500  # ids or keys per IN (...): well under every database's parameter limit
# A scope this share of the library is re-linked in full: the same work, fewer queries.
FULL_SHARE = 0.25


def name_key_rows(names: Iterable[tuple[str, str | None, str]]) -> list[dict[str, str]]:
    """Rows of `name_form_key` for name mentions given as (canonical, type, aliases).

    Keys are kept by form, not by document: the same forms come back in document after
    document, and a form's keys are the union over its mentions' types and aliases.
    """
    seen: set[tuple[str, str]] = set()
    rows: list[dict[str, str]] = []
    for canonical, type_, aliases in set(names):
        for key in blocking_keys(canonical, type_, [a for a in aliases.split("\n") if a]):
            if (canonical, key) not in seen:
                seen.add((canonical, key))
                rows.append({"canonical": canonical, "key": key})
    return rows


def write_name_keys(session: Session, names: Iterable[tuple[str, str | None, str]]) -> None:
    rows = name_key_rows(names)
    if not rows:
        return
    table = NameKeyRow.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    for i in range(0, len(rows), CHUNK):
        session.execute(upsert(table).on_conflict_do_nothing(), rows[i : i + CHUNK])


def rebuild_name_keys(session: Session) -> None:
    """Keys for every stored name form (a library upgraded, or keys of older rules)."""
    session.execute(delete(NameKeyRow))
    names = session.execute(
        select(
            func.coalesce(MentionRow.canonical, MentionRow.value),
            MentionRow.type,
            func.coalesce(MentionRow.aliases, ""),
        )
        .where(MentionRow.kind == "name")
        .distinct()
    ).all()
    write_name_keys(session, [tuple(r) for r in names])  # type: ignore[misc]
    _set_state(session, KEYS_STATE, KEYS_VERSION)


def keys_ready(session: Session) -> bool:
    return _state(session, KEYS_STATE) == KEYS_VERSION


def mark_keys_ready(session: Session) -> None:
    _set_state(session, KEYS_STATE, KEYS_VERSION)


# -- what changed since the last re-link -------------------------------------------------------


def note_dirty(session: Session, doc_id: int, lost_links: Iterable[int] = ()) -> None:
    """In the transaction writing a document: it (and the links it lost mentions from) need
    a re-link."""
    if _state(session, DIRTY_DOCUMENTS) != ALL:
        known = _ids(session, DIRTY_DOCUMENTS)
        if len(known) >= MAX_DIRTY:
            _set_state(session, DIRTY_DOCUMENTS, ALL)
        else:
            _add_ids(session, DIRTY_DOCUMENTS, {doc_id}, known)
    lost = set(lost_links)
    if lost:
        _add_ids(session, DIRTY_LINKS, lost)


def dirty(session: Session) -> tuple[set[int], set[int]] | None:
    """The documents written and links left since the last re-link; None: too many to tell."""
    if _state(session, DIRTY_DOCUMENTS) == ALL:
        return None
    return _ids(session, DIRTY_DOCUMENTS), _ids(session, DIRTY_LINKS)


def clear_dirty(session: Session) -> None:
    session.execute(delete(StateRow).where(StateRow.key.in_((DIRTY_DOCUMENTS, DIRTY_LINKS))))


# -- the scope ---------------------------------------------------------------------------------


@dataclass
class Scope:
    """What a re-link looks at. A kind whose scope grew past FULL_SHARE of its mentions is
    re-linked whole (`all_names` / `all_figures`): the same work with fewer queries."""

    forms: set[str] = field(default_factory=set)  # canonical name forms
    values: set[str] = field(default_factory=set)  # figure values
    links: set[int] = field(default_factory=set)  # the old links of the scope
    all_names: bool = False
    all_figures: bool = False


_Side = tuple[str, int, str]  # ("name", document, canonical) or ("figure", document, value)


def scope_of(session: Session, documents: set[int], lost_links: set[int]) -> Scope:
    """The closed scope of a re-link after writing `documents` (and taking mentions out of
    `lost_links`)."""
    scope = Scope()
    forms: set[str] = set()
    values: set[str] = set()
    for rows in _chunks(sorted(documents)):
        # By document only: with a condition on kind, SQLite may choose the kind index.
        for kind, value in session.execute(
            select(MentionRow.kind, func.coalesce(MentionRow.canonical, MentionRow.value))
            .where(MentionRow.document_id.in_(rows))
            .distinct()
        ):
            if kind == "name":
                forms.add(value)
            elif kind == "figure":
                values.add(value)
    for kind, _, canonical, value in _members(session, lost_links):
        if kind == "name":
            forms.add(canonical)
        else:
            values.add(value)
    decided = _decided_mentions(session)
    # Counted on ix_mention_kind_value (the document rows hold their texts: slow to scan).
    totals = {
        kind: session.scalar(select(func.count()).where(MentionRow.kind == kind)) or 0
        for kind in ("name", "figure")
    }
    # Name mentions are found by their canonical column, which every name mention has
    # (the analysis gives one, and a name the user adds takes its value).
    names = _close_names(session, forms, decided, FULL_SHARE * totals.get("name", 0))
    if names is None:
        scope.all_names = True
    else:
        scope.forms, name_links = names
        scope.links |= name_links
    figures = _close_figures(session, values, decided, FULL_SHARE * totals.get("figure", 0))
    if figures is None:
        scope.all_figures = True
    else:
        scope.values, figure_links = figures
        scope.links |= figure_links
    for kind, whole in (("name", scope.all_names), ("figure", scope.all_figures)):
        if whole:
            scope.links.update(session.scalars(select(LinkRow.id).where(LinkRow.kind == kind)))
    return scope


def _close_names(
    session: Session,
    seeds: set[str],
    decided: list[tuple[_Side | None, _Side | None]],
    limit: float,
) -> tuple[set[str], set[int]] | None:
    """Every name form reachable from `seeds` through shared keys, links and decisions, with
    the links their mentions are in; None when they have more than `limit` mentions."""
    forms: set[str] = set()
    keys: set[str] = set()
    links: set[int] = set()
    mentions = 0
    todo = set(seeds)
    while todo:
        counted = set(todo)
        # Through keys first (small, indexed tables): forms are few, mentions many.
        while todo:
            forms |= todo
            if len(forms) > limit:  # a form has a mention or more: too large already
                return None
            fresh_keys: set[str] = set()
            for rows in _chunks(sorted(todo)):
                fresh_keys.update(
                    session.scalars(select(NameKeyRow.key).where(NameKeyRow.canonical.in_(rows)))
                )
            fresh_keys -= keys
            keys |= fresh_keys
            todo = set()
            for rows in _chunks(sorted(fresh_keys)):
                todo.update(
                    session.scalars(
                        select(NameKeyRow.canonical).where(NameKeyRow.key.in_(rows)).distinct()
                    )
                )
            for a, b in decided:
                sides = [s[2] for s in (a, b) if s is not None and s[0] == "name"]
                if any(side in forms or side in todo for side in sides):
                    todo.update(sides)
            todo -= forms
            counted |= todo
        # Then their mentions' links, whole.
        found_links: set[int] = set()
        for rows in _chunks(sorted(counted)):
            for link_id, count in session.execute(
                # Only name mentions have a canonical form: no condition on kind, which
                # could make SQLite read the kind index instead of ix_mention_canonical.
                select(MentionRow.link_id, func.count())
                .where(MentionRow.canonical.in_(rows))
                .group_by(MentionRow.link_id)
            ):
                mentions += count
                if link_id is not None:
                    found_links.add(link_id)
        if mentions > limit:
            return None
        fresh_links = found_links - links
        links |= fresh_links
        todo = {c for kind, _, c, _ in _members(session, fresh_links) if kind == "name"} - forms
    return forms, links


def _close_figures(
    session: Session,
    seeds: set[str],
    decided: list[tuple[_Side | None, _Side | None]],
    limit: float,
) -> tuple[set[str], set[int]] | None:
    """Every figure value reachable from `seeds` through links and decisions (the linker
    never joins two values: a merge does), with their links; None past `limit` mentions."""
    values: set[str] = set()
    links: set[int] = set()
    mentions = 0
    todo = set(seeds)
    while todo:
        values |= todo
        found_links: set[int] = set()
        for rows in _chunks(sorted(todo)):
            for link_id, count in session.execute(
                select(MentionRow.link_id, func.count())
                .where(MentionRow.kind == "figure", MentionRow.value.in_(rows))
                .group_by(MentionRow.link_id)
            ):
                mentions += count
                if link_id is not None:
                    found_links.add(link_id)
        if mentions > limit:
            return None
        todo = set()
        fresh_links = found_links - links
        links |= fresh_links
        for kind, _, _, value in _members(session, fresh_links):
            if kind == "figure":
                todo.add(value)
        for a, b in decided:
            sides = [s for s in (a, b) if s is not None and s[0] == "figure"]
            if any(s[2] in values or s[2] in todo for s in sides):
                todo.update(s[2] for s in sides)
        todo -= values
    return values, links


def _members(session: Session, links: set[int]) -> list[tuple[str, int, str, str]]:
    """(kind, document, canonical, value) of every mention of `links`."""
    out: list[tuple[str, int, str, str]] = []
    for rows in _chunks(sorted(links)):
        out.extend(
            session.execute(
                select(
                    MentionRow.kind,
                    MentionRow.document_id,
                    func.coalesce(MentionRow.canonical, MentionRow.value),
                    MentionRow.value,
                ).where(MentionRow.link_id.in_(rows))
            ).all()  # type: ignore[arg-type]
        )
    return out


def _decided_mentions(session: Session) -> list[tuple[_Side | None, _Side | None]]:
    """The mentions of each decision the re-link replays, as scope members."""
    decisions = session.execute(
        select(
            DecisionRow.document_id, DecisionRow.kind, DecisionRow.start, DecisionRow.end,
            DecisionRow.other_document_id, DecisionRow.other_kind, DecisionRow.other_start,
            DecisionRow.other_end,
        ).where(DecisionRow.action.in_(("merge", "split", "not_same", "rename")))
    ).all()  # fmt: skip
    out: list[tuple[_Side | None, _Side | None]] = []
    for d in decisions:
        sides: list[_Side | None] = []
        for doc_id, kind, start, end in (d[:4], d[4:]):
            row = None
            if doc_id is not None:
                row = session.execute(
                    select(
                        MentionRow.kind,
                        func.coalesce(MentionRow.canonical, MentionRow.value),
                        MentionRow.value,
                    )
                    .where(
                        MentionRow.document_id == doc_id,
                        MentionRow.kind == kind,
                        MentionRow.start == start,
                        MentionRow.end == end,
                    )
                    .limit(1)
                ).first()
            if row is None:
                sides.append(None)
            elif row[0] == "name":
                sides.append(("name", doc_id, row[1]))
            else:
                sides.append(("figure", doc_id, row[2]))
        out.append((sides[0], sides[1]))
    return out


def scope_rows(session: Session, scope: Scope, columns: Sequence[Any]) -> list[Sequence[Any]]:
    """The non-dismissed figure and name mentions of the scope, in id order."""
    rows: dict[int, Sequence[Any]] = {}
    live = MentionRow.dismissed.is_(False)
    for kind, whole in (("name", scope.all_names), ("figure", scope.all_figures)):
        if whole:
            for r in session.execute(select(*columns).where(MentionRow.kind == kind, live)):
                rows[r[0]] = r
    if not scope.all_figures:
        for chunk in _chunks(sorted(scope.values)):
            for r in session.execute(
                select(*columns).where(
                    MentionRow.kind == "figure", MentionRow.value.in_(chunk), live
                )
            ):
                rows[r[0]] = r
    if not scope.all_names:
        for chunk in _chunks(sorted(scope.forms)):
            for r in session.execute(select(*columns).where(MentionRow.canonical.in_(chunk), live)):
                rows[r[0]] = r
    return [rows[i] for i in sorted(rows)]


# -- small helpers -----------------------------------------------------------------------------


def _chunks(items: Sequence[object]) -> Iterator[list]:  # type: ignore[type-arg]
    for i in range(0, len(items), CHUNK):
        yield list(items[i : i + CHUNK])


def _state(session: Session, key: str) -> str | None:
    return session.scalar(select(StateRow.value).where(StateRow.key == key))


def _set_state(session: Session, key: str, value: str) -> None:
    session.execute(delete(StateRow).where(StateRow.key == key))
    session.add(StateRow(key=key, value=value))
    session.flush()


def _ids(session: Session, key: str) -> set[int]:
    return {int(v) for v in (_state(session, key) or "").split()}


def _add_ids(session: Session, key: str, ids: set[int], known: set[int] | None = None) -> None:
    known = _ids(session, key) if known is None else known
    if ids <= known:
        return
    _set_state(session, key, " ".join(map(str, sorted(known | ids))))


__all__ = [
    "Scope",
    "clear_dirty",
    "dirty",
    "keys_ready",
    "mark_keys_ready",
    "note_dirty",
    "rebuild_name_keys",
    "scope_of",
    "scope_rows",
    "write_name_keys",
]
