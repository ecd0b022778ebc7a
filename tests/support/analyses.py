"""Small analyses built by hand, for the tests of what reads an Analysis (claims, discrepancies,
the timeline) without running the extractors."""

from xrefviewer.core.events import build_events
from xrefviewer.core.model import Analysis, Document, Mention


def analysis_of(*docs: tuple[str, str | None, list[tuple[str, str, dict]]]) -> Analysis:
    """Documents from (text, document date, [(kind, text as written, fields)]) by hand."""
    result = Analysis()
    n = 0
    for number, (text, doc_date, spans) in enumerate(docs, start=1):
        doc_id = f"d{number}"
        result.documents.append(
            Document(doc_id, f"{doc_id}.txt", f"Doc {number}", text, doc_date, "supplied")
        )
        for kind, written, fields in spans:
            n += 1
            start = text.index(written)
            fields = dict(fields)
            value = fields.pop("value")
            result.mentions.append(
                Mention(
                    f"m{n}", doc_id, kind, start, start + len(written), written, value, **fields
                )
            )
    result.mentions.sort(key=lambda m: (m.document, m.start))
    result.events = build_events(result.documents, result.mentions)
    return result
