"""One self-contained, printable HTML page: a table of contents, the links with their quotes
highlighted as in the viewer, and the notes.

Nothing is fetched: the style sheet is inline and the page names no URL. Every string that a
user or a document wrote passes through `html.escape`, and a Content-Security-Policy that
allows no script is a second wall should anything slip through. Note bodies are shown as
written (their Markdown is not rendered), which keeps them exact and inert.
"""

from __future__ import annotations

from html import escape

from xrefviewer.export.model import (
    ExportBundle,
    ExportClaim,
    ExportDiscrepancy,
    ExportLink,
    ExportNote,
    ExportOccurrence,
    Highlight,
)
from xrefviewer.export.text import (
    DISCREPANCY_WORDS,
    date_or_undated,
    note_place,
    note_target,
    occurrence_place,
)

# The viewer's colours for linked mentions in its light theme (ui/theme.py; export can't
# import the ui): figures amber, names blue, dates green, light enough to print on.
KIND_COLOURS = {"figure": "#ffd19e", "name": "#c5dcff", "date": "#c9efd1"}

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = (
    """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       color: #1d1d1d; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
.meta, .source { color: #555; font-size: .88rem; }
nav.toc ol { padding-left: 1.4rem; }
nav.toc a { color: #1a4f8b; text-decoration: none; }
blockquote { margin: .4rem 0 .2rem; padding: .3rem .8rem; border-left: 4px solid #bbb;
             background: #fafafa; }
ul.quotes { list-style: none; padding-left: 0; }
ul.quotes > li { margin-bottom: .9rem; }
mark { color: inherit; padding: 0 .1em; border-radius: 2px; }
"""
    + "".join(f"mark.{kind} {{ background: {colour}; }}\n" for kind, colour in KIND_COLOURS.items())
    + """
mark.own { outline: 2px solid #333; font-weight: 600; }
.note { border: 1px solid #ddd; border-radius: 4px; padding: .5rem .8rem; margin: .6rem 0; }
.note-body { white-space: pre-wrap; overflow-wrap: anywhere; margin: .4rem 0; font: inherit; }
.orphaned { color: #8a1f11; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  nav.toc { break-after: page; }
  section.link, section.note, section.discrepancy, ul.quotes > li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
)


def highlighted_quote(occ: ExportOccurrence | ExportClaim) -> str:
    """The quote with its mentions marked; overlapping highlights keep the first one."""
    quote = occ.quote
    own_start, own_end = occ.own_span
    spans: list[Highlight] = []
    if own_end > own_start:
        spans.append(Highlight(own_start, own_end, occ.kind, own=True))
    others = occ.highlights if isinstance(occ, ExportOccurrence) else ()
    spans += sorted(
        (h for h in others if not h.own and 0 <= h.start < h.end <= len(quote)),
        key=lambda h: (h.start, h.end),
    )
    taken: list[Highlight] = []
    for span in spans:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    taken.sort(key=lambda h: h.start)
    out, pos = [], 0
    for span in taken:
        out.append(escape(quote[pos : span.start]))
        kind = span.kind if span.kind in KIND_COLOURS else "name"
        css = f"{kind} own" if span.own else kind
        out.append(f'<mark class="{css}">{escape(quote[span.start : span.end])}</mark>')
        pos = span.end
    out.append(escape(quote[pos:]))
    return "".join(out)


def _note_ref(note: ExportNote) -> str:
    return f'<a href="#note-{note.id}">note {note.id}</a>'


def link_section(bundle: ExportBundle, link: ExportLink) -> str:
    notes = bundle.notes_for_link(link.id)
    parts = [
        f'<section class="link" id="link-{link.id}">',
        f"<h2>Link {link.id}: {escape(link.label)}</h2>",
        f'<p class="meta">{escape(link.kind)} · {escape(link.value)} · '
        f"{len(link.occurrences)} quotes in {link.document_count} documents"
        + (" · renamed" if link.renamed else "")
        + "</p>",
        '<ul class="quotes">',
    ]
    for occ in link.occurrences:
        on_quote = [
            n for n in notes if n.target_kind == "mention" and n.target_id == occ.mention_id
        ]
        refs = f" · {', '.join(_note_ref(n) for n in on_quote)}" if on_quote else ""
        parts.append(
            f'<li id="mention-{occ.mention_id}"><blockquote>{highlighted_quote(occ)}</blockquote>'
            f'<div class="source"><cite>{escape(occ.document_title or "untitled")}</cite>, '
            f"{escape(date_or_undated(occ.document_date))}, {escape(occurrence_place(occ))}"
            f"{refs}</div></li>"
        )
    parts.append("</ul>")
    if notes:
        parts.append(f'<p class="meta">Notes: {", ".join(_note_ref(n) for n in notes)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _anchor(text: str) -> str:
    # ids like "x1" are ours, but an anchor must never carry markup whatever they hold
    return "".join(ch for ch in text if ch.isalnum() or ch in "-_")


def discrepancy_section(d: ExportDiscrepancy) -> str:
    parts = [
        f'<section class="discrepancy" id="discrepancy-{_anchor(d.id)}">',
        f"<h3>Discrepancy {escape(d.id)}: {escape(d.label)}</h3>",
        f'<p class="meta">{escape(DISCREPANCY_WORDS.get(d.kind, d.kind))} · '
        f"{len(d.claims)} quotes in {d.document_count} documents</p>",
        '<ul class="quotes">',
    ]
    for claim in d.claims:
        parts.append(
            f"<li><blockquote>{highlighted_quote(claim)}</blockquote>"
            f'<div class="source"><cite>{escape(claim.document_title or "untitled")}</cite>, '
            f"{escape(date_or_undated(claim.document_date))}, "
            f"{escape(occurrence_place(claim))}</div></li>"
        )
    parts += ["</ul>", "</section>"]
    return "\n".join(parts)


def discrepancies_section(bundle: ExportBundle) -> str:
    if not bundle.discrepancies:
        return ""
    count = len(bundle.discrepancies)
    return "\n".join(
        [
            '<section class="discrepancies" id="discrepancies">',
            "<h2>Discrepancies</h2>",
            f'<p class="meta">{count} place{"" if count == 1 else "s"} where the documents '
            "disagree; the outlined figure in each quote is the one compared.</p>",
            *(discrepancy_section(d) for d in bundle.discrepancies),
            "</section>",
        ]
    )


def note_section(bundle: ExportBundle, note: ExportNote) -> str:
    linked = note.link_id is not None and any(link.id == note.link_id for link in bundle.links)
    about = escape(note_target(note))
    if linked and note.target_kind == "mention":
        about = f'<a href="#mention-{note.target_id}">{about}</a> (link {note.link_id})'
    elif linked:
        about = f'<a href="#link-{note.link_id}">{about}</a>'
    parts = [
        f'<section class="note" id="note-{note.id}">',
        f"<h2>Note {note.id}</h2>",
        f'<p class="meta">On {about}</p>',
    ]
    if note.document_title and note.target_kind != "link":
        where = note_place(note)
        parts.append(
            f'<p class="source"><cite>{escape(note.document_title)}</cite>, '
            f"{escape(date_or_undated(note.document_date))}"
            + (f", {escape(where)}" if where else "")
            + "</p>"
        )
    if note.quote:
        parts.append(f"<blockquote>{escape(note.quote)}</blockquote>")
    if note.orphaned:
        parts.append('<p class="orphaned">The quoted passage is no longer in the document.</p>')
    parts.append(f'<div class="note-body">{escape(note.body)}</div>')
    parts.append(
        f'<p class="meta">Written {escape(note.created_at)}, changed {escape(note.updated_at)}</p>'
    )
    parts.append("</section>")
    return "\n".join(parts)


def table_of_contents(bundle: ExportBundle) -> str:
    items = [
        f'<li><a href="#link-{link.id}">Link {link.id}: {escape(link.label)}</a></li>'
        for link in bundle.links
    ]
    if bundle.discrepancies:
        items.append(
            '<li><a href="#discrepancies">Discrepancies</a><ol>'
            + "".join(
                f'<li><a href="#discrepancy-{_anchor(d.id)}">{escape(d.label)}</a></li>'
                for d in bundle.discrepancies
            )
            + "</ol></li>"
        )
    items += [
        f'<li><a href="#note-{note.id}">Note {note.id}: {escape(note.headline)}</a></li>'
        for note in bundle.notes
    ]
    if not items:
        return '<nav class="toc"><h2>Contents</h2><p>Nothing to export.</p></nav>'
    return '<nav class="toc"><h2>Contents</h2><ol>\n' + "\n".join(items) + "\n</ol></nav>"


def to_html(bundle: ExportBundle) -> str:
    """The bundle as one HTML page that needs nothing else."""
    title = escape(bundle.title)
    body = [table_of_contents(bundle)]
    body += [link_section(bundle, link) for link in bundle.links]
    if bundle.discrepancies:
        body.append(discrepancies_section(bundle))
    body += [note_section(bundle, note) for note in bundle.notes]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="{escape(bundle.generator)}">',
            f"<title>{title}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            f"<h1>{title}</h1>",
            f'<p class="meta">Exported {escape(bundle.exported_at)} · {len(bundle.links)} links · '
            f"{len(bundle.notes)} notes · {len(bundle.documents)} documents"
            + (f" · {len(bundle.discrepancies)} discrepancies" if bundle.discrepancies else "")
            + "</p>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
