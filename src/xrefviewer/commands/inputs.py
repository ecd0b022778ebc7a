"""What the commands share: PATH arguments, known document dates, reading and analysing them
with every problem said on stderr in one line, and the --db option of the library commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from xrefviewer.core.loading import DEFAULT_MAX_BYTES
from xrefviewer.errors import UsageError

if TYPE_CHECKING:
    # Imported when a command runs: building the parser must not pay for the extractors.
    from xrefviewer.core.model import Analysis

EXIT_OK, EXIT_FAILED, EXIT_PARTIAL = 0, 1, 3


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", type=Path)
    p.add_argument(
        "--document-dates",
        type=Path,
        metavar="FILE",
        help="JSON object mapping file names (with or without extension) to known dates, "
        'e.g. {"report": "2014-06-03"}',
    )
    p.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES / 1_000_000,
        metavar="MB",
        help="skip files larger than this (default: %(default).0f MB)",
    )


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="URL",
        help="the library: a file path, sqlite:///FILE or postgresql+psycopg://USER:PW@HOST/DB "
        "(default: $XREFVIEWER_DB, else library.sqlite in the user data folder)",
    )


def read_known_dates(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--document-dates: no such file: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"--document-dates: {path} is not a readable JSON file ({exc})") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise UsageError(f"--document-dates: {path} must hold one object of name -> date strings")
    return data


def analyse_inputs(args: argparse.Namespace) -> tuple[Analysis | None, int]:
    """The analysis of args.paths (no PATH: the sample corpus) and the exit status it earns:
    EXIT_PARTIAL when some input was skipped or read with a caveat, (None, EXIT_FAILED) when
    nothing could be read."""
    from xrefviewer.core.analyze import AnalysisOptions, analyze
    from xrefviewer.core.loading import load_paths
    from xrefviewer.locations import sample_corpus_dir

    known = read_known_dates(args.document_dates)
    loaded = load_paths(args.paths or [sample_corpus_dir()], max_bytes=int(args.max_size * 1e6))
    for problem in loaded.problems:
        print(f"xrefviewer: {problem}", file=sys.stderr)
    if not loaded.sources:
        print("xrefviewer: nothing to analyse", file=sys.stderr)
        return None, EXIT_FAILED
    result = analyze(loaded.sources, AnalysisOptions(known_dates=known))
    return result, EXIT_PARTIAL if loaded.problems else EXIT_OK
