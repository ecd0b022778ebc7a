"""Speed and memory of the viewer with a large library.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_viewer.py [--documents 10000] [--mb 1] [--occurrences 1000]

The window runs over an in-memory library that hands out the store's records (documents,
mentions, links, occurrences, events), so these figures are the viewer's own cost: models,
highlighting, panes. The store's query times are measured by the store's benchmark.
Prints one JSON object: seconds to the first window shown and filled, to open a document of
about --mb megabytes in a pane, to select a link with --occurrences occurrences; peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import documents  # noqa: E402

from xrefviewer.store.records import (  # noqa: E402
    DocumentInfo,
    EventInfo,
    LinkInfo,
    MentionInfo,
    Occurrence,
)

_FIGURE = re.compile(r"\b\d[\d,]*\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")


class SyntheticLibrary:
    """The library facade over generated records, all in memory."""

    def __init__(self, count: int, big_mb: float, occurrences: int) -> None:
        self.url = "synthetic://bench"
        stamp = datetime(2024, 1, 1)
        self._docs = [
            DocumentInfo(i, f"/bench/{i}.txt", f"Synthetic report {i}", f"20{i % 24:02d}-0{1 + i % 9}-1{i % 10}",
                         "dateline", str(i), stamp, 12, 20, 6)
            for i in range(1, count + 1)
        ]  # fmt: skip
        self._events = [
            EventInfo(i, 1 + i % count, f"Synthetic report {1 + i % count}", f"{1980 + i % 44}-{1 + i % 12:02d}",
                      "last month", 0, 80, "A sentence of about eighty characters that says when something happened.")
            for i in range(count * 5)
        ]  # fmt: skip
        self._links = [
            LinkInfo(i, "figure" if i % 3 else "name", f"link {i}", 3 + i % 50, 2 + i % 40)
            for i in range(1, count * 2)
        ]
        parts, size = [], 0
        for _name, text in documents(10**6):
            parts.append(text)
            size += len(text)
            if size >= big_mb * 1_000_000:
                break
        self.big_text = "\n\n".join(parts)
        self.big_id = 1
        mentions = []
        for n, m in enumerate(_FIGURE.finditer(self.big_text)):
            mentions.append(MentionInfo(len(mentions) + 1, 1, "figure", m.start(), m.end(), m[0], m[0].replace(",", ""),
                                        link_id=1 if n < occurrences else 2 + n % 500))  # fmt: skip
        for m in _NAME.finditer(self.big_text):
            mentions.append(MentionInfo(len(mentions) + 1, 1, "name", m.start(), m.end(), m[0], m[0], link_id=3 + len(mentions) % 500))  # fmt: skip
        self._mentions = mentions
        self.occurrences_of_1 = [
            Occurrence(m, "Synthetic report 1", "2001-01-11", self.big_text[max(0, m.start - 90) : m.end + 90],
                       max(0, m.start - 90), 1, 1)
            for m in mentions if m.link_id == 1
        ]  # fmt: skip

    def close(self) -> None:
        pass

    def documents(self):
        return self._docs

    def document(self, document_id):
        return self._docs[document_id - 1]

    def document_text(self, document_id):
        return self.big_text if document_id == self.big_id else "A short document.\n" * 50

    def mentions(self, document_id):
        return self._mentions if document_id == self.big_id else []

    def links(self, kind=None, text=None, document_id=None):
        return self._links

    def link(self, link_id):
        return self._links[link_id - 1]

    def link_occurrences(self, link_id, *, limit=None, offset=None):
        return _page(self.occurrences_of_1 if link_id == 1 else [], limit, offset)

    def events(
        self, start=None, end=None, document_id=None, link_id=None, *, limit=None, offset=None
    ):
        return _page(self._events, limit, offset)

    def notes(self, target_kind=None, target_id=None):
        return []


def _page(records, limit, offset):
    start = offset or 0
    return records[start:] if limit is None else records[start : start + limit]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--occurrences", type=int, default=1000)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from xrefviewer.ui.main_window import MainWindow

    library = SyntheticLibrary(args.documents, args.mb, args.occurrences)
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        settings.setValue("first_run_done", True)
        key = "panes/" + hashlib.sha1(library.url.encode()).hexdigest()[:16]
        settings.setValue(key, [2, 3])  # small ones first: the big one is timed below

        t0 = time.perf_counter()
        window = MainWindow(settings, db_url=library.url, open_library=lambda _url: library)
        window.resize(1600, 1000)
        window.show()
        app.processEvents()
        shown = time.perf_counter() - t0
        window.start()
        app.processEvents()
        filled = time.perf_counter() - t0

        t0 = time.perf_counter()
        pane = window.open_document(library.big_id, window.panes[0])
        app.processEvents()  # the highlighter runs here
        opened = time.perf_counter() - t0

        t0 = time.perf_counter()
        window.select_link(1, origin=pane, mention_id=library.occurrences_of_1[0].mention.id)
        app.processEvents()
        selected = time.perf_counter() - t0

        t0 = time.perf_counter()
        window.step(1)
        app.processEvents()
        stepped = time.perf_counter() - t0
        window.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "documents": args.documents,
        "events": len(library._events),
        "links": len(library._links),
        "big_document_mb": round(len(library.big_text.encode()) / 1e6, 2),
        "big_document_mentions": len(library._mentions),
        "link_occurrences": len(library.occurrences_of_1),
        "window_shown_s": round(shown, 3),
        "window_filled_s": round(filled, 3),
        "open_big_document_s": round(opened, 3),
        "select_link_s": round(selected, 3),
        "next_occurrence_s": round(stepped, 3),
        "peak_rss_mb": round(peak_mb, 1),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
