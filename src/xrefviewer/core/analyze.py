"""The analysis pipeline: each document on its own, then linking across all of them.

`analyze_document` is pure and picklable in and out, so the library can run it in worker
processes; `assemble` numbers mentions, links them across documents and builds events.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from itertools import islice, repeat
from typing import Any, TypeVar

from xrefviewer.core.dates import extract_dates
from xrefviewer.core.document_dates import (
    infer_document_date,
    needs_collection,
    reference_year_of,
)
from xrefviewer.core.events import EVENT_FIELDS, EventMaker
from xrefviewer.core.figure_links import link_figure_rows
from xrefviewer.core.figures import extract_figures
from xrefviewer.core.incidents import Incidents, Mark, span_marks
from xrefviewer.core.model import (
    Analysis,
    DateSpan,
    Document,
    DocumentAnalysis,
    DocumentDate,
    Event,
    FigureSpan,
    Link,
    Mention,
    NameSpan,
    SourceText,
)
from xrefviewer.core.name_links import link_name_rows
from xrefviewer.core.names import extract_names


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    # Known document dates by file name, with or without its extension: they beat inference.
    known_dates: Mapping[str, str] = field(default_factory=dict)


def known_date_for(path: str, known: Mapping[str, str]) -> str | None:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return known.get(name) or known.get(stem)


def analyze_document(
    source: SourceText, known_date: str | None = None, reference_year: int | None = None
) -> DocumentAnalysis:
    # A document's analysis makes thousands of short-lived containers and no cycles that
    # outlive it, so the collector's passes during it free nothing (see _collector_paused).
    with _collector_paused():
        return _analyze_document(source, known_date, reference_year)


def _analyze_document(
    source: SourceText, known_date: str | None, reference_year: int | None
) -> DocumentAnalysis:
    text = source.text
    if known_date:
        date = DocumentDate(known_date, "supplied")
    else:
        date = infer_document_date(text, reference_year)
    anchor_uncertain = date.source.startswith("inferred")
    dates = extract_dates(text, date.value, anchor_uncertain=anchor_uncertain)
    taken = [(d.start, d.end) for d in dates]
    figures = extract_figures(text, exclude=taken)
    names = extract_names(text, exclude=taken)
    return DocumentAnalysis(
        source=source, date=date, figures=tuple(figures), names=tuple(names), dates=tuple(dates)
    )


def assemble(analyses: Sequence[DocumentAnalysis]) -> Analysis:
    """Number everything, link across documents, and list events in date order."""
    # Hundreds of thousands of acyclic records are made here: the cyclic collector would
    # walk them all again and again (a third of the time) and would free nothing.
    with _collector_paused():
        return _assemble(analyses)


# A span waiting to become a mention: (start, end, number, id, document, span). Numbers are
# unique, so sorting these tuples orders by offsets, then numbering, never comparing further.
_Pending = tuple[int, int, int, str, str, FigureSpan | NameSpan | DateSpan]
_Record = TypeVar("_Record")
# A mention's fields in the order `_mention_rows` gives them.
_MENTION_FIELDS = (
    "id", "document", "kind", "start", "end", "text", "value",
    "counts", "qualifier", "action", "unit", "type", "relative", "uncertain",
)  # fmt: skip
_RECORDS_AT_ONCE = 2048


def _assemble(analyses: Sequence[DocumentAnalysis]) -> Analysis:
    result = Analysis()
    # (mention, document, span): the fields of Refs, which the linkers read as they are
    figure_refs: list[tuple[str, str, FigureSpan]] = []
    name_refs: list[tuple[str, str, NameSpan]] = []
    # Names take their linked label as value, known only once all are linked: the mentions
    # are made after linking, from the spans in the order they will be listed.
    pending: list[_Pending] = []
    # Events need no linking: each document's are made while its spans are at hand.
    events = EventMaker()
    # each document's text and where its spans lie in `pending`, for the few documents
    # whose figures need their incidents
    kept: dict[str, tuple[str, int, int]] = {}

    def incident_source(doc_id: str) -> tuple[str, list[Mark]]:
        text, lo, hi = kept[doc_id]
        return text, span_marks((s[0], s[1], s[3], s[5]) for s in pending[lo:hi])

    incidents = Incidents(incident_source)
    counter = 0
    for doc_number, one in enumerate(analyses, start=1):
        doc_id = f"d{doc_number}"
        document = Document(
            id=doc_id,
            path=one.source.path,
            title=one.source.title,
            text=one.source.text,
            date=one.date.value,
            date_source=one.date.source,
            warnings=one.source.warnings,
        )
        result.documents.append(document)
        spans: list[_Pending] = []
        for f in one.figures:
            counter += 1
            mid = f"m{counter}"
            figure_refs.append((mid, doc_id, f))
            spans.append((f.start, f.end, counter, mid, doc_id, f))
        for n in one.names:
            counter += 1
            mid = f"m{counter}"
            name_refs.append((mid, doc_id, n))
            spans.append((n.start, n.end, counter, mid, doc_id, n))
        for d in one.dates:
            counter += 1
            spans.append((d.start, d.end, counter, f"m{counter}", doc_id, d))
        spans.sort()
        kept[doc_id] = (document.text, len(pending), len(pending) + len(spans))
        pending += spans
        if one.dates:
            _add_events(events, document, spans)

    name_clusters = link_name_rows(name_refs)
    figure_clusters = link_figure_rows(figure_refs, incidents.keys)
    # A name's value is its cluster's label; a cluster of one mention is one entity's, its
    # label that entity's canonical form, the span's own: only larger ones need an entry.
    canonical: dict[str, str] = {}
    link_number = 0
    for kind, clusters in (("figure", figure_clusters), ("name", name_clusters)):
        for cluster in clusters:
            if len(cluster.mentions) < 2:
                continue
            if kind == "name":
                canonical.update(dict.fromkeys(cluster.mentions, cluster.label))
            link_number += 1
            ordered = tuple(_in_mention_order(cluster.mentions))
            result.links.append(Link(f"l{link_number}", kind, cluster.label, ordered))  # type: ignore[arg-type]
    result.mentions = _records(Mention, _MENTION_FIELDS, _mention_rows(pending, canonical))
    result.events = _records(Event, EVENT_FIELDS, events.rows())  # as build_events, made faster
    return result


def _add_events(events: EventMaker, document: Document, spans: list[_Pending]) -> None:
    """The events of a document with dates, from its spans in offset order (as its
    mentions will be listed, so as `event_rows` would take them)."""
    starts, ends, _, ids, _, found = zip(*spans, strict=True)
    dates = [(at, s.value, s.uncertain) for at, s in enumerate(found) if isinstance(s, DateSpan)]
    events.add(document.id, document.text, starts, ends, ids, dates)


def _mention_rows(pending: list[_Pending], canonical: dict[str, str]) -> Iterator[tuple[Any, ...]]:
    """The fields of the mentions of the spans (as _MENTION_FIELDS), a name's value being its
    linked label."""
    for start, end, _, mid, doc_id, s in pending:
        if isinstance(s, NameSpan):
            yield (
                mid, doc_id, "name", start, end, s.text, canonical.get(mid, s.canonical),
                None, None, None, None, s.type, False, False,
            )  # fmt: skip
        elif isinstance(s, FigureSpan):
            yield (
                mid, doc_id, "figure", start, end, s.text, s.value,
                s.counts, s.qualifier, s.action, s.unit, None, False, False,
            )  # fmt: skip
        else:
            yield (
                mid, doc_id, "date", start, end, s.text, s.value,
                None, None, None, None, None, s.relative, s.uncertain,
            )  # fmt: skip


def _records(
    cls: type[_Record], names: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> list[_Record]:
    """Records of a frozen, slotted dataclass from rows of all its fields, in `names` order.

    A frozen record's __init__ stores each field through object.__setattr__, a slow path:
    for the 50,000 mentions, 40,000 refs and 15,000 events of 1,000 documents it was the
    largest part of assembling. Here each field's slot descriptor stores its whole column in
    one map, in C. The records are equal to those __init__ makes, as these dataclasses
    convert and check nothing (no __post_init__).
    """
    if sorted(names) != sorted(f.name for f in fields(cls)) or hasattr(cls, "__post_init__"):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__name__}: not a field for each name, or a __post_init__")
    setters = [vars(cls)[name].__set__ for name in names]
    records: list[_Record] = []
    # A few thousand at a time, so that they stay in the cache while each field is stored.
    rows = iter(rows)
    while part := list(islice(rows, _RECORDS_AT_ONCE)):
        made = list(map(object.__new__, repeat(cls, len(part))))
        # strict: every row has every field
        for store, column in zip(setters, zip(*part, strict=True), strict=True):
            deque(map(store, made, column), maxlen=0)  # runs the map
        records += made
    return records


def _in_mention_order(mention_ids: Sequence[str]) -> list[str]:
    """Ids "m<number>" by number. Numbers have no leading zeros, so a shorter id is a smaller
    number and ids of one length compare as their numbers: two C sorts, no key per id."""
    return sorted(sorted(mention_ids), key=len)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector paused; on the way out, every object it tracks moves to its
    oldest generation.

    What survives a document's analysis, or the assembly, is acyclic records kept for long:
    a young-generation pass would only walk them to find nothing, and then again in each
    older generation (7% of the time over 10,000 documents: six full passes that freed
    nothing). freeze() then unfreeze() moves every tracked object to the oldest generation
    without walking one, and a full pass still sees them when one comes. Not when the
    caller froze objects of its own: unfreeze() would thaw those too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def analyze(sources: Sequence[SourceText], options: AnalysisOptions | None = None) -> Analysis:
    options = options or AnalysisOptions()
    analyses = [analyze_document(s, known_date_for(s.path, options.known_dates)) for s in sources]
    # A document its own text cannot date ("On Tuesday, June 3" and no year), or gives only
    # a guess at a year, is dated again around the year the collection's firmly dated
    # documents centre on.
    firm = [
        a.date.value for a in analyses if a.date.source in ("supplied", "dateline", "signature")
    ]
    reference = reference_year_of(firm)
    if reference is not None:
        analyses = [
            analyze_document(a.source, reference_year=reference) if needs_collection(a.date) else a
            for a in analyses
        ]
    return assemble(analyses)
