"""Fixtures for the viewer's tests: a small in-memory library and settings in tmp_path.

The fake library speaks the same records as `xrefviewer.store.library.Library`, so widgets are
tested without a database; the end-to-end tests use the real library on the sample corpus.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QSettings

from xrefviewer.store.records import (
    DocumentInfo,
    EventInfo,
    ImportReport,
    LinkInfo,
    MentionInfo,
    NoteInfo,
    Occurrence,
    SearchHit,
)

# An emoji (two UTF-16 positions) sits before the mentions of the first text, so that
# any confusion between code points and Qt positions shows as a wrong highlight.
TEXTS = {
    1: "Report 🙂 of June 3, 2014.\nThe WHO said 41 villagers were killed in the north.\n"
    "Later the World Health Organization repeated that 41 villagers died.",
    2: "Statement, June 5, 2014.\nOfficials said 41 people were killed. The WHO sent a team.\n"
    "Nobody mentioned the 7 wounded.",
    3: "Note of March 2013.\nA quiet month; 7 people were wounded in an unrelated incident.",
}
TITLES = {1: "First report", 2: "Official statement", 3: "Older note"}
DATES = {1: "2014-06-03", 2: "2014-06-05", 3: "2013-03"}
# (document, text, kind, link, value)
MENTIONS = [
    (1, "June 3, 2014", "date", None, "2014-06-03"),
    (1, "WHO", "name", 2, "WHO"),
    (1, "41 villagers", "figure", 1, "41"),
    (1, "World Health Organization", "name", 2, "World Health Organization"),
    (1, "41 villagers died", "figure", 1, "41"),
    (2, "June 5, 2014", "date", None, "2014-06-05"),
    (2, "41 people", "figure", 1, "41"),
    (2, "WHO", "name", 2, "WHO"),
    (2, "7 wounded", "figure", 3, "7"),
    (3, "March 2013", "date", None, "2013-03"),
    (3, "7 people", "figure", 3, "7"),
]
LABELS = {1: "41 killed", 2: "World Health Organization", 3: "7 wounded"}


def _page(records: list, limit: int | None, offset: int | None) -> list:
    """`limit`/`offset` as the library applies them."""
    start = offset or 0
    return records[start:] if limit is None else records[start : start + limit]


class FakeLibrary:
    """The library facade over a few hand-made records; notes live on per URL, as in a file."""

    notes_by_url: ClassVar[dict[str, dict[int, NoteInfo]]] = {}

    def __init__(self, url: str) -> None:
        self.url = url
        self.closed = False
        self.calls: list[str] = []
        self._labels = dict(LABELS)
        self._mentions: dict[int, MentionInfo] = {}
        for number, (doc, text, kind, link, value) in enumerate(MENTIONS, start=1):
            start = TEXTS[doc].index(text)
            if doc == 1 and text == "41 villagers died":
                start = TEXTS[doc].index(text, TEXTS[doc].index("Later"))
            self._mentions[number] = MentionInfo(
                id=number, document_id=doc, kind=kind, start=start, end=start + len(text),
                text=text, value=value, link_id=link,
            )  # fmt: skip
        self._notes = self.notes_by_url.setdefault(url, {})

    @classmethod
    def open(cls, url: str | None = None) -> FakeLibrary:
        return cls(url or "fake://default")

    def close(self) -> None:
        self.closed = True

    import_delay = 0.0  # seconds per path, to give a test time to press Cancel

    def import_paths(self, paths, *, known_dates=None, progress=None, cancel=None, workers=None):
        report = ImportReport()
        for i, path in enumerate(paths, start=1):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            time.sleep(self.import_delay)
            report.unchanged += 1
            if progress:
                progress(i, len(paths), str(path))
        return report

    def documents(self) -> list[DocumentInfo]:
        return [self.document(d) for d in TEXTS]

    def document(self, document_id: int) -> DocumentInfo:
        kinds = [m.kind for m in self._mentions.values() if m.document_id == document_id]
        return DocumentInfo(
            id=document_id, path=f"/docs/doc{document_id}.txt", title=TITLES[document_id],
            date=DATES[document_id], date_source="dateline", content_hash=str(document_id),
            imported_at=datetime(2024, 1, 1), figures=kinds.count("figure"),
            names=kinds.count("name"), dates=kinds.count("date"),
        )  # fmt: skip

    def document_text(self, document_id: int) -> str:
        return TEXTS[document_id]

    def mentions(self, document_id: int) -> list[MentionInfo]:
        return [m for m in self._mentions.values() if m.document_id == document_id]

    def _link_mentions(self, link_id: int) -> list[MentionInfo]:
        return [m for m in self._mentions.values() if m.link_id == link_id]

    def link(self, link_id: int) -> LinkInfo:
        ms = self._link_mentions(link_id)
        return LinkInfo(
            id=link_id, kind=ms[0].kind, label=self._labels[link_id], mentions=len(ms),
            documents=len({m.document_id for m in ms}),
        )  # fmt: skip

    def links(self, kind=None, text=None, document_id=None) -> list[LinkInfo]:
        ids = sorted({m.link_id for m in self._mentions.values() if m.link_id is not None})
        out = [self.link(i) for i in ids]
        if document_id is not None:
            out = [
                k
                for k in out
                if any(m.document_id == document_id for m in self._link_mentions(k.id))
            ]
        if kind:
            out = [k for k in out if k.kind == kind]
        return sorted(out, key=lambda k: -k.documents)

    def link_occurrences(self, link_id: int, *, limit=None, offset=None) -> list[Occurrence]:
        self.calls.append(f"link_occurrences({link_id}, limit={limit}, offset={offset})")
        return _page(
            [
                Occurrence(
                    mention=m,
                    document_title=TITLES[m.document_id],
                    document_date=DATES[m.document_id],
                    snippet=TEXTS[m.document_id][max(0, m.start - 20) : m.end + 20],
                    snippet_start=max(0, m.start - 20),
                    line=1,
                    column=m.start + 1,
                )
                for m in self._link_mentions(link_id)
            ],
            limit,
            offset,
        )

    def events(
        self, start=None, end=None, document_id=None, link_id=None, *, limit=None, offset=None
    ) -> list[EventInfo]:
        events = []
        for m in self._mentions.values():
            if m.kind != "date":
                continue
            text = TEXTS[m.document_id]
            line_end = text.find("\n", m.end)
            events.append(
                EventInfo(
                    id=m.id,
                    document_id=m.document_id,
                    document_title=TITLES[m.document_id],
                    date=m.value,
                    expression=m.text,
                    start=0,
                    end=line_end,
                    text=text[:line_end],
                    uncertain=m.document_id == 3,
                    mention_ids=tuple(
                        x.id for x in self.mentions(m.document_id) if x.kind != "date"
                    ),
                )
            )
        if link_id is not None:
            ids = {m.id for m in self._link_mentions(link_id)}
            events = [e for e in events if ids & set(e.mention_ids)]
        return _page(sorted(events, key=lambda e: e.date), limit, offset)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        hits = []
        for doc, text in TEXTS.items():
            at = text.lower().find(query.lower())
            if at >= 0:
                snippet = (
                    text[:at] + "[" + text[at : at + len(query)] + "]" + text[at + len(query) :]
                )
                hits.append(SearchHit(doc, TITLES[doc], snippet, at))
        return hits[:limit]

    def rename_link(self, link_id: int, label: str) -> None:
        self._labels[link_id] = label

    def merge_links(self, keep: int, other: int) -> int:
        for m in self._link_mentions(other):
            self._mentions[m.id] = replace(m, link_id=keep)
        return keep

    def split_mention(self, mention_id: int) -> None:
        self._mentions[mention_id] = replace(self._mentions[mention_id], link_id=None)

    def mark_not_same(self, a: int, b: int) -> None:
        self.calls.append(f"not_same {a} {b}")

    def dismiss_mention(self, mention_id: int) -> None:
        del self._mentions[mention_id]

    def add_mention(self, document_id, start, end, kind, value=None) -> MentionInfo:
        number = max(self._mentions) + 1
        mention = MentionInfo(
            number, document_id, kind, start, end, TEXTS[document_id][start:end], value or ""
        )
        self._mentions[number] = mention
        return mention

    def notes(self, target_kind=None, target_id=None) -> list[NoteInfo]:
        return sorted(self._notes.values(), key=lambda n: n.updated_at, reverse=True)

    def add_note(self, target_kind, target_id: int, body: str) -> NoteInfo:
        note_id = max(self._notes, default=0) + 1
        moment = datetime.now()
        note = NoteInfo(
            note_id, target_kind, target_id, body, moment, moment, quote=f"target {target_id}"
        )
        self._notes[note_id] = note
        return note

    def update_note(self, note_id: int, body: str) -> NoteInfo:
        note = replace(self._notes[note_id], body=body, updated_at=datetime.now())
        self._notes[note_id] = note
        return note

    def delete_note(self, note_id: int) -> None:
        del self._notes[note_id]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a file under tmp_path: tests never touch the user's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # platformdirs and the store's default library follow these on Linux.
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.delenv("XREFVIEWER_DB", raising=False)
    FakeLibrary.notes_by_url.clear()


@pytest.fixture
def make_window(qtbot, settings):
    """make_window(url): a window over the fake library (first run done), as after a restart."""
    from xrefviewer.ui.main_window import MainWindow

    settings.setValue("first_run_done", True)

    def make(url: str = "fake://test", *, show: bool = True) -> MainWindow:
        window = MainWindow(settings, db_url=url, open_library=FakeLibrary.open)
        qtbot.addWidget(window)
        if show:
            window.show()
        window.start()
        return window

    return make


@pytest.fixture
def fake_window(make_window):
    return make_window()
