"""Smoke test of the frozen application: does the built app work on its own?

usage: python packaging/smoke_test.py [--build] [--app DIR] [--in-place] [--keep]

It copies dist/xrefviewer/ to a temporary folder outside the checkout and runs it there with a
clean environment (env -i: HOME and the XDG folders in the temporary folder, Qt offscreen):

  version   `xrefviewer --version` prints the version of pyproject.toml (cold start timed)
  analyze   `analyze --json` on the bundled sample corpus; the output passes the analysis
            contract check (../shared/tools/check_analysis.py, skipped with a note if absent)
  upgrade   a library of the first schema (tests/store/data/library-v1.sqlite) opens with the
            bundled migrations, is upgraded to the newest revision, and keeps its note
  import    the bundled corpus imported into a new library (the import's worker processes run
            the frozen executable), listed back, and searched (SQLite FTS5 in the bundle)
  team      a PostgreSQL URL: the bundled psycopg loads and an unreachable server (127.0.0.1
            port 1) is one readable line with a failure status, not a traceback
  gui       the viewer starts offscreen with no arguments, shows its window, says so on stderr
            and quits cleanly by itself (XREFVIEWER_SMOKE_QUIT_MS, honoured by ui/app.py);
            its library, settings and log land in the XDG folders, nothing in the working folder
  x11       on a real X server (Xvfb), as a person would: the window appears, Ctrl+Q closes it,
            status 0, the same folder checks; proves the trimmed bundle still loads Qt's xcb
            plugin and its libraries (skipped without Xvfb and xdotool)

Exits 1 with one line per failure. `--build` runs packaging/build.py --no-packages first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHECKER = REPO.parent / "shared" / "tools" / "check_analysis.py"
V1_LIBRARY = REPO / "tests" / "store" / "data" / "library-v1.sqlite"
WINDOW_SHOWN = "xrefviewer: window shown"
# Lines the Qt offscreen and X11 platforms print on their own; anything else on the viewer's
# stderr is reported.
HARMLESS_STDERR = re.compile(
    r"This plugin does not support|propagateSizeHints|QStandardPaths: wrong permissions"
    r"|qt\.qpa\.(xcb|fonts)|Fontconfig|XDG_RUNTIME_DIR"
)


class SmokeFailure(Exception):
    pass


def version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def exe(app: Path, name: str) -> Path:
    path = app / (f"{name}.exe" if sys.platform == "win32" else name)
    return path


def clean_env(root: Path) -> dict[str, str]:
    home = root / "home"
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(root / "runtime"),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if sys.platform == "win32":  # Windows cannot start a process without these
        for key in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP"):
            if key in os.environ:
                env[key] = os.environ[key]
        env.update(
            APPDATA=str(home / "AppData" / "Roaming"), LOCALAPPDATA=str(home / "AppData" / "Local")
        )
        env["USERPROFILE"] = str(home)
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    runtime = Path(env["XDG_RUNTIME_DIR"])
    runtime.mkdir(exist_ok=True)
    runtime.chmod(0o700)
    return env


def evict_from_page_cache(folder: Path) -> bool:
    """Make the next start a cold one for the bundle's own files (Linux: posix_fadvise)."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


