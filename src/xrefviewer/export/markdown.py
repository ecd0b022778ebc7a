"""Markdown for Obsidian and Logseq: YAML front matter, one section per link and per note.

Quotes come from documents, so their Markdown punctuation is backslash-escaped: a document
line such as "# Breaking" or "[[x]]" stays text. Note bodies are the user's own Markdown
and are kept as written (but for raw HTML, escaped), inside a block quote so that a heading in a note never starts a
new section. Sections link to each other with wikilinks: `[[#Heading]]` to a section and
`[[#^q12-1]]` to one quote (a block id), the forms Obsidian resolves inside one file.
"""

from __future__ import annotations

import json
import re

from xrefviewer.export.model import (
    ExportBundle,
    ExportClaim,
    ExportDiscrepancy,
    ExportLink,
    ExportNote,
    ExportOccurrence,
)
from xrefviewer.export.text import (
    DISCREPANCY_WORDS,
    date_or_undated,
    note_place,
    note_target,
    occurrence_place,
    one_line,
)

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# start markup inside a line in Obsidian or Logseq (= highlights, ^ block ids, $ maths,
# ~ strikes, | tables, # tags, {{ macros). Line-start markers need nothing: quotes never
# start a line. Logseq's "key:: value" and "((block ref))" and Obsidian's "%%comment%%" are
# broken up separately, so that a lone ":" or "%" stays as written.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>#|~=^$&])")
_DOUBLED = re.compile(r"(:|\(|%)(?=\1)")
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# Characters that end or split a wikilink or a heading link target.
_LINK_UNSAFE = re.compile(r"[\[\]#|^\\:*_`<>%]+")


def escape(text: str) -> str:
    """Document text as literal Markdown on one line."""
    return _DOUBLED.sub(r"\1\\", _MARKUP.sub(r"\\\1", one_line(text)))


def heading_text(text: str) -> str:
    """Text safe both as a heading and as the target of a `[[#...]]` link to it."""
    return " ".join(_LINK_UNSAFE.sub(" ", one_line(text)).split())


def link_heading(link: ExportLink) -> str:
    label = heading_text(link.label)
    return f"Link {link.id} · {label}" if label else f"Link {link.id}"


def note_heading(note: ExportNote) -> str:
    about = heading_text(note.headline)
    return f"Note {note.id} · {about}" if about else f"Note {note.id}"


def block_id(occ: ExportOccurrence, link: ExportLink) -> str:
    return f"q{link.id}-{occ.mention_id}"


def wikilink(heading: str, alias: str | None = None) -> str:
    return f"[[#{heading}|{alias}]]" if alias else f"[[#{heading}]]"


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar. JSON's string syntax is one, once the characters YAML
    won't take raw (DEL, C1 controls, BOM, line and paragraph separators) are escaped too."""
    return _YAML_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def front_matter(bundle: ExportBundle) -> str:
    titles = [d.title for d in bundle.documents]
    lines = [
        "---",
        f"title: {yaml_string(bundle.title)}",
        f"exported: {yaml_string(bundle.exported_at)}",
        f"generator: {yaml_string(bundle.generator)}",
        f"links: {len(bundle.links)}",
        f"notes: {len(bundle.notes)}",
        *([f"discrepancies: {len(bundle.discrepancies)}"] if bundle.discrepancies else []),
        "documents:",
        *(f"  - {yaml_string(t)}" for t in titles),
        "tags:",
        '  - "xrefviewer"',
        "---",
    ]
    if not titles:
        lines[lines.index("documents:")] = "documents: []"
    return "\n".join(lines)


def quote_markdown(occ: ExportOccurrence | ExportClaim) -> str:
    start, end = occ.own_span
    before, own, after = occ.quote[:start], occ.quote[start:end], occ.quote[end:]
    own_md = f"**{escape(own)}**" if own.strip() else ""
    text = "".join(
        [
            escape(before) + (" " if before[-1:].isspace() else ""),
            own_md,
            (" " if after[:1].isspace() else "") + escape(after),
        ]
    )
    return text.strip()


def source_line(occ: ExportOccurrence | ExportClaim) -> str:
    title = escape(occ.document_title) or "untitled"
    return f"*{title}*, {date_or_undated(occ.document_date)}, {occurrence_place(occ)}"


