"""Bringing a JSON export back into a library: `xrefviewer import-notes`.

The library may be another person's, or this one rebuilt, so ids mean nothing here. A
document is found by its content hash (or, when the text has changed, by a unique title
and the quote found again in the new text); a mention by its kind and span; an event by
its span; a link by the mentions it holds. What can't be found is listed, one line each,
and nothing already in the library is changed or duplicated: importing a file twice
adds nothing the second time.

Order matters: mentions the user added come first (notes and links may be about them),
then the mentions the user dismissed are dismissed, then the links are joined as the file
had them, kept apart where the user said "not the same", renamed, and the notes attached.
Each change is one library operation with its own transaction; an import cut short leaves
what it did, and running it again completes it without doubling anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from xrefviewer.errors import XrefError
from xrefviewer.export.model import ExportBundle, ExportDecision, ExportLink, ExportNote
from xrefviewer.export.text import note_target, one_line
from xrefviewer.store.records import DocumentInfo, EventInfo, MentionInfo

if TYPE_CHECKING:
    from xrefviewer.store.library import Library

# More merges than this for one link means something is off; stop rather than loop.
_MAX_MERGES_PER_LINK = 1000


@dataclass(slots=True)
class NotesImportResult:
    notes_added: int = 0
    notes_present: int = 0  # the same note was already on the same target
    mentions_added: int = 0
    links_merged: int = 0
    links_renamed: int = 0
    links_kept_apart: int = 0
    mentions_dismissed: int = 0
    unmatched: list[str] = field(default_factory=list)
    # Where this library's analysis differs from the file's: informational, nothing is lost.
    quotes_missing: int = 0  # a link's quote that is not a mention here
    quotes_unlinked: int = 0  # a mention here, but in no link that could be joined
    links_differing: int = 0

    @property
    def differences(self) -> str:
        """One line on how this library's links differ from the file's, or ""."""
        if not (self.quotes_missing or self.quotes_unlinked):
            return ""
        return (
            f"{self.quotes_missing + self.quotes_unlinked} quotes of {self.links_differing} "
            f"links are not linked mentions in this library (its analysis differs): "
            f"{self.quotes_missing} not found, {self.quotes_unlinked} in no link"
        )

    @property
    def complete(self) -> bool:
        return not self.unmatched

    def summary(self) -> str:
        parts = [
            f"{self.notes_added} notes added",
            f"{self.notes_present} already there",
            f"{self.mentions_added} mentions added",
            f"{self.links_merged} links merged",
            f"{self.links_renamed} links renamed",
        ]
        if self.links_kept_apart:
            parts.append(f"{self.links_kept_apart} pairs of links kept apart")
        if self.mentions_dismissed:
            parts.append(f"{self.mentions_dismissed} mentions dismissed")
        if self.unmatched:
            parts.append(f"{len(self.unmatched)} not matched")
        return ", ".join(parts)


def relocate(text: str, wanted: str, start: int, context: str = "") -> int | None:
    """Where `wanted` stands in `text` now: at `start` if it still does, else inside its
    context passage found again, else the nearest place it occurs; None if nowhere."""
    if not wanted:
        return None
    if text[start : start + len(wanted)] == wanted:
        return start
    if context and wanted in context:
        at = text.find(context)
        if at >= 0 and text.find(context, at + 1) < 0:
            return at + context.index(wanted)
    best: int | None = None
    at = text.find(wanted)
    while at >= 0:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(wanted, at + 1)
    return best


class _Target:
    """The receiving library, read lazily and re-read after every change that relinks."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.documents = library.documents()
        self.by_hash: dict[str, DocumentInfo] = {}
        titles: Counter[str] = Counter(d.title for d in self.documents)
        self.by_title: dict[str, DocumentInfo] = {}
        for d in sorted(self.documents, key=lambda d: d.id):
            self.by_hash.setdefault(d.content_hash, d)
            if titles[d.title] == 1:
                self.by_title[d.title] = d
        self._mentions: dict[int, list[MentionInfo]] = {}
        self._texts: dict[int, str] = {}
        self._events: dict[int, list[EventInfo]] = {}

    def changed(self) -> None:
        # A merge or an added mention re-links the library: link ids may all move.
        self._mentions.clear()
        self._events.clear()

    def document(self, content_hash: str, title: str) -> tuple[DocumentInfo | None, bool]:
        """The document and whether it is the same text (hash) or only the same title."""
        found = self.by_hash.get(content_hash)
        if found is not None:
            return found, True
        return self.by_title.get(title), False

    def text(self, document_id: int) -> str:
        if document_id not in self._texts:
            self._texts[document_id] = self.library.document_text(document_id)
        return self._texts[document_id]

    def mentions(self, document_id: int) -> list[MentionInfo]:
        if document_id not in self._mentions:
            self._mentions[document_id] = self.library.mentions(document_id)
        return self._mentions[document_id]

    def events(self, document_id: int) -> list[EventInfo]:
        if document_id not in self._events:
            self._events[document_id] = self.library.events(document_id=document_id)
        return self._events[document_id]

    def span(
        self, document: DocumentInfo, same_text: bool, start: int, text: str, context: str = ""
    ) -> tuple[int, int] | None:
        """Where `text` stands in the document now. The same text (same hash) keeps its
        offsets, but they are checked all the same: a file may have been edited by hand."""
        content = self.text(document.id)
        if same_text and content[start : start + len(text)] == text and text:
            return start, start + len(text)
        at = relocate(content, text, start, context)
        return None if at is None else (at, at + len(text))

    def mention(self, document_id: int, kind: str, start: int, end: int) -> MentionInfo | None:
        candidates = [m for m in self.mentions(document_id) if m.kind == kind or not kind]
        for m in candidates:
            if (m.start, m.end) == (start, end):
                return m
        # The analysis may have cut the same mention a little differently ("41" ~ "41 people").
        overlapping = [m for m in candidates if m.start < end and start < m.end]
        return overlapping[0] if len(overlapping) == 1 else None


