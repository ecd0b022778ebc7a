"""Cold start of the built app: `--version`, and the viewer until its window is on an X screen.

usage: python packaging/measure_start.py [--app DIR] [--runs N]

Needs Xvfb and xwininfo (Debian: xvfb, x11-utils). Each run first drops the bundle's files from
the page cache (posix_fadvise), so the times include reading the app from disk; system
libraries (Qt's X11 and font libraries) stay cached, as on a desktop in use. The viewer runs
with a fresh HOME each time (the first-run path: it opens the sample corpus) and is stopped
as soon as its main window is mapped. Prints the median and the fastest of N runs. The figures
go into benchmarks/README.md, section "Packaged app".
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke_test import REPO, clean_env, evict_from_page_cache


def window_mapped(display: str) -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return any('"xrefviewer' in line and "x" in line for line in tree.splitlines())


def time_version(app: Path, env: dict[str, str], cwd: Path) -> float:
    evict_from_page_cache(app)
    started = time.perf_counter()
    subprocess.run(
        [str(app / "xrefviewer"), "--version"], env=env, cwd=cwd, capture_output=True, check=True
    )
    return time.perf_counter() - started


def time_window(app: Path, env: dict[str, str], cwd: Path, display: str) -> float:
    evict_from_page_cache(app)
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(app / "xrefviewer")],
        env=dict(env, QT_QPA_PLATFORM="xcb", DISPLAY=display),
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not window_mapped(display):
            if process.poll() is not None:
                raise RuntimeError(f"the viewer exited with {process.returncode} before its window")
            if time.perf_counter() - started > 60:
                raise RuntimeError("no window within 60 s")
            time.sleep(0.02)
        return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, default=REPO / "dist" / "xrefviewer")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not shutil.which("Xvfb") or not shutil.which("xwininfo"):
        print(
            "measure_start: needs Xvfb and xwininfo (apt-get install xvfb x11-utils)",
            file=sys.stderr,
        )
        return 1
    display = f":{150 + os.getpid() % 100}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    versions, windows = [], []
    try:
        time.sleep(1.5)
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="xrefviewer-start-") as tmp:
                root = Path(tmp)
                (root / "work").mkdir()
                env = clean_env(root)
                versions.append(time_version(args.app, env, root / "work"))
                windows.append(time_window(args.app, env, root / "work", display))
    finally:
        server.terminate()
        server.wait(10)
    for label, values in (("--version", versions), ("window shown", windows)):
        print(
            f"{label:<13} median {statistics.median(values):.2f} s, fastest {min(values):.2f} s "
            f"({len(values)} cold runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
