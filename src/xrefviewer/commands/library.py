"""The library's commands: import, documents, links, search, events and the user's decisions.

Every command takes `--db URL` (a file path, sqlite:///FILE or postgresql+psycopg://...);
without it XREFVIEWER_DB, else the default library in the user data folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from xrefviewer.commands.inputs import add_db_argument, read_known_dates

if TYPE_CHECKING:
    # Imported when a command runs: `xrefviewer --help` need not load SQLAlchemy and Alembic.
    from xrefviewer.store.library import Library
    from xrefviewer.store.records import ImportReport

EXIT_OK, EXIT_FAILED, EXIT_PARTIAL = 0, 1, 3

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def register(sub: Sub) -> None:
    p = sub.add_parser(
        "import",
        help="add documents to the library",
        description="Add documents (files or folders, recursively: .txt, .md, .html, .pdf, "
        ".docx) to the library. Unchanged files are skipped; a changed file replaces its "
        "old analysis and keeps its notes.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    add_db_argument(p)
    p.add_argument("--document-dates", type=Path, metavar="FILE", help="JSON: file name -> date")
    p.add_argument(
        "--workers", type=int, metavar="N", help="analysis processes (default: all cores)"
    )
    p.set_defaults(run=run_import)

    p = sub.add_parser("documents", help="list the library's documents")
    add_db_argument(p)
    p.set_defaults(run=run_documents)

    p = sub.add_parser(
        "links",
        help="list links (figures and names the documents share)",
        description="List links, most documents first; with --show ID, every mention of one link.",
    )
    add_db_argument(p)
    p.add_argument("--kind", choices=("figure", "name"))
    p.add_argument("--text", help="only links whose label or mentions contain TEXT")
    p.add_argument(
        "--document", type=int, metavar="ID", help="only links with a mention in document ID"
    )
    p.add_argument("--show", type=int, metavar="ID", help="list every mention of link ID")
    _add_paging(p, "mentions (with --show)")
    p.set_defaults(run=run_links)

    p = sub.add_parser("search", help="full-text search over the library")
    p.add_argument("query", metavar="QUERY", nargs="+")
    add_db_argument(p)
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.set_defaults(run=run_search)

    p = sub.add_parser("events", help="list dated statements in date order")
    add_db_argument(p)
    p.add_argument("--from", dest="start", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="DATE")
    p.add_argument("--document", type=int, metavar="ID")
    p.add_argument("--link", type=int, metavar="ID")
    _add_paging(p, "events")
    p.set_defaults(run=run_events)

    decisions = (
        ("merge", "make two links one (the first keeps its id)", ("KEEP", "OTHER"), run_merge),
        ("split", "take a mention out of its link", ("MENTION",), run_split),
        (
            "not-same",
            "mark two links as different things, for good",
            ("LINK", "OTHER"),
            run_not_same,
        ),
        (
            "dismiss",
            "dismiss a false mention (not a name, figure or date)",
            ("MENTION",),
            run_dismiss,
        ),
    )
    for name, text, metavars, fn in decisions:
        p = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        for metavar in metavars:
            p.add_argument(metavar.lower(), metavar=metavar, type=int)
        add_db_argument(p)
        p.set_defaults(run=fn)

    p = sub.add_parser("rename", help="give a link your own label", description="Rename a link.")
    p.add_argument("link", metavar="LINK", type=int)
    p.add_argument("label", metavar="LABEL")
    add_db_argument(p)
    p.set_defaults(run=run_rename)

    p = sub.add_parser(
        "add-mention",
        help="add a mention the analysis missed",
        description="Add a mention at START-END (character offsets) of a document.",
    )
    p.add_argument("document", metavar="DOCUMENT", type=int)
    p.add_argument("start", metavar="START", type=int)
    p.add_argument("end", metavar="END", type=int)
    p.add_argument("kind", choices=("figure", "name", "date"))
    p.add_argument("--value", help="its value: the number, the canonical name or the TIMEX3 date")
    add_db_argument(p)
    p.set_defaults(run=run_add_mention)


class ProgressBar:
    """A bar redrawn in place on a terminal; a few plain lines anywhere else."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self.last_line = -1
        self.drawn = False

    def __call__(self, done: int, total: int, path: str) -> None:
        if self.tty:
            width = 30
            filled = width * done // max(1, total)
            name = Path(path).name[-30:]
            rate = done / max(1e-6, time.monotonic() - self.started)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                f"{rate:5.1f}/s {name:<30}"
            )
            self.drawn = True
        else:
            # About twenty lines for a long import; every document for a short one.
            step = max(1, total // 20)
            if done == total or done // step != self.last_line:
                self.last_line = done // step
                self.stream.write(f"imported {done}/{total}: {path}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _open(args: argparse.Namespace) -> Library:
    from xrefviewer.store.library import Library

    return Library.open(args.db)


def run_import(args: argparse.Namespace) -> int:
    known = read_known_dates(args.document_dates)
    bar = ProgressBar()
    with _open(args) as library:
        try:
            report = library.import_paths(
                args.paths, known_dates=known, progress=bar, workers=args.workers
            )
        finally:
            bar.finish()
        for problem in report.problems:
            print(f"xrefviewer: {problem}", file=sys.stderr)
        print(summary(report, len(library.documents())))
    return EXIT_PARTIAL if report.problems else EXIT_OK


def summary(report: ImportReport, total: int) -> str:
    parts = [
        f"{report.added} added",
        f"{report.replaced} replaced",
        f"{report.unchanged} unchanged",
    ]
    skipped = sum(1 for p in report.problems if p.skipped)
    if skipped:
        parts.append(f"{skipped} skipped")
    return f"{', '.join(parts)}; the library holds {total} documents"


def run_documents(args: argparse.Namespace) -> int:
    with _open(args) as library:
        for d in library.documents():
            date = d.date or "undated"
            print(
                f"{d.id:>5}  {date:<10}  {d.figures:>3} fig {d.names:>3} names {d.dates:>3} dates  {d.title[:60]}"
            )
    return EXIT_OK


def _add_paging(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--limit", type=int, metavar="N", help=f"list at most N {what}")
    p.add_argument("--offset", type=int, default=0, metavar="N", help=f"skip the first N {what}")


def run_links(args: argparse.Namespace) -> int:
    with _open(args) as library:
        if args.show is not None:
            link = library.link(args.show)
            print(
                f"{link.id}  {link.kind}  {link.label}  ({link.mentions} mentions in {link.documents} documents)"
            )
            for o in library.link_occurrences(args.show, limit=args.limit, offset=args.offset):
                m = o.mention
                print(
                    f"  doc {m.document_id}:{o.line}:{o.column}  mention {m.id}  {m.text!r}  {o.snippet}"
                )
            return EXIT_OK
        for link in library.links(args.kind, args.text, args.document):
            mark = " (renamed)" if link.renamed else ""
            print(
                f"{link.id:>6}  {link.kind:<6}  {link.documents:>4} docs {link.mentions:>4}x  {link.label[:70]}{mark}"
            )
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    with _open(args) as library:
        hits = library.search(" ".join(args.query), limit=args.limit)
        for hit in hits:
            print(f"{hit.document_id:>5}  {hit.document_title[:60]}")
            print(f"       {hit.snippet}")
    if not hits:
        print("no matches", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def run_events(args: argparse.Namespace) -> int:
    with _open(args) as library:
        events = library.events(
            args.start, args.end, args.document, args.link, limit=args.limit, offset=args.offset
        )
        for e in events:
            mark = "?" if e.uncertain else " "
            text = " ".join(e.text.split())
            print(f"{e.date:<12}{mark} doc {e.document_id:<5} {text[:100]}")
    return EXIT_OK


def run_merge(args: argparse.Namespace) -> int:
    with _open(args) as library:
        merged = library.merge_links(args.keep, args.other)
        link = library.link(merged)
        print(
            f"merged into link {link.id}: {link.label} ({link.mentions} mentions in {link.documents} documents)"
        )
    return EXIT_OK


def run_split(args: argparse.Namespace) -> int:
    with _open(args) as library:
        library.split_mention(args.mention)
        print(f"mention {args.mention} taken out of its link")
    return EXIT_OK


def run_not_same(args: argparse.Namespace) -> int:
    with _open(args) as library:
        library.mark_not_same(args.link, args.other)
        print(f"links {args.link} and {args.other} will be kept apart")
    return EXIT_OK


def run_dismiss(args: argparse.Namespace) -> int:
    with _open(args) as library:
        library.dismiss_mention(args.mention)
        print(f"mention {args.mention} dismissed")
    return EXIT_OK


def run_rename(args: argparse.Namespace) -> int:
    with _open(args) as library:
        library.rename_link(args.link, args.label)
        print(f"link {args.link} is now {library.link(args.link).label!r}")
    return EXIT_OK


def run_add_mention(args: argparse.Namespace) -> int:
    with _open(args) as library:
        m = library.add_mention(args.document, args.start, args.end, args.kind, args.value)
        linked = f", in link {m.link_id}" if m.link_id else ""
        print(f"added mention {m.id}: {m.kind} {m.text!r} = {m.value}{linked}")
    return EXIT_OK
