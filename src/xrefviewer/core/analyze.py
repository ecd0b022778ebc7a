"""The analysis pipeline: each document on its own, then linking across all of them.

`analyze_document` is pure and picklable in and out, so the library can run it in worker
processes; `assemble` numbers mentions, links them across documents and builds events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from xrefviewer.core.dates import extract_dates
from xrefviewer.core.document_dates import infer_document_date, reference_year_of
from xrefviewer.core.events import build_events
from xrefviewer.core.figure_links import link_figures
from xrefviewer.core.figures import extract_figures
from xrefviewer.core.model import (
    Analysis,
    Document,
    DocumentAnalysis,
    DocumentDate,
    Link,
    Mention,
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
    result = Analysis()
    figure_refs: list[Ref] = []
    name_refs: list[Ref] = []
    name_mentions: dict[str, Mention] = {}
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
        spans: list[Mention] = []
        for f in one.figures:
            counter += 1
            m = Mention(
                f"m{counter}", doc_id, "figure", f.start, f.end, f.text, f.value,
                counts=f.counts, qualifier=f.qualifier, action=f.action, unit=f.unit,
            )  # fmt: skip
            figure_refs.append(Ref(m.id, doc_id, f))
            spans.append(m)
        for n in one.names:
            counter += 1
            m = Mention(
                f"m{counter}", doc_id, "name", n.start, n.end, n.text, n.canonical, type=n.type
            )
            name_refs.append(Ref(m.id, doc_id, n))
            name_mentions[m.id] = m
            spans.append(m)
        for d in one.dates:
            counter += 1
            m = Mention(
                f"m{counter}", doc_id, "date", d.start, d.end, d.text, d.value,
                relative=d.relative, uncertain=d.uncertain,
            )  # fmt: skip
            spans.append(m)
        spans.sort(key=lambda m: (m.start, m.end))
        result.mentions.extend(spans)

    link_number = 0
    name_clusters = link_names(name_refs)
    canonical: dict[str, str] = {}
    for cluster in name_clusters:
        for mid in cluster.mentions:
            canonical[mid] = cluster.label
    result.mentions = [
        _with_value(m, canonical[m.id]) if m.id in canonical else m for m in result.mentions
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


def _mention_order(mention_id: str) -> int:
    return int(mention_id[1:])


def _with_value(m: Mention, value: str) -> Mention:
    from dataclasses import replace

    return replace(m, value=value)


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