def note_body(note: ExportNote) -> str:
    """The note's Markdown as a block quote. Raw HTML is the one thing not passed through:
    a note read from someone else's file must not become live HTML in a notes app."""
    lines = note.body.replace("<", "\\<").splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def link_section(bundle: ExportBundle, link: ExportLink) -> list[str]:
    notes = bundle.notes_for_link(link.id)
    out = [
        f"## {link_heading(link)}",
        "",
        f"{link.kind} · {escape(link.value)} · {len(link.occurrences)} quotes "
        f"in {link.document_count} documents" + (" · renamed" if link.renamed else ""),
        "",
    ]
    for occ in link.occurrences:
        # one list item per quote, on one line: a block in Logseq's outline, and a block
        # Obsidian can link to by the ^id at its end
        out.append(f"- “{quote_markdown(occ)}” — {source_line(occ)} ^{block_id(occ, link)}")
        on_quote = [
            n for n in notes if n.target_kind == "mention" and n.target_id == occ.mention_id
        ]
        if on_quote:
            refs = ", ".join(wikilink(note_heading(n), f"note {n.id}") for n in on_quote)
            out.append(f"  - Notes: {refs}")
    if notes:
        out += ["", "Notes: " + ", ".join(wikilink(note_heading(n), f"note {n.id}") for n in notes)]
    out.append("")
    return out


def discrepancy_heading(d: ExportDiscrepancy) -> str:
    label = heading_text(d.label)
    return f"Discrepancy {heading_text(d.id)} · {label}" if label else f"Discrepancy {d.id}"


def discrepancy_section(d: ExportDiscrepancy) -> list[str]:
    out = [
        f"### {discrepancy_heading(d)}",
        "",
        f"{escape(DISCREPANCY_WORDS.get(d.kind, d.kind))} · {len(d.claims)} quotes "
        f"in {d.document_count} documents",
        "",
    ]
    for claim in d.claims:
        out.append(f"- “{quote_markdown(claim)}” — {source_line(claim)}")
    out.append("")
    return out


def discrepancies_section(bundle: ExportBundle) -> list[str]:
    if not bundle.discrepancies:
        return []
    count = len(bundle.discrepancies)
    out = [
        "## Discrepancies",
        "",
        f"{count} place{'' if count == 1 else 's'} where the documents disagree: "
        "each quote in bold is the figure compared.",
        "",
    ]
    for d in bundle.discrepancies:
        out += discrepancy_section(d)
    return out


def note_section(bundle: ExportBundle, note: ExportNote) -> list[str]:
    links = {link.id: link for link in bundle.links}
    out = [f"## {note_heading(note)}", ""]
    about = escape(note_target(note))
    link = links.get(note.link_id) if note.link_id is not None else None
    if note.target_kind == "mention" and link is not None:
        occ = next((o for o in link.occurrences if o.mention_id == note.target_id), None)
        ref = wikilink(f"^{block_id(occ, link)}", "quote") if occ else "quote"
        about = f"{ref} in {wikilink(link_heading(link))}"
    elif note.target_kind == "link" and link is not None:
        about = wikilink(link_heading(link))
    out.append(f"On {about}")
    if note.document_title and note.target_kind != "link":
        out.append(
            f"*{escape(note.document_title)}*, {date_or_undated(note.document_date)}"
            + (f", {note_place(note)}" if note_place(note) else "")
        )
    if note.quote:
        out += ["", f"Quote: “{escape(note.quote)}”"]
    if note.orphaned:
        out += ["", "(the quoted passage is no longer in the document)"]
    out += ["", note_body(note), "", f"*written {note.created_at}, changed {note.updated_at}*", ""]
    return out


def to_markdown(bundle: ExportBundle) -> str:
    """The bundle as one Markdown file."""
    out = [front_matter(bundle), "", f"# {heading_text(bundle.title) or 'Notes'}", ""]
    out.append(
        f"Exported {bundle.exported_at} by {bundle.generator}: "
        f"{len(bundle.links)} links, {len(bundle.notes)} notes, {len(bundle.documents)} documents"
        + (f", {len(bundle.discrepancies)} discrepancies." if bundle.discrepancies else ".")
    )
    out.append("")
    for link in bundle.links:
        out += link_section(bundle, link)
    out += discrepancies_section(bundle)
    for note in bundle.notes:
        out += note_section(bundle, note)
    return "\n".join(out).rstrip("\n") + "\n"
