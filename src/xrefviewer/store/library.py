"""The library facade: the one class the viewer, the exporters and the commands talk to.

Each method is one operation that owns its transaction; rows never leave the store, only
the records of `records.py`. See docs/store-api.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from xrefviewer.core.model import Analysis
from xrefviewer.store import decisions, queries
from xrefviewer.store.dating import dates_pending
from xrefviewer.store.engine import (
    check_sqlite_file,
    describe,
    make_engine,
    read_only_view,
    resolve_url,
    sqlite_file,
    translated,
)
from xrefviewer.store.errors import InvalidRequest, LibraryError, NotFoundError
from xrefviewer.store.link_scope import keys_ready, mark_keys_ready, note_dirty
from xrefviewer.store.records import (
    DecisionInfo,
    DocumentInfo,
    EventInfo,
    ImportReport,
    LinkInfo,
    MentionInfo,
    NoteInfo,
    NoteTarget,
    Occurrence,
    SearchHit,
)
from xrefviewer.store.rows import mention_info, note_info, now
from xrefviewer.store.schema import DecisionRow, DocumentRow, EventRow, LinkRow, MentionRow, NoteRow
from xrefviewer.store.writing import (
    insert_mentions,
    links_stale,
    reanchor_notes,
    rebuild_events,
    update_counts,
    user_mention,
)

NOTE_TARGETS = ("document", "mention", "link", "event")
MENTION_KINDS = ("figure", "name", "date")


class Library:
    """An open library: a SQLite file or a PostgreSQL database."""

    def __init__(self, engine: Engine, url: str, where: str) -> None:
        self._engine = engine
        self.url = url
        self.where = where

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, busy_timeout: float = 5.0) -> Library:
        """Open (creating or upgrading as needed) the library at `url`.

        Args:
            url: a SQLAlchemy URL or a file path; None: XREFVIEWER_DB, else the default file
                in the platform's user data folder.
            busy_timeout: seconds to wait for another program's lock before giving up.

        Raises:
            LibraryError: locked, damaged, read-only, unreachable server, unknown scheme,
                or written by a newer xrefviewer. Nothing is overwritten.
        """
        parsed = resolve_url(url)
        where = describe(parsed)
        check_sqlite_file(parsed)
        engine = make_engine(read_only_view(parsed), busy_timeout)
        library = cls(engine, parsed.render_as_string(hide_password=False), where)
        try:
            with translated(where):
                library._prepare()
        except BaseException:
            engine.dispose()
            raise
        return library

    def _prepare(self) -> None:
        # Alembic is loaded here, not at import: the command line starts faster without it.
        from xrefviewer.store.migrate import (
            current_revision,
            head_revision,
            known_revisions,
            upgrade,
        )

        head = head_revision()
        with self._engine.connect() as connection:
            revision = current_revision(connection)
            if revision is None and inspect(connection).get_table_names():
                raise LibraryError(
                    f"{self.where} is a database, but not an xrefviewer library; it was left as it is"
                )
        if revision is not None and revision not in known_revisions():
            raise LibraryError(
                f"the library {self.where} was written by a newer xrefviewer; "
                "update xrefviewer to open it (the library was left as it is)"
            )
        if revision != head:
            if revision is not None:
                self._backup_before_upgrade(revision)
            with self._engine.begin() as connection:
                upgrade(connection)
        with self._session() as session:
            interrupted = links_stale(session) or dates_pending(session)
            keys_missing = not keys_ready(session)
        if keys_missing and not self._read_only():
            with self._session() as session, session.begin():
                if session.scalar(select(DocumentRow.id).limit(1)) is None:
                    # A new library: every name mention stored from now on comes with its keys.
                    mark_keys_ready(session)
        if interrupted:
            # An import was interrupted after storing documents: finish its dating and linking.
            self._finish_import()

    def _finish_import(self) -> None:
        from xrefviewer.store.dating import redate
        from xrefviewer.store.relink import relink_changed

        redate(self._session)
        with self._session() as session, session.begin():
            if links_stale(session) and not relink_changed(session):
                self._relink(session)

    def _backup_before_upgrade(self, revision: str) -> None:
        """SQLite runs schema changes without a transaction: keep a copy to go back to."""
        path = sqlite_file(self._engine.url)
        if path is None or not path.exists():
            return
        backup = path.with_name(f"{path.name}.before-upgrade-{revision}")
        source = sqlite3.connect(path)
        try:
            target = sqlite3.connect(backup)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def _read(self, fn: Callable[[Session], object]) -> object:
        with translated(self.where), self._session() as session:
            return fn(session)

    def _write(self, fn: Callable[[Session], object]) -> object:
        with translated(self.where), self._session() as session, session.begin():
            return fn(session)

    def _read_only(self) -> bool:
        return "mode=ro" in str(self._engine.url)

    @staticmethod
    def _relink(session: Session, prefer: Mapping[int, int] | None = None) -> None:
        from xrefviewer.store.relink import relink

        relink(session, prefer)

    # -- import and analysis -----------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[Path | str],
        *,
        known_dates: Mapping[str, str] | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        workers: int | None = None,
    ) -> ImportReport:
        """Add files and folders; changed files replace their old analysis; then re-link."""
        from xrefviewer.store.importing import run_import

        with translated(self.where):
            report = run_import(
                self._session,
                paths,
                known_dates=known_dates,
                progress=progress,
                cancel=cancel,
                workers=workers,
            )
            self._finish_import()
        return report

    def relink(self) -> None:
        """Recompute every link from the stored mentions and the user's decisions."""
        self._write(lambda s: self._relink(s))

    def documents(self) -> list[DocumentInfo]:
        return self._read(queries.documents)  # type: ignore[return-value]

    def document(self, document_id: int) -> DocumentInfo:
        return self._read(lambda s: queries.document(s, document_id))  # type: ignore[return-value]

    def document_text(self, document_id: int) -> str:
        return self._read(lambda s: queries.document_text(s, document_id))  # type: ignore[return-value]

    def mentions(self, document_id: int) -> list[MentionInfo]:
        return self._read(lambda s: queries.mentions(s, document_id))  # type: ignore[return-value]

    def links(
        self, kind: str | None = None, text: str | None = None, document_id: int | None = None
    ) -> list[LinkInfo]:
        return self._read(lambda s: queries.links(s, kind, text, document_id))  # type: ignore[return-value]

    def link(self, link_id: int) -> LinkInfo:
        return self._read(lambda s: queries.link(s, link_id))  # type: ignore[return-value]

    def link_occurrences(
        self, link_id: int, *, limit: int | None = None, offset: int | None = None
    ) -> list[Occurrence]:
        """A link's mentions in document order; `limit`/`offset` page through a large link."""
        return self._read(lambda s: queries.link_occurrences(s, link_id, limit, offset))  # type: ignore[return-value]

    def events(
        self,
        start: str | None = None,
        end: str | None = None,
        document_id: int | None = None,
        link_id: int | None = None,
        *,
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[EventInfo]:
        """Events in date order; `limit`/`offset` page through a long range."""
        return self._read(
            lambda s: queries.events(s, start, end, document_id, link_id, limit, offset)
        )  # type: ignore[return-value]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        from xrefviewer.store.search import search

        return self._read(lambda s: search(s, query, limit))  # type: ignore[return-value]

    # -- the user's decisions ------------------------------------------------------------------

    def merge_links(self, keep: int, other: int) -> int:
        """Make two links one; returns the id of the merged link (normally `keep`)."""

        def run(session: Session) -> int:
            a, b = _link_row(session, keep), _link_row(session, other)
            if keep == other:
                raise InvalidRequest(f"link {keep} can't be merged with itself")
            if a.kind != b.kind:
                raise InvalidRequest(
                    f"link {keep} is a {a.kind} and link {other} a {b.kind}: they can't be merged"
                )
            rep_a, rep_b = _representative(session, keep), _representative(session, other)
            _record(session, "merge", rep_a, rep_b)
            decisions.merge(session, a, b)
            return keep

        return self._write(run)  # type: ignore[return-value]

    def split_mention(self, mention_id: int) -> None:
        """Take a mention out of its link (the link goes when fewer than two are left)."""

        def run(session: Session) -> None:
            row = queries.mention(session, mention_id)
            if row.link_id is None:
                raise InvalidRequest(f"mention {mention_id} is not in a link")
            _record(session, "split", row)
            decisions.detach(session, row)

        self._write(run)

    def rename_link(self, link_id: int, label: str) -> None:
        label = " ".join(label.split())
        if not label:
            raise InvalidRequest("a link's label can't be empty")

        def run(session: Session) -> None:
            row = _link_row(session, link_id)
            _record(session, "rename", _representative(session, link_id), label=label)
            row.label, row.renamed = label, True

        self._write(run)

    def mark_not_same(self, a: int, b: int) -> None:
        """Two links are not the same thing: no re-link may join them again."""

        def run(session: Session) -> None:
            if a == b:
                raise InvalidRequest(f"link {a} can't be marked as not the same as itself")
            _link_row(session, a)
            _link_row(session, b)
            # They are apart now; the decision keeps every later re-link from joining them.
            _record(session, "not_same", _representative(session, a), _representative(session, b))

        self._write(run)

    def dismiss_mention(self, mention_id: int) -> None:
        """A false find (not a name, not a figure, not a date): hide it for good."""

        def run(session: Session) -> None:
            row = queries.mention(session, mention_id)
            _record(session, "dismiss", row)
            row.dismissed = True
            decisions.detach(session, row)
            rebuild_events(session, row.document_id)
            update_counts(session, row.document_id)
            reanchor_notes(session, row.document_id)

        self._write(run)

    def add_mention(
        self, document_id: int, start: int, end: int, kind: str, value: str | None = None
    ) -> MentionInfo:
        """Add a mention the analysis missed; it is linked like any other."""
        if kind not in MENTION_KINDS:
            raise InvalidRequest(f"a mention is a figure, a name or a date, not {kind!r}")

        def run(session: Session) -> MentionInfo:
            text = queries.document_text(session, document_id)
            if not 0 <= start < end <= len(text):
                raise InvalidRequest(
                    f"{start}-{end} is not a span of document {document_id} (0-{len(text)})"
                )
            quoted = text[start:end]
            if not quoted.strip():
                raise InvalidRequest("a mention must hold some text")
            wanted = value
            if kind == "figure":
                wanted = _figure_value(value or quoted)
            elif kind == "date" and not value:
                raise InvalidRequest("a date mention needs its value (YYYY, YYYY-MM or YYYY-MM-DD)")
            session.add(
                DecisionRow(
                    action="add",
                    document_id=document_id,
                    kind=kind,
                    start=start,
                    end=end,
                    text=quoted,
                    label=wanted,
                    created_at=now(),
                )
            )
            (mention_id,) = insert_mentions(
                session, document_id, text, [user_mention(kind, start, end, quoted, wanted)]
            )
            note_dirty(session, document_id)
            rebuild_events(session, document_id)
            update_counts(session, document_id)
            # Events were rebuilt under new ids: notes on them follow their quotes.
            reanchor_notes(session, document_id)
            row = session.get_one(MentionRow, mention_id)
            if kind != "date":
                decisions.attach(session, row)
            return mention_info(row)

        return self._write(run)  # type: ignore[return-value]

    def analysis(self) -> Analysis:
        """The whole library as one Analysis (ids "d12", "m345", "l6", "e78"), for the
        discrepancy finder and the timeline (see store/analysis.py)."""
        from xrefviewer.store.analysis import analysis_of

        return self._read(analysis_of)  # type: ignore[return-value]

    def decisions(self) -> list[DecisionInfo]:
        """The user's decisions, oldest first, with the quotes they name (to replay elsewhere)."""
        return self._read(queries.decisions)  # type: ignore[return-value]

    # -- notes ---------------------------------------------------------------------------------

    def notes(self, target_kind: str | None = None, target_id: int | None = None) -> list[NoteInfo]:
        return self._read(lambda s: queries.notes(s, target_kind, target_id))  # type: ignore[return-value]

    def add_note(self, target_kind: NoteTarget, target_id: int, body: str) -> NoteInfo:
        if target_kind not in NOTE_TARGETS:
            raise InvalidRequest(
                f"a note is on a document, a mention, a link or an event, not {target_kind!r}"
            )

        def run(session: Session) -> NoteInfo:
            quote, document_id, anchor = _anchor(session, target_kind, target_id)
            moment = now()
            row = NoteRow(
                target_kind=target_kind, target_id=target_id, body=body, created_at=moment,
                updated_at=moment, quote=quote, orphaned=False, document_id=document_id,
                anchor_start=anchor,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return note_info(row)

        return self._write(run)  # type: ignore[return-value]

    def update_note(self, note_id: int, body: str) -> NoteInfo:
        def run(session: Session) -> NoteInfo:
            row = session.get(NoteRow, note_id)
            if row is None:
                raise NotFoundError(f"no note {note_id} in the library")
            row.body, row.updated_at = body, now()
            session.flush()
            return note_info(row)

        return self._write(run)  # type: ignore[return-value]

    def delete_note(self, note_id: int) -> None:
        def run(session: Session) -> None:
            row = session.get(NoteRow, note_id)
            if row is None:
                raise NotFoundError(f"no note {note_id} in the library")
            session.delete(row)

        self._write(run)


def _link_row(session: Session, link_id: int) -> LinkRow:
    row = session.get(LinkRow, link_id)
    if row is None:
        raise NotFoundError(f"no link {link_id} in the library")
    return row


def _representative(session: Session, link_id: int) -> MentionRow:
    """The mention a decision names a link by: its first."""
    mention_id = session.scalar(
        select(func.min(MentionRow.id)).where(
            MentionRow.link_id == link_id, MentionRow.dismissed.is_(False)
        )
    )
    if mention_id is None:
        raise InvalidRequest(f"link {link_id} has no mentions")
    return session.get_one(MentionRow, mention_id)


def _record(
    session: Session,
    action: str,
    a: MentionRow,
    b: MentionRow | None = None,
    label: str | None = None,
) -> None:
    session.add(
        DecisionRow(
            action=action,
            document_id=a.document_id,
            kind=a.kind,
            start=a.start,
            end=a.end,
            text=a.text,
            other_document_id=b.document_id if b else None,
            other_kind=b.kind if b else None,
            other_start=b.start if b else None,
            other_end=b.end if b else None,
            other_text=b.text if b else None,
            label=label,
            created_at=now(),
        )
    )
    # Applied at once by hand; the next import's re-link takes these mentions into its scope.
    note_dirty(session, a.document_id, [a.link_id] if a.link_id else [])
    if b is not None:
        note_dirty(session, b.document_id, [b.link_id] if b.link_id else [])
    session.flush()


def _figure_value(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    try:
        number = float(digits)
    except ValueError:
        raise InvalidRequest(f"{text!r} is not a number; give the figure's value") from None
    return repr(int(number)) if number.is_integer() and "." not in digits else repr(number)


def _anchor(session: Session, kind: str, target_id: int) -> tuple[str, int | None, int | None]:
    if kind == "document":
        queries.document(session, target_id)
        return "", target_id, None
    if kind == "link":
        return _link_row(session, target_id).label, None, None
    if kind == "mention":
        m = queries.mention(session, target_id)
        return m.text, m.document_id, m.start
    event = session.get(EventRow, target_id)
    if event is None:
        raise NotFoundError(f"no event {target_id} in the library")
    return event.text, event.document_id, event.start


__all__ = ["Library", "LibraryError"]
