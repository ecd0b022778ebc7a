"""The analysis pipeline: each document on its own, then linking across all of them.

`analyze_document` is pure and picklable in and out, so the library can run it in worker
processes; `assemble` numbers mentions, links them across documents and builds events.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from xrefviewer.core.dates import extract_dates
from xrefviewer.core.document_dates import infer_document_date, reference_year_of
from xrefviewer.core.events import build_events
from xrefviewer.core.figure_links import link_figures
from xrefviewer.core.figures import extract_figures
from xrefviewer.core.model import (
    Analysis,
    DateSpan,
    Document,
    DocumentAnalysis,
    DocumentDate,
    FigureSpan,
    Link,
    Mention,
    NameSpan,
    Ref,
    SourceText,
)
from xrefviewer.core.name_links import link_names
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


def _assemble(analyses: Sequence[DocumentAnalysis]) -> Analysis:
    result = Analysis()
    figure_refs: list[Ref] = []
    name_refs: list[Ref] = []
    # Names take their linked label as value, known only once all are linked: the mentions
    # are made after linking, from (id, document, span) in the order they will be listed.
    pending: list[tuple[str, str, str, FigureSpan | NameSpan | DateSpan]] = []
    counter = 0
    for doc_number, one in enumerate(analyses, start=1):
        doc_id = f"d{doc_number}"
        result.documents.append(
            Document(
                id=doc_id,
                path=one.source.path,
                title=one.source.title,
                text=one.source.text,
                date=one.date.value,
                date_source=one.date.source,
                warnings=one.source.warnings,
            )
        )
        spans: list[tuple[str, str, str, FigureSpan | NameSpan | DateSpan]] = []
        for f in one.figures:
            counter += 1
            mid = f"m{counter}"
            figure_refs.append(Ref(mid, doc_id, f))
            spans.append((mid, doc_id, "figure", f))
        for n in one.names:
            counter += 1
            mid = f"m{counter}"
            name_refs.append(Ref(mid, doc_id, n))
            spans.append((mid, doc_id, "name", n))
        for d in one.dates:
            counter += 1
            spans.append((f"m{counter}", doc_id, "date", d))
        spans.sort(key=_span_order)
        pending.extend(spans)

    link_number = 0
    name_clusters = link_names(name_refs)
    canonical: dict[str, str] = {}
    for cluster in name_clusters:
        for mid in cluster.mentions:
            canonical[mid] = cluster.label
    result.mentions = [
        _mention(mid, doc_id, kind, s, canonical) for mid, doc_id, kind, s in pending
    ]
    for kind, clusters in (("figure", link_figures(figure_refs)), ("name", name_clusters)):
        for cluster in clusters:
            if len(cluster.mentions) < 2:
                continue
            link_number += 1
            ordered = tuple(sorted(cluster.mentions, key=_mention_order))
            result.links.append(Link(f"l{link_number}", kind, cluster.label, ordered))  # type: ignore[arg-type]

    result.events = build_events(result.documents, result.mentions)
    return result


def _span_order(item: tuple[str, str, str, FigureSpan | NameSpan | DateSpan]) -> tuple[int, int]:
    span = item[3]
    return (span.start, span.end)


def _mention(
    mid: str, doc_id: str, kind: str, s: FigureSpan | NameSpan | DateSpan, canonical: dict[str, str]
) -> Mention:
    if kind == "figure":
        return Mention(
            mid, doc_id, "figure", s.start, s.end, s.text, s.value,  # type: ignore[union-attr]
            counts=s.counts, qualifier=s.qualifier, action=s.action, unit=s.unit,  # type: ignore[union-attr]
        )  # fmt: skip
    if kind == "name":
        value = canonical.get(mid, s.canonical)  # type: ignore[union-attr]
        return Mention(mid, doc_id, "name", s.start, s.end, s.text, value, type=s.type)  # type: ignore[union-attr]
    return Mention(
        mid, doc_id, "date", s.start, s.end, s.text, s.value,  # type: ignore[union-attr]
        relative=s.relative, uncertain=s.uncertain,  # type: ignore[union-attr]
    )  # fmt: skip


def _mention_order(mention_id: str) -> int:
    return int(mention_id[1:])


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyze(sources: Sequence[SourceText], options: AnalysisOptions | None = None) -> Analysis:
    options = options or AnalysisOptions()
    analyses = [analyze_document(s, known_date_for(s.path, options.known_dates)) for s in sources]
    # A document its own text cannot date ("On Tuesday, June 3" and no year) is dated again
    # around the year the collection's firmly dated documents centre on.
    firm = [
        a.date.value for a in analyses if a.date.source in ("supplied", "dateline", "signature")
    ]
    reference = reference_year_of(firm)
    if reference is not None:
        analyses = [
            analyze_document(a.source, reference_year=reference) if a.date.value is None else a
            for a in analyses
        ]
    return assemble(analyses)
