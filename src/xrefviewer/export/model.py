"""The export model: what leaves the application, as plain frozen records.

Every formatter (Markdown, HTML, CSV, JSON) is a pure function of an `ExportBundle`, so the
formats can be tested with bundles built by hand and the library is read in one place
(`xrefviewer.export.collect`). Offsets are code-point offsets into the document text;
`line` and `column` are 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT_NAME = "xrefviewer-notes"
FORMAT_VERSION = 1


def span_in_quote(quote: str, quote_start: int, start: int, end: int) -> tuple[int, int]:
    """A document span as offsets into a quote cut from the document at `quote_start`,
    clipped to the quote."""
    lo = min(max(start - quote_start, 0), len(quote))
    return lo, min(max(end - quote_start, lo), len(quote))


@dataclass(frozen=True, slots=True)
class Highlight:
    """A mention inside a quote, as offsets into the quote (end exclusive)."""

    start: int
    end: int
    kind: str  # "figure" | "name" | "date"
    own: bool = False  # the mention the quote is about, as opposed to its neighbours


@dataclass(frozen=True, slots=True)
class ExportDocument:
    id: int
    title: str
    date: str | None
    content_hash: str
    path: str = ""
    date_source: str = ""


@dataclass(frozen=True, slots=True)
class ExportOccurrence:
    """One mention of a link: where it stands and the sentence around it."""

    mention_id: int
    document_id: int
    document_title: str
    document_date: str | None
    content_hash: str
    kind: str
    text: str  # the mention as written
    value: str
    start: int
    end: int
    line: int
    column: int
    quote: str  # the sentence around the mention
    quote_start: int  # offset of the quote in the document text
    highlights: tuple[Highlight, ...] = ()
    added_by_user: bool = False

    @property
    def own_span(self) -> tuple[int, int]:
        """The mention as offsets into the quote, clipped to it."""
        return span_in_quote(self.quote, self.quote_start, self.start, self.end)


@dataclass(frozen=True, slots=True)
class ExportLink:
    id: int
    kind: str  # "figure" | "name"
    label: str
    occurrences: tuple[ExportOccurrence, ...]
    renamed: bool = False

    @property
    def value(self) -> str:
        """The value the link stands for: a figure's number, a name's canonical form."""
        values = [o.value for o in self.occurrences if o.value]
        return max(set(values), key=values.count) if values else self.label

    @property
    def document_count(self) -> int:
        return len({o.document_id for o in self.occurrences})


@dataclass(frozen=True, slots=True)
class ExportNote:
    """A note with enough of its target to be read, placed and matched again elsewhere.

    `target_kind` says what it is attached to: a whole document, one mention, a link, or an
    event. For mention and event notes `start`/`end`/`text` are the target's span and text;
    for document notes they are empty; a link note's anchor is the link's occurrences.
    """

    id: int
    target_kind: str
    target_id: int
    body: str
    created_at: str  # ISO 8601
    updated_at: str
    quote: str = ""  # the passage the note is anchored to
    orphaned: bool = False
    link_id: int | None = None  # the link of a link note, or of a linked mention
    document_id: int | None = None
    document_title: str = ""
    document_date: str | None = None
    content_hash: str = ""
    start: int | None = None
    end: int | None = None
    text: str = ""  # the mention as written, or the event's sentence
    kind: str = ""  # the mention's kind; an event's date value
    line: int | None = None
    column: int | None = None

    @property
    def headline(self) -> str:
        """A short, one-line name for what the note is about."""
        first = " ".join(self.body.split())
        return first[:60] + ("…" if len(first) > 60 else "")


@dataclass(frozen=True, slots=True)
class ExportDecision:
    """A correction the user made to the links, with its mentions named by where they stand
    (document hash, kind, offsets, text) so that another library can find them again.

    `action`: "merge", "split", "rename", "not_same", "dismiss" or "add". Merge and not_same
    name a second mention (`other_*`); rename carries the new label, add the value.
    """

    action: str
    content_hash: str
    kind: str
    start: int
    end: int
    text: str
    document_title: str = ""
    other_content_hash: str | None = None
    other_kind: str | None = None
    other_start: int | None = None
    other_end: int | None = None
    other_text: str | None = None
    other_document_title: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ExportClaim:
    """One document's figure in a discrepancy: the figure, and the sentence it stands in."""

    mention_id: int
    document_id: int
    document_title: str
    document_date: str | None
    content_hash: str
    text: str  # the figure as written
    value: str  # its number ("41", "2.5")
    qualifier: str | None  # "about", "more than", ... as written
    counts: str | None  # what it counts, as written
    start: int  # the figure's span in the document text
    end: int
    line: int
    column: int
    quote: str  # the sentence around the figure
    quote_start: int
    kind: str = "figure"  # claims are figures; the quote helpers read it

    @property
    def own_span(self) -> tuple[int, int]:
        return span_in_quote(self.quote, self.quote_start, self.start, self.end)


@dataclass(frozen=True, slots=True)
class ExportDiscrepancy:
    """Claims about one happening that the documents disagree on
    (`xrefviewer.core.discrepancies`): `kind` is "value", "qualifier" or "date"."""

    id: str  # "x1", "x2", ... as `xrefviewer discrepancies` numbers them
    kind: str
    label: str
    claims: tuple[ExportClaim, ...]

    @property
    def document_count(self) -> int:
        return len({c.document_id for c in self.claims})


@dataclass(frozen=True, slots=True)
class ExportBundle:
    title: str
    exported_at: str  # ISO 8601, UTC
    generator: str
    documents: tuple[ExportDocument, ...] = ()
    links: tuple[ExportLink, ...] = ()
    notes: tuple[ExportNote, ...] = ()
    decisions: tuple[ExportDecision, ...] = ()
    discrepancies: tuple[ExportDiscrepancy, ...] = ()
    _notes_by_link: dict[int, tuple[ExportNote, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        grouped: dict[int, list[ExportNote]] = {}
        for note in self.notes:
            if note.link_id is not None:
                grouped.setdefault(note.link_id, []).append(note)
        self._notes_by_link.update({k: tuple(v) for k, v in grouped.items()})

    def notes_for_link(self, link_id: int) -> tuple[ExportNote, ...]:
        """Notes on the link itself and on any of its mentions."""
        return self._notes_by_link.get(link_id, ())

    def notes_for_mention(self, mention_id: int) -> tuple[ExportNote, ...]:
        return tuple(
            n for n in self.notes if n.target_kind == "mention" and n.target_id == mention_id
        )

    @property
    def is_empty(self) -> bool:
        return not (self.links or self.notes or self.discrepancies)
