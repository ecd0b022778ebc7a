"""The `xrefviewer` command: the window with no arguments, otherwise one of the subcommands.

Each subcommand lives in `xrefviewer.commands.<name>` and registers itself with
`register(subparsers)`; add it to COMMAND_MODULES. Errors raised on purpose (XrefError)
become one line on stderr and an exit status; only bugs keep their traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from xrefviewer import __version__
from xrefviewer.errors import XrefError

COMMAND_MODULES = (
    "xrefviewer.commands.analyze",
    "xrefviewer.commands.discrepancies",
    "xrefviewer.commands.export",
    "xrefviewer.commands.library",
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # the work was done, but some inputs were skipped or read with a caveat
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xrefviewer",
        description="Read a stack of documents and see what they say about each other. "
        "With no command, opens the viewer.",
        epilog="Exit status: 0 done; 1 failed; 2 bad usage; 3 done, but some inputs "
        "were skipped or read with a fallback (each one said on stderr).",
    )
    parser.add_argument("--version", action="version", version=f"xrefviewer {__version__}")
    parser.add_argument(
        "--db",
        dest="gui_db",
        metavar="URL",
        help="with no command: the library the viewer opens (default: the last one used)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return gui_main(["--db", args.gui_db] if args.gui_db else [])
    try:
        return int(args.run(args))
    except XrefError as exc:
        print(f"xrefviewer: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("xrefviewer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if not missing or missing == "xrefviewer":
            raise  # a module of our own missing is a bug
        # run from a checkout without `pip install`: a setup step missed, not a crash
        print(
            f"xrefviewer: the package {missing!r} it needs is not installed; "
            "install xrefviewer with pip (see the README)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


def gui_main(argv: Sequence[str] | None = None) -> int:
    try:
        from xrefviewer.ui.app import run
    except ImportError as exc:
        print(f"xrefviewer: the viewer can't start ({exc})", file=sys.stderr)
        return EXIT_FAILED
    return int(run(list(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    sys.exit(main())
