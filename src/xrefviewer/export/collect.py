"""Reading what to export out of the library into an `ExportBundle`, in one place.

The formatters never see the library; this module is the only one that asks it anything.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from xrefviewer import __version__
from xrefviewer.errors import UsageError, XrefError
from xrefviewer.export.model import (
    ExportBundle,
    ExportClaim,
    ExportDecision,
    ExportDiscrepancy,
    ExportDocument,
    ExportLink,
    ExportNote,
    ExportOccurrence,
    Highlight,
)
from xrefviewer.store.records import (
    DocumentInfo,
    EventInfo,
    LinkInfo,
    MentionInfo,
    NoteInfo,
    Occurrence,
)

if TYPE_CHECKING:
    from xrefviewer.core.discrepancies import Discrepancy
    from xrefviewer.store.library import Library

DEFAULT_TITLE = "xrefviewer notes"


class ExportSelectionError(UsageError):
    """Nothing, or something that isn't there, was asked for."""


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC; a naive time is taken as UTC, as the store keeps them."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Reader:
    """Caches what several links and notes ask of the library more than once."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.documents: dict[int, DocumentInfo] = {d.id: d for d in library.documents()}
        self._mentions: dict[int, list[MentionInfo]] = {}
        self._starts: dict[int, list[int]] = {}
        self._mention_by_id: dict[int, MentionInfo] = {}
        self._texts: dict[int, str] = {}
        self._events: dict[int, EventInfo] | None = None
        self._scanned = False

    def mentions(self, document_id: int) -> list[MentionInfo]:
        if document_id not in self._mentions:
            found = sorted(self.library.mentions(document_id), key=lambda m: (m.start, m.end))
            self._mentions[document_id] = found
            self._starts[document_id] = [m.start for m in found]
            self._mention_by_id.update((m.id, m) for m in found)
        return self._mentions[document_id]

    def mentions_within(self, document_id: int, lo: int, hi: int) -> list[MentionInfo]:
        """Mentions wholly inside [lo, hi), found by bisection: a long document has thousands."""
        mentions = self.mentions(document_id)
        first = bisect_left(self._starts[document_id], lo)
        out = []
        for m in mentions[first:]:
            if m.start >= hi:
                break
            if m.end <= hi:
                out.append(m)
        return out

    def mention(self, mention_id: int) -> MentionInfo | None:
        if mention_id not in self._mention_by_id and not self._scanned:
            # The facade has no lookup by mention id; read documents until it turns up.
            for document_id in self.documents:
                self.mentions(document_id)
                if mention_id in self._mention_by_id:
                    break
            else:
                self._scanned = True
        return self._mention_by_id.get(mention_id)

    def text(self, document_id: int) -> str:
        if document_id not in self._texts:
            self._texts[document_id] = self.library.document_text(document_id)
        return self._texts[document_id]

    def event(self, event_id: int) -> EventInfo | None:
        if self._events is None:
            self._events = {e.id: e for e in self.library.events()}
        return self._events.get(event_id)


def raw_quote(text: str, snippet: str, snippet_start: int, start: int, end: int) -> tuple[str, int]:
    """The passage of the document text a snippet was made from, and its offset.

    The library hands out snippets with whitespace collapsed; offsets into the quote must
    match the document, so the quote is cut from the text itself: from `snippet_start`, as
    many non-space characters as the snippet holds. When that doesn't hold the mention
    (a stale snippet), some words either side of the mention are taken instead.
    """
    wanted = sum(1 for ch in snippet if not ch.isspace())
    pos, seen = snippet_start, 0
    while pos < len(text) and seen < wanted:
        if not text[pos].isspace():
            seen += 1
        pos += 1
    if snippet and snippet_start <= start and end <= pos:
        lo, hi = snippet_start, pos
    else:
        lo, hi = max(0, start - 80), min(len(text), end + 80)
    lo, hi = _whole_words(text, lo, hi)
    return text[lo:hi], lo


def _whole_words(text: str, lo: int, hi: int, reach: int = 30) -> tuple[int, int]:
    """Widen a cut that falls inside a word to the word's ends ("ty times" -> "twenty times")."""
    for _ in range(reach):
        if lo <= 0 or lo >= len(text) or not (text[lo - 1].isalnum() and text[lo].isalnum()):
            break
        lo -= 1
    for _ in range(reach):
        if hi <= 0 or hi >= len(text) or not (text[hi].isalnum() and text[hi - 1].isalnum()):
            break
        hi += 1
    return lo, hi


