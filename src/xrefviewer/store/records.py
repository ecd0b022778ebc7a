"""The plain records the library hands to the viewer, the exporters and the commands.

These are the store's public vocabulary: ORM rows never leave `xrefviewer.store`.
Ids are the library's integer primary keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from xrefviewer.core.loading import Problem

NoteTarget = Literal["document", "mention", "link", "event"]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: int
    path: str
    title: str
    date: str | None
    date_source: str
    content_hash: str
    imported_at: datetime
    figures: int = 0
    names: int = 0
    dates: int = 0


@dataclass(frozen=True, slots=True)
class MentionInfo:
    id: int
    document_id: int
    kind: str  # "figure" | "name" | "date"
    start: int
    end: int
    text: str
    value: str  # numbers as their repr ("30000", "2.5"); see `number`
    link_id: int | None = None
    counts: str | None = None
    qualifier: str | None = None
    action: str | None = None
    type: str | None = None
    uncertain: bool = False
    added_by_user: bool = False

    @property
    def number(self) -> float | None:
        try:
            return float(self.value) if self.kind == "figure" else None
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class LinkInfo:
    id: int
    kind: str  # "figure" | "name"
    label: str
    mentions: int
    documents: int
    renamed: bool = False


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One mention of a link, where it stands, with a snippet of context."""

    mention: MentionInfo
    document_title: str
    document_date: str | None
    snippet: str  # the sentence around it, about 200 characters at most
    snippet_start: int  # offset of the snippet in the document text
    line: int  # 1-based line of the mention
    column: int  # 1-based column of the mention


@dataclass(frozen=True, slots=True)
class EventInfo:
    id: int
    document_id: int
    document_title: str
    date: str  # TIMEX3
    expression: str  # the date as written: "last November"
    start: int
    end: int
    text: str
    uncertain: bool = False
    mention_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: int
    document_title: str
    snippet: str  # with the matched words wrapped in [ ]
    start: int  # offset of the first match in the document text, or -1


@dataclass(frozen=True, slots=True)
class NoteInfo:
    id: int
    target_kind: NoteTarget
    target_id: int
    body: str  # Markdown
    created_at: datetime
    updated_at: datetime
    quote: str = ""  # the text it is anchored to, for re-anchoring after a re-import
    orphaned: bool = False  # the quote is gone from the re-imported document


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    """One correction the user made, with what replaying it in another library needs.

    Mentions are named by where they stand: the document's content hash (the same text in
    any library), the mention's kind, offsets and quoted text. `b_*` is the second mention of
    a merge or not-same decision. `link_label` / `b_link_label` are the labels of the links
    those mentions are in now (None when unlinked or gone).
    """

    id: int
    kind: str  # "merge" | "split" | "rename" | "not_same" | "dismiss" | "add"
    created_at: datetime | None = None
    document_id: int | None = None
    content_hash: str = ""
    path: str = ""
    mention_kind: str = ""  # "figure" | "name" | "date"
    start: int = 0
    end: int = 0
    text: str = ""  # the quote: the document's text at start:end when the decision was made
    link_label: str | None = None
    b_document_id: int | None = None
    b_content_hash: str = ""
    b_path: str = ""
    b_mention_kind: str = ""
    b_start: int | None = None
    b_end: int | None = None
    b_text: str = ""
    b_link_label: str | None = None
    label: str | None = None  # rename: the new label; add: the value given


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
