"""The plain records the analysis speaks: what extractors find, and what analysis returns.

Extractors return span records without ids (`FigureSpan`, `NameSpan`, `DateSpan`); the
pipeline in `analyze.py` numbers them into `Mention`s, links them and builds events.
Offsets are code-point offsets into the decoded text (newlines as "\\n"); `end` is exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MentionKind = Literal["figure", "name", "date"]
NameType = Literal["person", "organisation", "place", "other"]


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document as loaded: its decoded text and what went wrong reading it."""

    path: str
    text: str
    title: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentDate:
    """A document's own date as a TIMEX3 value, or None when nothing supports one."""

    value: str | None
    source: str  # e.g. "dateline", "signature", "supplied", "inferred: weekday fits 2014"


@dataclass(frozen=True, slots=True)
class FigureSpan:
    """A quantity in the text: "over 30,000 political prisoners" -> value 30000."""

    start: int
    end: int
    text: str
    value: int | float
    counts: str | None = None  # what is counted, as written: "political prisoners"
    qualifier: str | None = None  # "over", "more than", "about", "at least", ...
    action: str | None = None  # lemma of the verb or noun it is tied to: "kill", "wound"
    unit: str | None = None  # "%", "percent", "tonnes", "$", "years", ...


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A proper name, with the fullest form the same document gives its entity."""

    start: int
    end: int
    text: str
    canonical: str  # fullest form of this entity within the document
    type: NameType = "other"
    aliases: tuple[str, ...] = ()  # other forms the text declared for it ("WHO")
    # "f" or "m" when a title or a given name says so ("Mrs. Clinton"): a surname alone in
    # one document then finds its full name in another among people of other genders
    gender: str = ""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date expression with its TIMEX3 value, resolved against the document date."""

    start: int
    end: int
    text: str
    value: str  # "1988", "2013-10", "2014-06-03", "2019-W43", "2013-SU", "PAST_REF"
    relative: bool = False  # resolved against the document date ("yesterday", "June 3")
    uncertain: bool = False  # the anchor itself was inferred, or the year was guessed


@dataclass(frozen=True, slots=True)
class Ref:
    """A span as the cross-document linkers see it: which mention, in which document."""

    mention: str
    document: str
    span: FigureSpan | NameSpan


@dataclass(frozen=True, slots=True)
class Cluster:
    """Mentions a linker judged to be one thing, under a readable label."""

    label: str
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    document: str
    kind: MentionKind
    start: int
    end: int
    text: str
    value: int | float | str
    counts: str | None = None
    qualifier: str | None = None
    action: str | None = None
    unit: str | None = None
    type: str | None = None
    relative: bool = False
    uncertain: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "document": self.document,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
        }
        if self.kind == "figure":
            out.update(counts=self.counts, qualifier=self.qualifier, action=self.action)
            if self.unit:
                out["unit"] = self.unit
        elif self.kind == "name":
            out["type"] = self.type
        else:
            out.update(relative=self.relative, uncertain=self.uncertain)
        return out


@dataclass(frozen=True, slots=True)
class Link:
    """Two or more mentions of one kind that refer to the same thing."""

    id: str
    kind: Literal["figure", "name"]
    label: str
    mentions: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "mentions": list(self.mentions),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """A dated statement: the sentence holding a date mention, with what else it mentions."""

    id: str
    document: str
    date: str
    start: int
    end: int
    text: str
    mentions: tuple[str, ...]
    date_mention: str = ""
    uncertain: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": self.document,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "mentions": list(self.mentions),
            "uncertain": self.uncertain,
        }


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    path: str
    title: str
    text: str
    date: str | None
    date_source: str
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "date_source": self.date_source,
            "characters": len(self.text),
        }


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """What one document yields on its own, before any linking: picklable, so that
    the library can analyse documents in worker processes."""

    source: SourceText
    date: DocumentDate
    figures: tuple[FigureSpan, ...]
    names: tuple[NameSpan, ...]
    dates: tuple[DateSpan, ...]


@dataclass(slots=True)
class Analysis:
    documents: list[Document] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": [d.to_json() for d in self.documents],
            "mentions": [m.to_json() for m in self.mentions],
            "links": [link.to_json() for link in self.links],
            "events": [e.to_json() for e in self.events],
        }