def _occurrence(reader: _Reader, occ: Occurrence) -> ExportOccurrence:
    mention = occ.mention
    document = reader.documents.get(mention.document_id)
    quote, quote_start = raw_quote(
        reader.text(mention.document_id), occ.snippet, occ.snippet_start, mention.start, mention.end
    )
    quote_end = quote_start + len(quote)
    highlights = tuple(
        Highlight(m.start - quote_start, m.end - quote_start, m.kind, own=m.id == mention.id)
        for m in reader.mentions_within(mention.document_id, quote_start, quote_end)
    )
    return ExportOccurrence(
        mention_id=mention.id,
        document_id=mention.document_id,
        document_title=occ.document_title,
        document_date=occ.document_date,
        content_hash=document.content_hash if document else "",
        kind=mention.kind,
        text=mention.text,
        value=mention.value,
        start=mention.start,
        end=mention.end,
        line=occ.line,
        column=occ.column,
        quote=quote,
        quote_start=quote_start,
        highlights=highlights,
        added_by_user=mention.added_by_user,
    )


def _link(reader: _Reader, info: LinkInfo) -> ExportLink:
    occurrences = tuple(_occurrence(reader, o) for o in reader.library.link_occurrences(info.id))
    return ExportLink(
        id=info.id,
        kind=info.kind,
        label=info.label,
        occurrences=occurrences,
        renamed=info.renamed,
    )


def _note(reader: _Reader, note: NoteInfo) -> ExportNote:
    """A note with its target's document, place and text filled in where they can be found."""
    base = {
        "id": note.id,
        "target_kind": note.target_kind,
        "target_id": note.target_id,
        "body": note.body,
        "created_at": iso(note.created_at),
        "updated_at": iso(note.updated_at),
        "quote": note.quote,
        "orphaned": note.orphaned,
    }
    document_id: int | None = None
    span: dict[str, object] = {}
    if note.target_kind == "document":
        document_id = note.target_id
    elif note.target_kind == "link":
        base["link_id"] = note.target_id
    elif note.target_kind == "mention":
        mention = reader.mention(note.target_id)
        if mention is not None:
            document_id = mention.document_id
            span = {"start": mention.start, "end": mention.end, "text": mention.text}
            span["kind"] = mention.kind
            base["link_id"] = mention.link_id
    elif note.target_kind == "event":
        event = reader.event(note.target_id)
        if event is not None:
            document_id = event.document_id
            span = {"start": event.start, "end": event.end, "text": event.text, "kind": event.date}
    document = reader.documents.get(document_id) if document_id is not None else None
    if document is not None:
        base.update(
            document_id=document.id,
            document_title=document.title,
            document_date=document.date,
            content_hash=document.content_hash,
        )
        start = span.get("start")
        if isinstance(start, int):
            base["line"], base["column"] = line_and_column(reader.text(document.id), start)
    base.update(span)
    return ExportNote(**base)  # type: ignore[arg-type]


