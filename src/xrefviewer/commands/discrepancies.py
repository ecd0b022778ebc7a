"""`xrefviewer discrepancies`: where the documents disagree, with the quotes side by side.

Analyses PATHs like `xrefviewer analyze` (no PATH: the sample corpus), or reads a library with
`--db URL`. `--timeline` prints the merged timeline instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xrefviewer.commands.inputs import EXIT_OK, add_input_arguments, analyse_inputs
from xrefviewer.errors import UsageError

if TYPE_CHECKING:
    # Imported when the command runs: building the parser must stay light.
    from xrefviewer.core.discrepancies import Discrepancy
    from xrefviewer.core.model import Analysis
    from xrefviewer.core.timeline import TimelineEntry

QUOTE_WIDTH = 96


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "discrepancies",
        help="list figures and dates the documents disagree on, with their quotes",
        description="Find claims about the same happening that the documents disagree on: "
        "different tolls, qualifiers that change the meaning, the same figure on another date. "
        "With no PATH, the built-in sample corpus. See docs/discrepancies.md.",
    )
    add_input_arguments(p)
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.add_argument(
        "--timeline",
        action="store_true",
        help="print the merged timeline (each happening once, with its sources) instead",
    )
    p.add_argument(
        "--db",
        metavar="URL",
        help="read an existing library (a SQLite file or a database URL) instead of PATHs",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xrefviewer.core.discrepancies import discrepancies_to_json, find_discrepancies
    from xrefviewer.core.timeline import merge_timeline

    status = EXIT_OK
    if args.db:
        if args.paths:
            raise UsageError("give either PATHs or --db, not both")
        analysis = open_library_analysis(args.db)
    else:
        analysis, status = analyse_inputs(args)
        if analysis is None:
            return status
    if args.timeline:
        entries = merge_timeline(analysis)
        if args.json:
            out = json.dumps(
                {
                    "documents": _documents_json(analysis),
                    "timeline": [e.to_json() for e in entries],
                },
                ensure_ascii=False,
                indent=1,
            )
        else:
            out = timeline_summary(entries, analysis)
    else:
        found = find_discrepancies(analysis)
        if args.json:
            out = json.dumps(discrepancies_to_json(found, analysis), ensure_ascii=False, indent=1)
        else:
            out = summary(found, analysis)
    sys.stdout.write(out + "\n")
    return status


def _documents_json(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"id": d.id, "path": d.path, "title": d.title, "date": d.date} for d in analysis.documents
    ]


def summary(found: list[Discrepancy], analysis: Analysis) -> str:
    docs = {d.id: d for d in analysis.documents}
    count = len(found)
    lines = [
        f"{count} discrepanc{'y' if count == 1 else 'ies'} among {len(analysis.documents)} documents"
    ]
    for d in found:
        lines.append("")
        lines.append(f"{d.id}  [{d.kind}]  {d.label}")
        for c in d.claims:
            doc = docs.get(c.document)
            title = (
                doc.title if doc and doc.title else Path(doc.path).name if doc else c.document
            )[:70]
            when = f", {doc.date}" if doc and doc.date else ""
            lines.append(f"  {c.document}  {title}{when}")
            quote = " ".join(c.quote.split())
            lines.extend(
                textwrap.wrap(
                    f"“{quote}”",
                    QUOTE_WIDTH,
                    initial_indent="      ",
                    subsequent_indent="       ",
                )
            )
    return "\n".join(lines)


def timeline_summary(entries: list[TimelineEntry], analysis: Analysis) -> str:
    merged = sum(1 for e in entries if len(e.documents) > 1)
    lines = [
        f"{len(entries)} timeline entries from {len(analysis.documents)} documents; "
        f"{merged} reported by more than one document"
    ]
    for e in entries:
        docs = ",".join(e.documents)
        flag = (
            f"  (date discrepancy with {', '.join(e.date_conflicts)})" if e.date_conflicts else ""
        )
        lines.append(f"{e.id:>5}  {e.date:<10}  [{docs}]  {e.label[:90]}{flag}")
    return "\n".join(lines)


# -- reading a library -------------------------------------------------------------------------


def open_library_analysis(url: str) -> Analysis:
    """The analysis stored in the library at `url` (which must exist)."""
    _check_library_exists(url)
    from xrefviewer.store.library import Library

    with Library.open(url) as library:
        return library.analysis()


def _check_library_exists(url: str) -> None:
    # Opening a library creates it: a mistyped path must not leave an empty one behind.
    path: str | None = None
    if "://" not in url:
        path = url
    elif url.startswith("sqlite:///") and ":memory:" not in url:
        path = url[len("sqlite:///") :]
    if path is not None and not Path(path).expanduser().is_file():
        raise UsageError(f"--db: no library at {path}")
