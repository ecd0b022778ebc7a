"""`xrefviewer export` and `xrefviewer import-notes`: notes and links out of the library, and
a JSON export back into one.

    xrefviewer export --format md|html|csv|json [--link ID ...] [--document ID ...] [--all]
                      [--discrepancies] [-o PATH] [--force] [--bom] [--title TEXT] [--db URL]
    xrefviewer import-notes FILE [--db URL]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from xrefviewer.commands.inputs import add_db_argument
from xrefviewer.errors import UsageError
from xrefviewer.export.formats import FORMAT_NAMES, STDOUT_FORMATS, format_for_path

if TYPE_CHECKING:
    # Imported when a command runs: `xrefviewer --help` need not load SQLAlchemy and Alembic.
    from xrefviewer.store.library import Library

EXIT_OK, EXIT_PARTIAL = 0, 3

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def register(sub: Sub) -> None:
    p = sub.add_parser(
        "export",
        help="export links and notes as Markdown, HTML, CSV or JSON",
        description="Export links with every quote (document, date, line and character "
        "offsets) and the notes on them. md: Markdown for Obsidian and Logseq; html: one "
        "self-contained printable page; csv: one row per quote (text cells starting with "
        "= + - @ get a leading apostrophe so spreadsheets don't run them); json: the file "
        "`xrefviewer import-notes` reads back.",
        epilog="Exit status: 0 done; 1 failed (e.g. the file exists: add --force); 2 bad usage.",
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMAT_NAMES),
        help="default: from the -o file's extension, else md",
    )
    p.add_argument(
        "--link",
        type=int,
        action="append",
        default=[],
        metavar="ID",
        dest="links",
        help="this link, its quotes and notes (repeatable; ids: `xrefviewer links`)",
    )
    p.add_argument(
        "--document",
        type=int,
        action="append",
        default=[],
        metavar="ID",
        dest="documents",
        help="every link quoting this document, and its notes (repeatable)",
    )
    p.add_argument("--all", action="store_true", help="every link and every note")
    p.add_argument(
        "--discrepancies",
        action="store_true",
        help="add where the documents disagree (as `xrefviewer discrepancies` lists them): "
        "with --all or alone, all of them; with --link/--document, those with a quote in a "
        "document the export quotes",
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="PATH", help="default: standard output (not html)"
    )
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.add_argument("--bom", action="store_true", help="csv: start with a BOM, for Excel")
    p.add_argument("--title", help="the export's title (default: xrefviewer notes)")
    add_db_argument(p)
    p.set_defaults(run=run_export)

    p = sub.add_parser(
        "import-notes",
        help="bring notes and link decisions from a JSON export into the library",
        description="Read FILE (made by `xrefviewer export --format json`) and add its notes, "
        "added and dismissed mentions, merged links, links kept apart (not the same) and "
        "renames to the library. Documents are matched by "
        "content hash (else by a unique title, the quote found again in the new text), "
        "mentions and events by their place. What can't be matched is listed on stderr; "
        "nothing already there is changed or added twice.",
        epilog="Exit status: 0 done; 1 failed; 2 bad usage; 3 done, but some things "
        "could not be matched (each one said on stderr).",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--keep-links",
        action="store_true",
        help="don't merge this library's links to match the file's (the file can't say which "
        "of its links the user merged and which the analysis made)",
    )
    add_db_argument(p)
    p.set_defaults(run=run_import_notes)


def open_existing(db: str | None) -> Library:
    """The library at `db`; a mistyped path must not silently create an empty one."""
    from xrefviewer.store.engine import resolve_url, sqlite_file
    from xrefviewer.store.library import Library

    path = sqlite_file(resolve_url(db))
    if path is not None and not path.is_file():
        raise UsageError(f"no library at {path}" + ("" if db else " (give --db URL)"))
    return Library.open(db)


def choose_format(fmt: str | None, output: Path | None) -> str:
    if fmt:
        return fmt
    if output is not None:
        found = format_for_path(output.suffix)
        if found:
            return found
    return "md"


def write_stdout(text: str) -> None:
    # bytes, so that UTF-8 and CSV's CRLF reach a pipe unchanged whatever the locale
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def run_export(args: argparse.Namespace) -> int:
    from xrefviewer.export.collect import collect
    from xrefviewer.export.render import OutputExistsError, render, write_export

    fmt = choose_format(args.format, args.output)
    if not (args.all or args.links or args.documents or args.discrepancies):
        raise UsageError("say what to export: --link ID, --document ID, --all or --discrepancies")
    if args.output is None and fmt not in STDOUT_FORMATS:
        raise UsageError(f"--format {fmt} needs -o PATH")
    if args.bom and fmt != "csv":
        raise UsageError("--bom is for --format csv")
    if args.output is not None and args.output.exists() and not args.force:
        # said before the library is read; write_export checks again at the rename
        raise OutputExistsError(args.output)
    library = open_existing(args.db)
    try:
        bundle = collect(
            library,
            args.links,
            args.documents,
            args.all,
            title=args.title,
            discrepancies=args.discrepancies,
        )
    finally:
        library.close()
    text = render(bundle, fmt, bom=args.bom)
    if args.output is None:
        write_stdout(text)
    else:
        write_export(args.output, text, force=args.force)
        print(
            f"xrefviewer: wrote {len(bundle.links)} links, {len(bundle.notes)} notes"
            + (f" and {len(bundle.discrepancies)} discrepancies" if args.discrepancies else "")
            + f" to {args.output}",
            file=sys.stderr,
        )
    return EXIT_OK


def run_import_notes(args: argparse.Namespace) -> int:
    from xrefviewer.export.importing import import_notes
    from xrefviewer.export.notes_json import NotesFileError, read_notes_file

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"no such file: {args.file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"can't read {args.file}: {exc}") from None
    try:
        bundle = read_notes_file(text)
    except NotesFileError as exc:
        raise NotesFileError(f"{args.file}: {exc}") from None
    library = open_existing(args.db)
    try:
        result = import_notes(library, bundle, join_links=not args.keep_links)
    finally:
        library.close()
    for line in result.unmatched:
        print(f"xrefviewer: not matched: {line}", file=sys.stderr)
    if result.differences:
        print(f"xrefviewer: {result.differences}", file=sys.stderr)
    print(result.summary())
    return EXIT_OK if result.complete else EXIT_PARTIAL