class Smoke:
    def __init__(self, app: Path, root: Path) -> None:
        self.app, self.root = app, root
        self.work = root / "work"  # the working folder: must stay empty
        self.work.mkdir()
        self.env = clean_env(root)
        self.cli = exe(app, "xrefviewer-cli")
        if not self.cli.exists():
            self.cli = exe(app, "xrefviewer")
        self.gui = exe(app, "xrefviewer")
        internal = app / "_internal"
        self.bundle_data = (internal if internal.is_dir() else app) / "xrefviewer"
        self.results: list[tuple[str, bool, str]] = []
        self.timings: dict[str, float] = {}

    def run(
        self, *args: str, timeout: float = 300, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.cli), *args],
            cwd=self.work,
            env=env or self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )

    def step(self, name: str, check: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            note = check()
            ok = True
        except SmokeFailure as exc:
            note, ok = str(exc), False
        except subprocess.TimeoutExpired as exc:
            note, ok = f"timed out after {exc.timeout:.0f} s: {' '.join(map(str, exc.cmd))}", False
        elapsed = time.perf_counter() - started
        self.results.append((name, ok, note))
        print(f"{'ok  ' if ok else 'FAIL'} {name:<8} {elapsed:6.2f} s  {note}", flush=True)

    # --- the steps ----------------------------------------------------------------------------

    def check_version(self) -> str:
        cold = evict_from_page_cache(self.app)
        started = time.perf_counter()
        done = self.run("--version")
        self.timings["version_cold_s" if cold else "version_first_s"] = (
            time.perf_counter() - started
        )
        expected = f"xrefviewer {version()}"
        if done.returncode != 0 or done.stdout.strip() != expected:
            raise SmokeFailure(
                f"expected {expected!r}, got {done.returncode}: {done.stdout.strip()!r} {tail(done.stderr)}"
            )
        warm = []
        for _ in range(3):
            started = time.perf_counter()
            self.run("--version")
            warm.append(time.perf_counter() - started)
        self.timings["version_warm_s"] = min(warm)
        first = self.timings.get("version_cold_s", self.timings.get("version_first_s", 0))
        return (
            f"{expected}; start {'cold' if cold else 'first'} {first:.2f} s, warm {min(warm):.2f} s"
        )

    def check_analyze(self) -> str:
        corpus = self.bundle_data / "sample_corpus"
        if not corpus.is_dir():
            raise SmokeFailure(f"the sample corpus is not in the bundle ({corpus})")
        out = self.root / "analysis.json"
        started = time.perf_counter()
        done = self.run("analyze", "--json", "-o", str(out))
        self.timings["analyze_s"] = time.perf_counter() - started
        if done.returncode != 0:
            raise SmokeFailure(f"analyze exited {done.returncode}: {tail(done.stderr)}")
        data = json.loads(out.read_text("utf-8"))
        files = sorted(p.name for p in corpus.iterdir() if p.is_file())
        documents = data.get("documents", [])
        if len(documents) != len(files):
            raise SmokeFailure(
                f"{len(documents)} documents analysed, the bundled corpus has {len(files)}"
            )
        outside = [
            d["path"]
            for d in documents
            if not Path(d["path"]).resolve().is_relative_to(self.app.resolve())
        ]
        if outside:
            raise SmokeFailure(f"analysed files from outside the bundle: {outside[:2]}")
        counts = {k: len(data.get(k, [])) for k in ("mentions", "links", "events")}
        note = f"{len(documents)} documents, " + ", ".join(f"{v} {k}" for k, v in counts.items())
        if not CHECKER.is_file():
            return note + f"; contract check skipped ({CHECKER} not found)"
        checked = subprocess.run(
            [sys.executable, str(CHECKER), str(out), "--corpus", str(corpus)],
            capture_output=True,
            text=True,
            check=False,
        )
        if checked.returncode != 0:
            raise SmokeFailure(
                f"the analysis breaks the contract: {tail(checked.stdout + checked.stderr)}"
            )
        return note + "; contract check passed"

    def check_upgrade(self) -> str:
        if not V1_LIBRARY.is_file():
            return f"skipped: {V1_LIBRARY.relative_to(REPO)} is not in the checkout"
        versions = self.bundle_data / "store" / "migrations" / "versions"
        scripts = sorted(versions.glob("*.py")) if versions.is_dir() else []
        revisions = {}
        for script in scripts:
            text = script.read_text("utf-8")
            found = re.search(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)", text, re.M)
            down = re.search(r"^down_revision[^=]*=\s*['\"]([^'\"]+)", text, re.M)
            if found:
                revisions[found.group(1)] = down.group(1) if down else None
        heads = set(revisions) - set(revisions.values())
        if len(heads) != 1:
            raise SmokeFailure(f"the bundle's migrations ({versions}) have heads {sorted(heads)}")
        head = heads.pop()
        library = self.root / "library-v1.sqlite"
        shutil.copy2(V1_LIBRARY, library)
        before = read_revision(library)
        done = self.run("documents", "--db", str(library))
        if done.returncode != 0:
            raise SmokeFailure(
                f"documents --db (a v1 library) exited {done.returncode}: {tail(done.stderr)}"
            )
        after = read_revision(library)
        if after != head:
            raise SmokeFailure(f"the library is at revision {after}, the newest bundled is {head}")
        with contextlib.closing(sqlite3.connect(library)) as db:
            notes = [row[0] for row in db.execute("SELECT body FROM note")]
        if not notes:
            raise SmokeFailure("the upgrade lost the library's note")
        return (
            f"revision {before} -> {after}, {len(notes)} note kept; listed: {tail(done.stdout, 1)}"
        )

    def check_import(self) -> str:
        library = self.root / "new.sqlite"
        corpus = self.bundle_data / "sample_corpus"
        started = time.perf_counter()
        done = self.run("import", str(corpus), "--db", str(library))
        self.timings["import_s"] = time.perf_counter() - started
        if done.returncode != 0:
            raise SmokeFailure(f"import exited {done.returncode}: {tail(done.stderr)}")
        listed = self.run("documents", "--db", str(library))
        count = sum(1 for p in corpus.iterdir() if p.is_file())
        lines = [line for line in listed.stdout.splitlines() if line.strip()]
        if listed.returncode != 0 or len(lines) < count:
            raise SmokeFailure(
                f"documents after import: {listed.returncode}, {len(lines)} lines for {count} files"
            )
        # Full-text search needs SQLite's FTS5 in the bundled libsqlite3: look for a word that
        # is surely there, the longest of the first document's first line.
        first = sorted(p for p in corpus.iterdir() if p.is_file())[0]
        words = re.findall(r"[A-Za-z]{5,}", first.read_text("utf-8", errors="replace"))[:12]
        if not words:
            return f"{count} documents imported in {self.timings['import_s']:.1f} s"
        word = max(words, key=len)
        found = self.run("search", word, "--db", str(library))
        if found.returncode != 0 or not found.stdout.strip():
            raise SmokeFailure(
                f"search {word!r} found nothing ({found.returncode}): {tail(found.stderr)}"
            )
        return (
            f"{count} documents imported in {self.timings['import_s']:.1f} s; "
            f"search {word!r}: {len(found.stdout.strip().splitlines())} lines"
        )

    def check_team(self) -> str:
        """Team mode's driver is in the bundle: an unreachable server gets one readable line."""
        done = self.run("documents", "--db", "postgresql+psycopg://smoke:x@127.0.0.1:1/none")
        message = done.stderr.strip()
        if done.returncode == 0 or "Traceback" in message or "No module named" in message:
            raise SmokeFailure(f"PostgreSQL URL: exit {done.returncode}: {tail(message)}")
        if len(message.splitlines()) != 1 or "connect" not in message.lower():
            raise SmokeFailure(f"expected one line about the connection, got: {tail(message)}")
        return f"psycopg loads; unreachable server: exit {done.returncode}, one line"

    def start_viewer(
        self, env: dict[str, str]
    ) -> tuple[subprocess.Popen[str], list[str], list[float]]:
        """The viewer with no arguments; its stderr lines and when it said the window is shown."""
        evict_from_page_cache(self.app)
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(self.gui)],
            cwd=self.work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        lines: list[str] = []
        shown: list[float] = [started]

        def read() -> None:
            assert process.stderr is not None
            for line in process.stderr:
                if WINDOW_SHOWN in line and len(shown) == 1:
                    shown.append(time.perf_counter() - started)
                lines.append(line.rstrip())

        threading.Thread(target=read, daemon=True).start()
        return process, lines, shown

    def finish_viewer(
        self, process: subprocess.Popen[str], lines: list[str], timeout: float
    ) -> None:
        try:
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise SmokeFailure(
                f"the viewer did not quit within {timeout:.0f} s; stderr: {' | '.join(lines[-3:])}"
            ) from None
        time.sleep(0.2)  # the reader thread takes the last lines
        if status != 0:
            raise SmokeFailure(f"the viewer exited {status}: {' | '.join(lines[-4:])}")
        unexpected = [
            x for x in lines if x and WINDOW_SHOWN not in x and not HARMLESS_STDERR.search(x)
        ]
        if unexpected:
            raise SmokeFailure(f"unexpected output on stderr: {' | '.join(unexpected[:4])}")

    def check_gui(self) -> str:
        """Offscreen, as CI would: the viewer's own smoke hook shows the window and quits."""
        env = dict(self.env, XREFVIEWER_SMOKE_QUIT_MS="3000")
        process, lines, shown = self.start_viewer(env)
        try:
            self.finish_viewer(process, lines, timeout=45)
        except SmokeFailure as exc:
            if len(shown) == 1:
                raise SmokeFailure(
                    f"{exc} (ui/app.py does not seem to honour XREFVIEWER_SMOKE_QUIT_MS: it should "
                    f"print {WINDOW_SHOWN!r} on stderr once the window is shown, then close it)"
                ) from None
            raise
        if len(shown) == 1:
            raise SmokeFailure(f"the viewer quit without saying {WINDOW_SHOWN!r} on stderr")
        self.timings["gui_window_shown_offscreen_s"] = shown[1]
        return f"window shown after {shown[1]:.2f} s (cold), quit with 0; " + self.user_folders(
            self.env
        )

    def user_folders(self, env: dict[str, str]) -> str:
        """User data, settings and logs in the XDG folders, nothing in the working folder."""
        stray = sorted(p.name for p in self.work.iterdir())
        if stray:
            raise SmokeFailure(f"the app wrote into its working folder: {stray}")
        found = []
        for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            files = [p for p in Path(env[key]).rglob("*") if p.is_file()]
            if files:
                found.append(f"{key}: {', '.join(sorted({p.name for p in files})[:3])}")
        if len(found) < 3:
            raise SmokeFailure(f"the viewer should save library, settings and log; found {found}")
        return "; ".join(found)

    def check_x11(self) -> str:
        """On a real X server, as a person: wait for the window, press Ctrl+Q, expect status 0."""
        xvfb, xdotool = shutil.which("Xvfb"), shutil.which("xdotool")
        if not xvfb or not xdotool:
            return "skipped: needs Xvfb and xdotool (apt-get install xvfb xdotool)"
        # Xvfb picks a free display and writes its number once it accepts connections: a
        # fixed wait raced a loaded machine (the app then found no server and aborted).
        ready, written = os.pipe()
        server = subprocess.Popen(
            [xvfb, "-displayfd", str(written), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(written,),
        )
        os.close(written)
        try:
            display = ":" + _read_display(ready, timeout=30)
        finally:
            os.close(ready)
        env = clean_env(self.root / "x11")  # a first run of its own
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
        x = dict(os.environ, DISPLAY=display)
        try:
            if display == ":" or server.poll() is not None:
                return "skipped: Xvfb did not start"
            process, lines, shown = self.start_viewer(env)
            window = ""
            while not window:
                found = subprocess.run(
                    [xdotool, "search", "--onlyvisible", "--name", "^xrefviewer"],
                    env=x,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                window = found.stdout.split()[0] if found.stdout.split() else ""
                elapsed = time.perf_counter() - shown[0]
                if process.poll() is not None or elapsed > 60:
                    process.kill()
                    raise SmokeFailure(
                        f"no window on the X server (status {process.poll()}): {' | '.join(lines[-3:])}"
                    )
                time.sleep(0.05)
            self.timings["gui_window_shown_x11_s"] = elapsed
            time.sleep(3)  # the first run opens the sample corpus; let it
            subprocess.run([xdotool, "windowfocus", "--sync", window], env=x, check=False)
            subprocess.run([xdotool, "key", "--clearmodifiers", "ctrl+q"], env=x, check=False)
            self.finish_viewer(process, lines, timeout=30)
            return f"window mapped after {elapsed:.2f} s (cold), Ctrl+Q quit with 0; " + (
                self.user_folders(env)
            )
        finally:
            server.terminate()
            server.wait(10)


def _read_display(fd: int, timeout: float) -> str:
    """The display number Xvfb writes to `fd` when it is ready ("" if it never does)."""
    deadline = time.monotonic() + timeout
    out = b""
    while not out.endswith(b"\n") and time.monotonic() < deadline:
        if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            break
        chunk = os.read(fd, 16)
        if not chunk:
            break
        out += chunk
    return out.decode().strip()


def read_revision(library: Path) -> str | None:
    with contextlib.closing(sqlite3.connect(library)) as db:
        try:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            return None
    return row[0] if row else None


def tail(text: str, lines: int = 3) -> str:
    return " | ".join(x for x in text.strip().splitlines()[-lines:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--build", action="store_true", help="run packaging/build.py --no-packages first"
    )
    parser.add_argument(
        "--app", type=Path, default=REPO / "dist" / "xrefviewer", help="the built folder"
    )
    parser.add_argument(
        "--in-place", action="store_true", help="run the app where it is, not a copy"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the timings to FILE")
    args = parser.parse_args(argv)
    if args.build:
        built = subprocess.run(
            [sys.executable, str(REPO / "packaging" / "build.py"), "--no-packages"], check=False
        )
        if built.returncode != 0:
            print("smoke test: the build failed", file=sys.stderr)
            return 1
    if not exe(args.app, "xrefviewer").is_file():
        print(
            f"smoke test: no built app in {args.app}; run python packaging/build.py first",
            file=sys.stderr,
        )
        return 1
    root = Path(tempfile.mkdtemp(prefix="xrefviewer-smoke-"))
    try:
        app = args.app
        if not args.in_place:
            app = root / "app" / "xrefviewer"
            shutil.copytree(args.app, app, symlinks=True)
        smoke = Smoke(app, root)
        print(f"smoke test of {args.app} (run from {app}, working folder {smoke.work})")
        smoke.step("version", smoke.check_version)
        smoke.step("analyze", smoke.check_analyze)
        smoke.step("upgrade", smoke.check_upgrade)
        smoke.step("import", smoke.check_import)
        smoke.step("team", smoke.check_team)
        smoke.step("gui", smoke.check_gui)
        if sys.platform.startswith("linux"):
            smoke.step("x11", smoke.check_x11)
    finally:
        if args.keep:
            print(f"smoke test: kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    failed = [name for name, ok, _ in smoke.results if not ok]
    if args.json:
        args.json.write_text(json.dumps(smoke.timings, indent=1) + "\n", encoding="utf-8")
    print("timings: " + ", ".join(f"{k} {v:.2f}" for k, v in smoke.timings.items()))
    print(f"smoke test: {len(smoke.results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