def _kept_apart(reader: _Reader, documents: set[int] | None) -> list[ExportDecision]:
    """The user's not-same and dismiss decisions (Library.decisions), in the order made:
    every one, or those naming a mention in `documents`. A decision whose document has left
    the library is left out: nothing could find its quote again."""
    read = getattr(reader.library, "decisions", None)
    if read is None:  # a stand-in library without the decision log
        return []
    out: list[ExportDecision] = []
    for d in read():
        if d.kind not in ("not_same", "dismiss") or d.document_id not in reader.documents:
            continue
        other = reader.documents.get(d.b_document_id) if d.b_document_id is not None else None
        if d.kind == "not_same" and (other is None or d.b_start is None or d.b_end is None):
            continue
        named = {d.document_id} | ({other.id} if other else set())
        if documents is not None and not named & documents:
            continue
        document = reader.documents[d.document_id]
        out.append(
            ExportDecision(
                "not_same" if d.kind == "not_same" else "dismiss",
                document.content_hash,
                d.mention_kind,
                d.start,
                d.end,
                d.text,
                document_title=document.title,
                other_content_hash=other.content_hash if other else None,
                other_kind=d.b_mention_kind if other else None,
                other_start=d.b_start if other else None,
                other_end=d.b_end if other else None,
                other_text=d.b_text if other else None,
                other_document_title=other.title if other else None,
            )
        )
    return out


def _decisions(
    reader: _Reader,
    links: list[ExportLink],
    notes: list[ExportNote],
    everything: bool,
    documents: set[int],
) -> tuple[ExportDecision, ...]:
    """The user's corrections another library can replay: added mentions, renamed links,
    and (from the library's decision log) links kept apart and mentions dismissed.

    Merges travel as the links themselves (the importer joins what one link held); splits
    are what a link no longer holds.
    """
    out: list[ExportDecision] = []
    for link in links:
        if link.renamed and link.occurrences:
            occ = link.occurrences[0]
            out.append(
                ExportDecision(
                    "rename",
                    occ.content_hash,
                    occ.kind,
                    occ.start,
                    occ.end,
                    occ.text,
                    document_title=occ.document_title,
                    label=link.label,
                )
            )
    added: dict[int, MentionInfo] = {}
    for link in links:
        for occ in link.occurrences:
            if occ.added_by_user:
                found = reader.mention(occ.mention_id)
                if found is not None:
                    added[found.id] = found
    for note in notes:
        if note.target_kind == "mention":
            found = reader.mention(note.target_id)
            if found is not None and found.added_by_user:
                added[found.id] = found
    if everything:
        for document_id in reader.documents:
            added.update((m.id, m) for m in reader.mentions(document_id) if m.added_by_user)
    for mention in sorted(added.values(), key=lambda m: (m.document_id, m.start, m.id)):
        document = reader.documents[mention.document_id]
        out.insert(
            0,  # mentions first: a rename or a note may be about one of them
            ExportDecision(
                "add",
                document.content_hash,
                mention.kind,
                mention.start,
                mention.end,
                mention.text,
                document_title=document.title,
                label=mention.value,
            ),
        )
    out += _kept_apart(reader, None if everything else documents)
    return tuple(out)


def _record_id(analysis_id: str) -> int:
    # The library's analysis names its records "d12", "m34" (xrefviewer.store.analysis).
    return int(analysis_id[1:])


def _discrepancies(reader: _Reader, scope: set[int] | None) -> tuple[ExportDiscrepancy, ...]:
    """The library's discrepancies (every one, or those with a claim in `scope`'s
    documents), numbered as `xrefviewer discrepancies --db` numbers them."""
    from xrefviewer.core.discrepancies import find_discrepancies
    from xrefviewer.store.analysis import analysis_from_library

    found: list[Discrepancy] = find_discrepancies(analysis_from_library(reader.library))
    out = []
    for d in found:
        claims = []
        for c in d.claims:
            document_id = _record_id(c.document)
            document = reader.documents.get(document_id)
            if document is None:
                continue
            line, column = line_and_column(reader.text(document_id), c.span[0])
            claims.append(
                ExportClaim(
                    mention_id=_record_id(c.mention),
                    document_id=document_id,
                    document_title=document.title,
                    document_date=document.date,
                    content_hash=document.content_hash,
                    text=c.text,
                    value=str(int(c.value)) if float(c.value).is_integer() else str(c.value),
                    qualifier=c.qualifier,
                    counts=c.counts,
                    start=c.span[0],
                    end=c.span[1],
                    line=line,
                    column=column,
                    quote=c.quote,
                    quote_start=c.sentence[0],
                )
            )
        if scope is not None and not any(c.document_id in scope for c in claims):
            continue
        if len(claims) >= 2:
            out.append(ExportDiscrepancy(d.id, d.kind, d.label, tuple(claims)))
    return tuple(out)


