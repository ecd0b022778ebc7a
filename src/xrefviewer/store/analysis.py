"""A library's contents as one `xrefviewer.core.model.Analysis`, for the cross-document tools.

The discrepancy finder and the timeline work on an Analysis; this reads the whole library
into one in a few queries (not one per document). Ids become "d<document id>",
"m<mention id>", "l<link id>", "e<event id>", so that a viewer can map a discrepancy's or a
timeline entry's ids back to the library's records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xrefviewer.core.model import Analysis, Document, Event, Link, Mention
from xrefviewer.store import queries
from xrefviewer.store.records import EventInfo, LinkInfo, MentionInfo
from xrefviewer.store.schema import DocumentRow, MentionRow


def analysis_from_library(library: Any) -> Analysis:
    """An open library's documents, mentions, links and events as one Analysis.

    `library` is a `xrefviewer.store.library.Library` (read in a few queries), or anything
    with the same read methods (read through them: a stand-in in the viewer's tests).
    """
    read_all = getattr(library, "analysis", None)
    if read_all is not None:
        return read_all()  # type: ignore[no-any-return]
    analysis = Analysis()
    link_members: dict[int, list[str]] = {}
    for info in library.documents():
        analysis.documents.append(
            Document(
                f"d{info.id}",
                info.path,
                info.title,
                library.document_text(info.id),
                info.date,
                info.date_source,
            )
        )
        for m in library.mentions(info.id):
            _add_mention(analysis, link_members, m)
    _add_links_and_events(analysis, link_members, library.links(), library.events())
    return analysis


def _add_mention(analysis: Analysis, link_members: dict[int, list[str]], m: MentionInfo) -> None:
    value: int | float | str = m.value
    if m.kind == "figure":
        number = m.number
        if number is None:
            return
        value = int(number) if number.is_integer() else number
    mention = Mention(
        f"m{m.id}", f"d{m.document_id}", m.kind, m.start, m.end, m.text, value,  # type: ignore[arg-type]
        counts=m.counts, qualifier=m.qualifier, action=m.action, type=m.type,
        uncertain=m.uncertain,
    )  # fmt: skip
    analysis.mentions.append(mention)
    if m.link_id is not None:
        link_members.setdefault(m.link_id, []).append(mention.id)


def _add_links_and_events(
    analysis: Analysis,
    link_members: dict[int, list[str]],
    links: Iterable[LinkInfo],
    events: Iterable[EventInfo],
) -> None:
    for link in links:
        members = link_members.get(link.id, [])
        if len(members) >= 2:
            analysis.links.append(Link(f"l{link.id}", link.kind, link.label, tuple(members)))  # type: ignore[arg-type]
    for e in events:
        analysis.events.append(
            Event(
                f"e{e.id}",
                f"d{e.document_id}",
                e.date,
                e.start,
                e.end,
                e.text,
                tuple(f"m{i}" for i in e.mention_ids),
                uncertain=e.uncertain,
            )
        )


def analysis_of(session: Session) -> Analysis:
    analysis = Analysis()
    texts: dict[int, str] = dict(session.execute(select(DocumentRow.id, DocumentRow.text)).all())  # type: ignore[arg-type]
    for info in queries.documents(session):
        analysis.documents.append(
            Document(
                f"d{info.id}", info.path, info.title, texts[info.id], info.date, info.date_source
            )
        )
    link_members: dict[int, list[str]] = {}
    rows = session.execute(
        select(*queries.MENTION_COLUMNS)
        .where(MentionRow.dismissed.is_(False))
        .order_by(MentionRow.document_id, MentionRow.start, MentionRow.end, MentionRow.id)
    )
    for row in rows:
        _add_mention(analysis, link_members, queries.mention_from_row(row))
    _add_links_and_events(analysis, link_members, queries.links(session), queries.events(session))
    return analysis
