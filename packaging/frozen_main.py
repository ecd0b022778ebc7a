"""The frozen application's entry point: the `xrefviewer` command, exactly as `python -m xrefviewer`.

Both executables of the bundle start here: `xrefviewer` (windowed: no console on Windows and
macOS) and `xrefviewer-cli` (a console program, for `analyze --json` and the other commands).
"""

import multiprocessing
import os
import sys


def _give_windowless_streams_a_sink() -> None:
    # A windowed Windows executable has no console, so sys.stdout and sys.stderr are None and the
    # first print (argparse's usage, an error line) would raise. The viewer logs to a file instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    # The library's import analyses documents in worker processes; in a frozen app each worker
    # re-runs this executable, and freeze_support() turns it into the worker instead of the app.
    multiprocessing.freeze_support()
    _give_windowless_streams_a_sink()
    from xrefviewer.cli import main

    sys.exit(main())
