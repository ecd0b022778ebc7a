"""The user's decisions applied at once, without re-linking the whole library.

Each decision is also recorded (DecisionRow) and replayed by `relink` after every
re-analysis; applying it here directly keeps a merge or a split instant in a library of
ten thousand documents, where a full re-link takes minutes.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from xrefviewer.store.schema import LinkRow, MentionRow, NoteRow
from xrefviewer.store.writing import allocate_ids


def recount(session: Session, link_ids: Iterable[int]) -> None:
    """Bring links' counts up to date; a link left with fewer than two mentions goes."""
    for link_id in set(link_ids):
        mentions, documents = session.execute(
            select(func.count(), func.count(func.distinct(MentionRow.document_id))).where(
                MentionRow.link_id == link_id, MentionRow.dismissed.is_(False)
            )
        ).one()
        if mentions >= 2:
            session.execute(
                update(LinkRow)
                .where(LinkRow.id == link_id)
                .values(mentions=mentions, documents=documents)
            )
            continue
        rows = session.execute(
            select(MentionRow.id, MentionRow.kind, MentionRow.canonical, MentionRow.value).where(
                MentionRow.link_id == link_id
            )
        ).all()
        for row in rows:
            value = row.canonical or row.value if row.kind == "name" else row.value
            session.execute(
                update(MentionRow).where(MentionRow.id == row.id).values(link_id=None, value=value)
            )
        session.execute(
            update(NoteRow)
            .where(NoteRow.target_kind == "link", NoteRow.target_id == link_id)
            .values(orphaned=True)
        )
        session.execute(delete(LinkRow).where(LinkRow.id == link_id))
    session.flush()


def merge(session: Session, keep: LinkRow, other: LinkRow) -> None:
    values = {"link_id": keep.id}
    if keep.kind == "name":
        shown = session.scalar(
            select(MentionRow.value).where(MentionRow.link_id == keep.id).limit(1)
        )
        values["value"] = shown or keep.label  # type: ignore[assignment]
    session.execute(update(MentionRow).where(MentionRow.link_id == other.id).values(**values))
    # Notes on the merged-away link now belong to the link it joined.
    session.execute(
        update(NoteRow)
        .where(NoteRow.target_kind == "link", NoteRow.target_id == other.id)
        .values(target_id=keep.id)
    )
    if other.renamed and not keep.renamed:
        keep.label, keep.renamed = other.label, True
    session.execute(delete(LinkRow).where(LinkRow.id == other.id))
    recount(session, [keep.id])


def detach(session: Session, mention: MentionRow) -> None:
    """Take one mention out of its link (split or dismiss)."""
    old = mention.link_id
    mention.link_id = None
    if mention.kind == "name":
        mention.value = mention.canonical or mention.value
    session.flush()
    if old is not None:
        recount(session, [old])


def attach(session: Session, mention: MentionRow) -> None:
    """Link a mention the user added to what obviously shares its value, until the next re-link.

    A name joins the link labelled with its value, or the link of a mention whose canonical
    form it shares; a figure joins the widest link already holding its number.
    """
    value = mention.value
    if mention.kind == "name":
        folded = value.casefold()
        link_id = session.scalar(
            select(LinkRow.id)
            .where(LinkRow.kind == "name", func.lower(LinkRow.label) == folded)
            .order_by(LinkRow.documents.desc())
            .limit(1)
        )
        match_column = func.lower(func.coalesce(MentionRow.canonical, MentionRow.value))
        if link_id is None:
            link_id = session.scalar(
                select(MentionRow.link_id)
                .where(
                    MentionRow.kind == "name",
                    MentionRow.link_id.is_not(None),
                    match_column == folded,
                )
                .limit(1)
            )
    else:
        match_column = MentionRow.value
        folded = value
        link_id = session.scalar(
            select(LinkRow.id)
            .join(MentionRow, MentionRow.link_id == LinkRow.id)
            .where(LinkRow.kind == "figure", MentionRow.value == value)
            .order_by(LinkRow.documents.desc(), LinkRow.id)
            .limit(1)
        )
    if link_id is None:
        partner = session.scalar(
            select(MentionRow.id).where(
                MentionRow.kind == mention.kind,
                MentionRow.id != mention.id,
                MentionRow.link_id.is_(None),
                MentionRow.dismissed.is_(False),
                match_column == folded,
            )
        )
        if partner is None:
            return
        (link_id,) = allocate_ids(session, LinkRow, 1)
        session.add(
            LinkRow(
                id=link_id, kind=mention.kind, label=value, renamed=False, mentions=0, documents=0
            )
        )
        session.flush()
        session.execute(update(MentionRow).where(MentionRow.id == partner).values(link_id=link_id))
    mention.link_id = link_id
    session.flush()
    recount(session, [link_id])
