"""`xrefviewer analyze`: the headless analysis, as JSON (the contract) or a readable summary."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xrefviewer.commands.inputs import add_input_arguments, analyse_inputs
from xrefviewer.errors import XrefError

if TYPE_CHECKING:
    # Imported when the command runs: building the parser (`xrefviewer --help`) must not pay
    # for the extractors' start-up.
    from xrefviewer.core.model import Analysis


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "analyze",
        help="find figures, names and dates, link them and list events",
        description="Analyse documents (files or folders, recursively: .txt, .md, .html, .pdf, "
        ".docx) and print what they share. With no PATH, the built-in sample corpus.",
    )
    add_input_arguments(p)
    p.add_argument(
        "--json", action="store_true", help="print the analysis as JSON (docs/analysis-json.md)"
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the output to FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result, status = analyse_inputs(args)
    if result is None:
        return status
    output = (
        json.dumps(result.to_json(), ensure_ascii=False, indent=1) if args.json else summary(result)
    )
    if args.output:
        write_atomically(args.output, output + "\n")
    else:
        sys.stdout.write(output + "\n")
    return status


def write_atomically(path: Path, text: str) -> None:
    """A crash mid-write never leaves a half file where a good one was."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise XrefError(f"can't write {path}: {exc.strerror or exc}") from None


def summary(result: Analysis, top: int = 10) -> str:
    lines: list[str] = [f"{len(result.documents)} documents"]
    for d in result.documents:
        date = d.date or "undated"
        lines.append(f"  {d.id:>4}  {date:<10}  {d.title[:70]}")
        lines.append(f"        {'':<10}  date from {d.date_source}; {Path(d.path).name}")
    by_id = {m.id: m for m in result.mentions}
    for kind, heading in (
        ("figure", "Figures cited more than once"),
        ("name", "Names linked across the documents"),
    ):
        ranked = _ranked_links(result, kind, by_id)
        lines.append("")
        lines.append(f"{heading} ({len([x for x in result.links if x.kind == kind])} links):")
        if not ranked:
            lines.append("  none")
        for label, docs, count in ranked[:top]:
            lines.append(f"  {label[:60]:<60}  {count:>3}x in {', '.join(docs)}")
    kinds = Counter(m.kind for m in result.mentions)
    lines.append("")
    lines.append(
        f"Mentions: {kinds['figure']} figures, {kinds['name']} names, {kinds['date']} dates."
    )
    if result.events:
        dated = [e.date for e in result.events if e.date[:1].isdigit()]
        span = f" from {dated[0]} to {dated[-1]}" if dated else ""
        lines.append(f"Events: {len(result.events)} dated statements{span}.")
    else:
        lines.append("Events: none.")
    return "\n".join(lines)


def _ranked_links(
    result: Analysis, kind: str, by_id: dict[str, Any]
) -> list[tuple[str, list[str], int]]:
    ranked = []
    for link in result.links:
        if link.kind != kind:
            continue
        docs = sorted({by_id[m].document for m in link.mentions}, key=lambda d: int(d[1:]))
        ranked.append((link.label, docs, len(link.mentions)))
    ranked.sort(key=lambda r: (-len(r[1]), -r[2], r[0]))
    return ranked


__all__ = ["register", "run"]