def _where(title: str, content_hash: str) -> str:
    return f'"{one_line(title)}" ({content_hash[:12]}…)' if content_hash else f'"{title}"'


class _Importer:
    def __init__(self, library: Library, bundle: ExportBundle, join: bool) -> None:
        self.library = library
        self.bundle = bundle
        self.join = join
        self.target = _Target(library)
        self.result = NotesImportResult()

    def miss(self, line: str) -> None:
        self.result.unmatched.append(line)

    # -- finding things again ------------------------------------------------------------------

    def find_mention(
        self, content_hash: str, title: str, kind: str, start: int, text: str, context: str = ""
    ) -> tuple[MentionInfo | None, str]:
        """The mention, or None and why not."""
        document, same = self.target.document(content_hash, title)
        if document is None:
            return None, f"document {_where(title, content_hash)} is not in this library"
        span = self.target.span(document, same, start, text, context)
        if span is None:
            return None, f'"{one_line(text)}" is no longer in "{one_line(document.title)}"'
        found = self.target.mention(document.id, kind, *span)
        if found is None:
            return None, f'"{one_line(text)}" in "{one_line(document.title)}" is not a {kind} here'
        return found, ""

    def link_mentions(self, link: ExportLink) -> tuple[list[MentionInfo], list[str]]:
        found, problems = [], []
        for occ in link.occurrences:
            mention, why = self.find_mention(
                occ.content_hash, occ.document_title, occ.kind, occ.start, occ.text, occ.quote
            )
            if mention is None:
                problems.append(why)
            else:
                found.append(mention)
        return found, problems

    def current_link(self, mention: MentionInfo) -> int | None:
        """The mention's link now (ids move when the library re-links)."""
        for m in self.target.mentions(mention.document_id):
            if m.id == mention.id:
                return m.link_id
        return None

    # -- the steps -----------------------------------------------------------------------------

    def add_mentions(self, decisions: list[ExportDecision]) -> None:
        for d in decisions:
            document, same = self.target.document(d.content_hash, d.document_title)
            if document is None:
                self.miss(
                    f'added mention "{one_line(d.text)}": document '
                    f"{_where(d.document_title, d.content_hash)} is not in this library"
                )
                continue
            span = self.target.span(document, same, d.start, d.text)
            if span is None:
                self.miss(f'added mention "{one_line(d.text)}": no longer in the document')
                continue
            present = any(
                m.kind == d.kind and (m.start, m.end) == span
                for m in self.target.mentions(document.id)
            )
            if present:
                continue
            try:
                self.library.add_mention(document.id, *span, d.kind, d.label)
            except XrefError as exc:
                self.miss(f'added mention "{one_line(d.text)}": {exc}')
                continue
            self.result.mentions_added += 1
            self.target.changed()

    def join_links(self) -> None:
        """Join the mentions each exported link held. Quotes this library doesn't have as
        linked mentions (its analysis differs) are counted, not failures: they lose no note."""
        differing: set[int] = set()
        for link in self.bundle.links:
            mentions, problems = self.link_mentions(link)
            if problems:
                self.result.quotes_missing += len(problems)
                differing.add(link.id)
            if not self.join or len(mentions) < 2:
                continue
            for _ in range(_MAX_MERGES_PER_LINK):
                current = [self.current_link(m) for m in mentions]
                ids = list(dict.fromkeys(i for i in current if i is not None))
                if len(ids) < 2:
                    break
                try:
                    self.library.merge_links(ids[0], ids[1])
                except XrefError as exc:
                    self.miss(f'link {link.id} "{one_line(link.label)}": can\'t merge ({exc})')
                    break
                self.result.links_merged += 1
                self.target.changed()
            unlinked = sum(1 for m in mentions if self.current_link(m) is None)
            if unlinked:
                self.result.quotes_unlinked += unlinked
                differing.add(link.id)
        self.result.links_differing = len(differing)

    def dismiss_mentions(self, decisions: list[ExportDecision]) -> None:
        """Dismiss what the user dismissed there. A quote that is no mention here needs
        nothing (this analysis didn't find it, or it is dismissed already)."""
        for d in decisions:
            document, same = self.target.document(d.content_hash, d.document_title)
            if document is None:
                self.miss(
                    f'dismissed "{one_line(d.text)}": document '
                    f"{_where(d.document_title, d.content_hash)} is not in this library"
                )
                continue
            span = self.target.span(document, same, d.start, d.text)
            found = self.target.mention(document.id, d.kind, *span) if span else None
            if found is None or (found.start, found.end) != span:
                continue  # only the very mention: a neighbour cut differently is not it
            try:
                self.library.dismiss_mention(found.id)
            except XrefError as exc:
                self.miss(f'dismissed "{one_line(d.text)}": {exc}')
                continue
            self.result.mentions_dismissed += 1
            self.target.changed()

    def _apart_already(self) -> set[frozenset[int]]:
        """Pairs of this library's links (ids now) that a not-same decision keeps apart."""
        read = getattr(self.library, "decisions", None)
        pairs: set[frozenset[int]] = set()
        for d in read() if read is not None else ():
            if d.kind != "not_same" or d.document_id is None or d.b_document_id is None:
                continue
            sides = [
                next(
                    (m.link_id for m in self.target.mentions(doc) if (m.start, m.end) == span),
                    None,
                )
                for doc, span in (
                    (d.document_id, (d.start, d.end)),
                    (d.b_document_id, (d.b_start, d.b_end)),
                )
            ]
            if None not in sides:
                pairs.add(frozenset(sides))  # type: ignore[arg-type]
        return pairs

    def keep_apart(self, decisions: list[ExportDecision]) -> None:
        """Mark "not the same" where the user did: the two quotes' links here. Two quotes
        in no link, or already apart by an earlier import, need nothing."""
        done = self._apart_already() if decisions else set()
        for d in decisions:
            if d.other_content_hash is None or d.other_start is None or d.other_text is None:
                self.miss(f'not the same as "{one_line(d.text)}": the file names one quote only')
                continue
            a, why_a = self.find_mention(d.content_hash, d.document_title, d.kind, d.start, d.text)
            b, why_b = self.find_mention(
                d.other_content_hash,
                d.other_document_title or "",
                d.other_kind or d.kind,
                d.other_start,
                d.other_text,
            )
            what = f'"{one_line(d.text)}" not the same as "{one_line(d.other_text)}"'
            if a is None or b is None:
                self.miss(f"{what}: {why_a or why_b}")
                continue
            link_a, link_b = self.current_link(a), self.current_link(b)
            if link_a is None or link_b is None or frozenset({link_a, link_b}) in done:
                continue
            if link_a == link_b:
                # This library's analysis joined them: a split is the user's call, not ours.
                self.miss(f"{what}: they are one link here (split it in the viewer)")
                continue
            try:
                self.library.mark_not_same(link_a, link_b)
            except XrefError as exc:
                self.miss(f"{what}: {exc}")
                continue
            done.add(frozenset({link_a, link_b}))
            self.result.links_kept_apart += 1

    def rename_links(self, decisions: list[ExportDecision]) -> None:
        for d in decisions:
            mention, why = self.find_mention(
                d.content_hash, d.document_title, d.kind, d.start, d.text
            )
            link_id = self.current_link(mention) if mention is not None else None
            if link_id is None:
                self.miss(f'rename to "{one_line(d.label or "")}": {why or "no link here"}')
                continue
            if d.label and self.library.link(link_id).label != " ".join(d.label.split()):
                try:
                    self.library.rename_link(link_id, d.label)
                except XrefError as exc:
                    self.miss(f'rename to "{one_line(d.label)}": {exc}')
                    continue
                self.result.links_renamed += 1

    def note_target(self, note: ExportNote) -> tuple[tuple[str, int] | None, str]:
        kind = note.target_kind
        if kind == "link":
            link = next((x for x in self.bundle.links if x.id == note.target_id), None)
            if link is None:
                return None, f"link {note.target_id} is not in the file"
            mentions, _ = self.link_mentions(link)
            linked = Counter(i for i in map(self.current_link, mentions) if i is not None)
            if not linked:
                return None, f'no link here holds the quotes of "{one_line(link.label)}"'
            return ("link", linked.most_common(1)[0][0]), ""
        if not note.content_hash:
            return None, "the file doesn't say which document it is in"
        document, same = self.target.document(note.content_hash, note.document_title)
        if document is None:
            return None, f"document {_where(note.document_title, note.content_hash)} is not here"
        if kind == "document":
            return ("document", document.id), ""
        if note.start is None:
            return None, "the file doesn't say where it stands"
        if kind == "mention":
            mention, why = self.find_mention(
                note.content_hash, note.document_title, note.kind, note.start, note.text, note.quote
            )
            return (("mention", mention.id), "") if mention else (None, why)
        if kind == "event":
            span = self.target.span(document, same, note.start, note.text)
            for event in self.target.events(document.id) if span else ():
                if (event.start, event.end) == span or (
                    not same and one_line(event.text) == one_line(note.text)
                ):
                    return ("event", event.id), ""
            return None, f'no event "{one_line(note.text)[:60]}" in "{document.title}"'
        return None, f"unknown target {kind!r}"

    def attach_notes(self) -> None:
        for note in self.bundle.notes:
            target, why = self.note_target(note)
            if target is None:
                self.miss(f"note {note.id} on {note_target(note)}: {why}")
                continue
            existing = {n.body for n in self.library.notes(*target)}
            if note.body in existing:
                self.result.notes_present += 1
                continue
            try:
                self.library.add_note(target[0], target[1], note.body)  # type: ignore[arg-type]
            except XrefError as exc:
                self.miss(f"note {note.id} on {note_target(note)}: {exc}")
                continue
            self.result.notes_added += 1

    def run(self) -> NotesImportResult:
        decisions = list(self.bundle.decisions)
        self.add_mentions([d for d in decisions if d.action == "add"])
        self.dismiss_mentions([d for d in decisions if d.action == "dismiss"])
        self.join_links()
        self.keep_apart([d for d in decisions if d.action == "not_same"])
        self.rename_links([d for d in decisions if d.action == "rename"])
        self.attach_notes()
        return self.result


def import_notes(
    library: Library, bundle: ExportBundle, *, join_links: bool = True
) -> NotesImportResult:
    """Add the bundle's notes and link decisions to `library`; see the module docstring.

    Args:
        library: the receiving library.
        bundle: a bundle read from a JSON export.
        join_links: merge this library's links so that what one exported link held is one
            link here. The facade doesn't say which links the user merged, so this also
            brings back the exporting library's own linking; turn it off to keep this
            library's links and only rename, add mentions and attach notes.
    """
    return _Importer(library, bundle, join_links).run()
