"""A kill -9 in the middle of an import leaves a consistent library (a real killed process)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from xrefviewer.store.library import Library

_IMPORTER = textwrap.dedent(
    """
    import sys
    from xrefviewer.store.library import Library

    def progress(done, total, path):
        print(done, flush=True)

    library = Library.open(sys.argv[1])
    library.import_paths([sys.argv[2]], progress=progress, workers=int(sys.argv[3]))
    print("finished", flush=True)
    """
)

_CITIES = ["Geneva", "Nairobi", "Kabul", "Lima", "Oslo", "Dhaka", "Quito", "Accra"]
_GROUPS = ["villagers", "students", "workers", "prisoners", "refugees", "farmers"]


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        city = _CITIES[i % len(_CITIES)]
        group = _GROUPS[i % len(_GROUPS)]
        body = "\n\n".join(
            f"{city.upper()}, March {1 + (i + k) % 28}, 20{10 + k % 10} - Officials of the "
            f"{city} Relief Agency said {10 + (i * 7 + k) % 90} {group} were hurt on "
            f"{['Monday', 'Friday'][k % 2]}. Maria Lopez of the agency said {k + 2} teams "
            f"went to {_CITIES[(i + k) % len(_CITIES)]} in June 2014."
            for k in range(12)
        )
        (folder / f"doc{i:04d}.txt").write_text(body + "\n", encoding="utf-8")
    return folder


def _children(pid: int) -> list[int]:
    """The processes whose parent is pid (Linux: read from /proc; elsewhere none)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_kill_minus_nine_mid_import_leaves_a_consistent_library(
    tmp_path: Path, workers: int
) -> None:
    docs = _corpus(tmp_path / "docs", 80)
    path = tmp_path / "library.sqlite"
    Library.open(str(path)).close()
    process = subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, str(path), str(docs), str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if line.strip() == "finished":
                pytest.fail("the import finished before it could be killed")
            if int(line) >= 20:
                break
        workers_of = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=60)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    # its analysis workers see it gone and leave, rather than wait for ever
    deadline = time.monotonic() + 15
    while any(map(_alive, workers_of)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, workers_of))

    with sqlite3.connect(path) as raw:
        stored = raw.execute("SELECT count(*) FROM document").fetchone()[0]
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()
    assert 20 <= stored < 80

    with Library.open(str(path)) as library:
        documents = library.documents()
        assert len(documents) == stored
        for d in documents:
            mentions = library.mentions(d.id)
            # Every document is whole: its mentions, its counts and its events are all there.
            assert mentions, d.path
            assert d.figures + d.names + d.dates == len(mentions)
            assert d.dates == sum(1 for m in mentions if m.kind == "date") > 0
            assert library.events(document_id=d.id)
            text = library.document_text(d.id)
            assert all(text[m.start : m.end] == m.text for m in mentions)
        # Opening finished the interrupted linking: every linked mention has a live link.
        links = library.links()
        assert links
        for link in links:
            assert len(library.link_occurrences(link.id)) == link.mentions
        # Importing again adds exactly what is missing.
        report = library.import_paths([docs], workers=1)
        assert (report.added, report.unchanged) == (80 - stored, stored)
        assert len(library.documents()) == 80
