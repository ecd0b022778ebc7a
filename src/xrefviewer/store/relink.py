"""Linking across the whole library from stored mentions, then replaying the user's decisions.

Nothing is re-extracted: the linkers of `xrefviewer.core` run over the span records kept
for every document, so importing ten documents into ten thousand costs one near-linear
pass, not ten thousand analyses. Link ids stay stable across re-links: a new cluster takes
the id of the old link it shares most mentions with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from xrefviewer.core.figure_links import link_figures
from xrefviewer.core.incidents import Incidents, Mark, mark
from xrefviewer.core.model import Ref
from xrefviewer.core.name_links import link_names
from xrefviewer.store.link_scope import (
    clear_dirty,
    dirty,
    keys_ready,
    rebuild_name_keys,
    scope_of,
    scope_rows,
)
from xrefviewer.store.rows import figure_span, name_span
from xrefviewer.store.schema import DecisionRow, DocumentRow, LinkRow, MentionRow, NoteRow
from xrefviewer.store.writing import allocate_ids, clear_links_stale

_COLUMNS = (
    MentionRow.id, MentionRow.document_id, MentionRow.kind, MentionRow.start, MentionRow.end,
    MentionRow.text, MentionRow.value, MentionRow.canonical, MentionRow.aliases,
    MentionRow.counts, MentionRow.qualifier, MentionRow.action, MentionRow.unit,
    MentionRow.type, MentionRow.link_id, MentionRow.gender,
)  # fmt: skip


class _Mention(NamedTuple):
    """A stored mention as the linkers need it (a plain tuple: fast to read 10^6 of them)."""

    id: int
    document_id: int
    kind: str
    start: int
    end: int
    text: str
    value: str
    canonical: str | None
    aliases: str
    counts: str | None
    qualifier: str | None
    action: str | None
    unit: str | None
    type: str | None
    link_id: int | None
    gender: str


@dataclass
class Clusters:
    """Mutable clusters of mention ids, for replaying decisions."""

    members: dict[int, set[int]] = field(default_factory=dict)
    where: dict[int, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    renamed: dict[int, str] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    _next: int = 0

    def new(self, kind: str, label: str, mentions: Iterable[int]) -> int:
        number = self._next
        self._next += 1
        self.members[number] = set()
        self.labels[number] = label
        self.kinds[number] = kind
        for m in mentions:
            self.move(m, number)
        return number

    def move(self, mention: int, cluster: int) -> None:
        old = self.where.get(mention)
        if old is not None:
            self.members[old].discard(mention)
        self.members[cluster].add(mention)
        self.where[mention] = cluster


def relink(session: Session, prefer: Mapping[int, int] | None = None) -> None:
    """Recompute every link from the stored mentions and the user's decisions.

    Args:
        prefer: mention id -> link id: the cluster holding that mention keeps that link id
            (so that merging B into A leaves A's id even when B was larger).
    """
    if not keys_ready(session):
        # An upgraded library, or keys of older rules: write them for the next imports.
        rebuild_name_keys(session)
    # In id order: the linkers' results inside a block follow the order of their input, and
    # a re-link of a scope must see its mentions in the order a full one does.
    rows = [
        _Mention(*r)
        for r in session.execute(
            select(*_COLUMNS)
            .where(MentionRow.kind.in_(("figure", "name")), MentionRow.dismissed.is_(False))
            .order_by(MentionRow.id)
        )
    ]
    _link(session, rows, prefer or {}, None)


def relink_changed(session: Session) -> bool:
    """Re-link only what the documents written since the last re-link can affect.

    Returns False (nothing done) when that can't be told: the caller re-links everything.
    """
    if not keys_ready(session):
        return False
    changed = dirty(session)
    if changed is None:
        return False
    documents, lost = changed
    scope = scope_of(session, documents, lost)
    if scope.all_names and scope.all_figures:
        return False
    rows = [_Mention(*r) for r in scope_rows(session, scope, _COLUMNS)]
    _link(session, rows, {}, scope.links)
    return True


def _link(
    session: Session,
    rows: list[_Mention],
    prefer: Mapping[int, int],
    old_links: set[int] | None,
) -> None:
    """Link `rows` (all mentions, or a closed scope of them and its `old_links`)."""
    by_id = {r.id: r for r in rows}
    figure_refs = [
        Ref(str(r.id), str(r.document_id), figure_span(r)) for r in rows if r.kind == "figure"
    ]
    name_refs = [Ref(str(r.id), str(r.document_id), name_span(r)) for r in rows if r.kind == "name"]

    clusters = Clusters()
    name_clusters = link_names(name_refs)
    canonical: dict[int, str] = {}
    for c in name_clusters:
        ids = [int(m) for m in c.mentions]
        for m in ids:
            canonical[m] = c.label
        clusters.new("name", c.label, ids)
    incidents = Incidents(_incident_source(session))
    for c in link_figures(figure_refs, incidents.keys):
        clusters.new("figure", c.label, [int(m) for m in c.mentions])

    replay_decisions(session, clusters, by_id)
    write_links(session, clusters, by_id, canonical, prefer, old_links)
    clear_links_stale(session)
    clear_dirty(session)


def _incident_source(session: Session) -> Callable[[str], tuple[str, list[Mark]]]:
    """A stored document's text and the places, people and years it names (for the few
    figures whose incident decides their link)."""

    def source(document: str) -> tuple[str, list[Mark]]:
        doc_id = int(document)
        text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id))
        rows = session.execute(
            select(
                MentionRow.id,
                MentionRow.start,
                MentionRow.end,
                MentionRow.kind,
                MentionRow.type,
                MentionRow.value,
                MentionRow.canonical,
            )
            .where(
                MentionRow.document_id == doc_id,
                MentionRow.kind.in_(("name", "date")),
                MentionRow.dismissed.is_(False),
            )
            .order_by(MentionRow.start, MentionRow.id)
        )
        marks = []
        for mid, start, end, kind, type_, value, own in rows:
            if kind == "date":
                found = mark(start, end, str(mid), "date", value)
            else:
                found = mark(start, end, str(mid), type_ or "", own or value)
            if found is not None:
                marks.append(found)
        return text or "", marks

    return source


def _key(row: _Mention) -> tuple[int, str, int, int]:
    return (row.document_id, row.kind, row.start, row.end)


def _similarity_key(row: _Mention) -> str:
    if row.kind == "name":
        return " ".join((row.canonical or row.text).lower().split())
    return f"{row.value}|{(row.counts or '').lower()}"


def replay_decisions(session: Session, clusters: Clusters, by_id: Mapping[int, _Mention]) -> None:
    """Apply merge, split, not-same and rename decisions in the order the user made them."""
    decisions = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.action.in_(("merge", "split", "not_same", "rename")))
        .order_by(DecisionRow.id)
    ).all()
    if not decisions:
        return
    lookup = {_key(r): mid for mid, r in by_id.items()}

    def cluster_of(mention: int) -> int:
        found = clusters.where.get(mention)
        if found is None:
            row = by_id[mention]
            found = clusters.new(row.kind, _own_label(row), [mention])
        return found

    for d in decisions:
        a = lookup.get((d.document_id, d.kind, d.start, d.end))
        if a is None:
            continue  # its mention is gone (re-imported document without that text)
        if d.action == "split":
            clusters.new(by_id[a].kind, _own_label(by_id[a]), [a])
        elif d.action == "rename":
            clusters.renamed[cluster_of(a)] = d.label or ""
        else:
            b = lookup.get((d.other_document_id, d.other_kind, d.other_start, d.other_end))  # type: ignore[arg-type]
            if b is None:
                continue
            ca, cb = cluster_of(a), cluster_of(b)
            if d.action == "merge" and ca != cb:
                for m in list(clusters.members[cb]):
                    clusters.move(m, ca)
                if cb in clusters.renamed and ca not in clusters.renamed:
                    clusters.renamed[ca] = clusters.renamed[cb]
            elif d.action == "not_same" and ca == cb:
                key_a, key_b = _similarity_key(by_id[a]), _similarity_key(by_id[b])
                moving = {b}
                if key_a != key_b:
                    moving |= {
                        m for m in clusters.members[ca] if _similarity_key(by_id[m]) == key_b
                    }
                clusters.new(by_id[b].kind, _own_label(by_id[b]), moving)


def _own_label(row: _Mention) -> str:
    """A label for a mention on its own: a figure as written, a name in its fullest form."""
    return row.text if row.kind == "figure" else (row.canonical or row.text)


def write_links(
    session: Session,
    clusters: Clusters,
    by_id: Mapping[int, _Mention],
    canonical: Mapping[int, str],
    prefer: Mapping[int, int],
    old_links: set[int] | None = None,
) -> None:
    """Write the clusters as links; `old_links`: the only old links they replace (a scope's),
    None: all of them."""
    query = select(
        LinkRow.id,
        LinkRow.kind,
        LinkRow.label,
        LinkRow.renamed,
        LinkRow.mentions,
        LinkRow.documents,
    )
    old_rows: dict[int, tuple[object, ...]] = {}
    if old_links is None:
        old_rows = {r[0]: tuple(r[1:]) for r in session.execute(query)}
    else:
        ordered = sorted(old_links)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i : i + 500]
            old_rows.update(
                {r[0]: tuple(r[1:]) for r in session.execute(query.where(LinkRow.id.in_(chunk)))}
            )
    old_ids = set(old_rows)
    final = [(number, members) for number, members in clusters.members.items() if len(members) >= 2]
    # Biggest clusters first pick the old id they share most mentions with.
    final.sort(key=lambda item: (-len(item[1]), min(item[1])))
    taken: set[int] = set()
    assigned: dict[int, int | None] = {}
    for number, members in final:
        wanted = [prefer[m] for m in members if m in prefer and prefer[m] in old_ids]
        choice = next((w for w in wanted if w not in taken), None)
        if choice is None:
            votes = Counter(by_id[m].link_id for m in members if by_id[m].link_id is not None)
            choice = next(
                (
                    lid
                    for lid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
                    if lid not in taken and lid in old_ids
                ),
                None,
            )
        if choice is not None:
            taken.add(choice)
        assigned[number] = choice

    new_link_of: dict[int, int] = {}
    fresh: list[tuple[int, dict[str, object]]] = []
    updates: list[dict[str, object]] = []
    for number, members in final:
        docs = {by_id[m].document_id for m in members}
        renamed = number in clusters.renamed
        values = dict(
            kind=clusters.kinds[number],
            label=clusters.renamed.get(number) or clusters.labels[number],
            renamed=renamed,
            mentions=len(members),
            documents=len(docs),
        )
        link_id = assigned[number]
        if link_id is None:
            fresh.append((number, values))
            continue
        if old_rows[link_id] != tuple(values.values()):
            updates.append({"id": link_id, **values})
        for m in members:
            new_link_of[m] = link_id
    if updates:
        session.execute(update(LinkRow), updates)
    if fresh:
        ids = allocate_ids(session, LinkRow, len(fresh))
        session.execute(
            insert(LinkRow.__table__),
            [{"id": link_id, **values} for link_id, (_, values) in zip(ids, fresh, strict=True)],
        )
        for (number, _), link_id in zip(fresh, ids, strict=True):
            for m in clusters.members[number]:
                new_link_of[m] = link_id
    session.flush()

    # A linked name shows its link's canonical form; an unlinked one what the linker
    # (or, failing that, its own document) says it is.
    linked_label = {m: clusters.labels[number] for number, members in final for m in members}
    changes = []
    for mid, row in by_id.items():
        link_id = new_link_of.get(mid)
        value = row.value
        if row.kind == "name":
            value = linked_label.get(mid) or canonical.get(mid, row.canonical or row.value)
        if link_id != row.link_id or value != row.value:
            changes.append({"id": mid, "link_id": link_id, "value": value})
    if changes:
        session.execute(update(MentionRow), changes)
    # Dismissed mentions never belong to a link.
    dismissed = update(MentionRow).where(
        MentionRow.dismissed.is_(True), MentionRow.link_id.is_not(None)
    )
    if old_links is None:
        session.execute(dismissed.values(link_id=None))
    gone = sorted(old_ids - taken)
    for i in range(0, len(gone), 500):
        chunk = gone[i : i + 500]
        if old_links is not None:
            session.execute(dismissed.where(MentionRow.link_id.in_(chunk)).values(link_id=None))
        session.execute(
            update(MentionRow).where(MentionRow.link_id.in_(chunk)).values(link_id=None)
        )
        session.execute(
            update(NoteRow)
            .where(NoteRow.target_kind == "link", NoteRow.target_id.in_(chunk))
            .values(orphaned=True)
        )
        session.execute(delete(LinkRow).where(LinkRow.id.in_(chunk)))
    session.flush()