def _ids(values: Iterable[int] | None) -> list[int]:
    return list(dict.fromkeys(values or ()))


def collect(
    library: Library,
    link_ids: Iterable[int] | None = None,
    document_ids: Iterable[int] | None = None,
    all: bool = False,  # named after the command's --all
    *,
    title: str | None = None,
    now: datetime | None = None,
    discrepancies: bool = False,
) -> ExportBundle:
    """What to export, read out of the library.

    Args:
        library: an open library.
        link_ids: these links with every quote, and the notes on them and on their quotes.
        document_ids: every link with a quote in these documents (with all its quotes, the
            point being the cross-reference), and every note on these documents, their
            quotes and their events.
        all: every link and every note in the library; the ids are then ignored.
        title: the export's title.
        now: the export time (for reproducible output); default: the current time.
        discrepancies: add where the documents disagree (xrefviewer.core.discrepancies):
            with `all` or no selection, every discrepancy in the library; otherwise those
            with a claim in a document the export quotes. Alone, it exports only them.

    Raises:
        ExportSelectionError: nothing selected, or an id the library doesn't have.
    """
    links_wanted, documents_wanted = _ids(link_ids), _ids(document_ids)
    if not (all or links_wanted or documents_wanted or discrepancies):
        raise ExportSelectionError("nothing to export: name links, documents, or all")
    reader = _Reader(library)
    for document_id in documents_wanted:
        if document_id not in reader.documents:
            raise ExportSelectionError(f"no document {document_id} in this library")

    if all:
        link_infos = library.links()
    else:
        chosen: dict[int, LinkInfo] = {}
        for link_id in links_wanted:
            try:
                chosen[link_id] = library.link(link_id)
            except (XrefError, KeyError, LookupError):
                raise ExportSelectionError(f"no link {link_id} in this library") from None
        for document_id in documents_wanted:
            for info in library.links(document_id=document_id):
                chosen.setdefault(info.id, info)
        link_infos = list(chosen.values())
    links = [_link(reader, info) for info in link_infos]
    link_set = {link.id for link in links}

    notes = [_note(reader, n) for n in library.notes()]
    if not all:
        wanted_docs = set(documents_wanted)
        notes = [
            n
            for n in notes
            if (n.link_id is not None and n.link_id in link_set)
            or (n.document_id is not None and n.document_id in wanted_docs)
        ]
    notes.sort(key=lambda n: (n.created_at, n.id))

    used_docs = {o.document_id for link in links for o in link.occurrences}
    used_docs |= {n.document_id for n in notes if n.document_id is not None}
    if all:
        used_docs |= set(reader.documents)
    found: tuple[ExportDiscrepancy, ...] = ()
    if discrepancies:
        selected = links_wanted or documents_wanted
        found = _discrepancies(reader, set(used_docs) if selected and not all else None)
        used_docs |= {c.document_id for d in found for c in d.claims}
    documents = tuple(
        ExportDocument(
            id=d.id,
            title=d.title,
            date=d.date,
            content_hash=d.content_hash,
            path=d.path,
            date_source=d.date_source,
        )
        for d in sorted(reader.documents.values(), key=lambda d: d.id)
        if d.id in used_docs
    )
    decisions = _decisions(reader, links, notes, all, used_docs)
    return ExportBundle(
        title=title or DEFAULT_TITLE,
        exported_at=iso(now or datetime.now(UTC)),
        generator=f"xrefviewer {__version__}",
        documents=documents,
        links=tuple(links),
        notes=tuple(notes),
        decisions=decisions,
        discrepancies=found,
    )
