"""Importing files: load, skip what is already there, analyse the rest in parallel, store.

Files are read and hashed in this process; new and changed documents are analysed in
worker processes (all cores by default); each result is written in its own transaction
as it arrives, so an interrupted import keeps every document it finished and no half
document. Then the documents their own text left undated are dated with the collection's
help (`dating.redate`), and links are recomputed once at the end from the stored mentions.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from xrefviewer.core.analyze import analyze_document, known_date_for
from xrefviewer.core.document_dates import needs_collection
from xrefviewer.core.loading import DEFAULT_MAX_BYTES, Problem, iter_candidate_files, load_file
from xrefviewer.core.model import DocumentAnalysis, SourceText
from xrefviewer.store.dating import note_written
from xrefviewer.store.records import ImportReport
from xrefviewer.store.schema import DocumentRow
from xrefviewer.store.writing import content_hash, write_document

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]

# Below this many documents to analyse, starting worker processes costs more than it saves.
POOL_THRESHOLD = 4


@dataclass(frozen=True, slots=True)
class Job:
    source: SourceText
    path: str
    digest: str
    replace_id: int | None
    known_date: str | None


def candidate_files(paths: Iterable[Path | str], problems: list[Problem]) -> list[Path]:
    seen: set[Path] = set()
    files: list[Path] = []
    for path in iter_candidate_files([Path(p) for p in paths], problems):
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(path)
    return files


def run_import(
    new_session: Callable[[], Session],
    paths: Iterable[Path | str],
    *,
    known_dates: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_written: Callable[[], None] | None = None,
) -> ImportReport:
    """Import files and folders; the caller re-links afterwards when anything was written."""
    report = ImportReport()
    files = candidate_files(paths, report.problems)
    total = len(files)
    done = 0
    with new_session() as session:
        known = dict(session.execute(select(DocumentRow.content_hash, DocumentRow.id)).all())
        by_path = dict(session.execute(select(DocumentRow.path, DocumentRow.id)).all())

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, path)

    def jobs() -> Iterator[Job]:
        pending_hashes: set[str] = set()
        for file in files:
            source, problem = load_file(file, max_bytes)
            if problem is not None:
                report.problems.append(problem)
            if source is None:
                tick(str(file))
                continue
            path = str(file.resolve())
            digest = content_hash(source.text)
            if digest in known or digest in pending_hashes:
                report.unchanged += 1
                tick(str(file))
                continue
            pending_hashes.add(digest)
            yield Job(
                source, path, digest, by_path.get(path), known_date_for(path, known_dates or {})
            )

    def store(job: Job, analysis: DocumentAnalysis) -> None:
        try:
            with new_session() as session, session.begin():
                doc_id = write_document(session, analysis, job.path, job.digest, job.replace_id)
                note_written(session, doc_id, needs_collection(analysis.date))
        except IntegrityError:
            # Someone else (team mode) stored the same content meanwhile.
            report.unchanged += 1
            tick(job.path)
            return
        if job.replace_id is None:
            report.added += 1
        else:
            report.replaced += 1
        if on_written is not None:
            on_written()
        tick(job.path)

    def cancelled() -> bool:
        if cancel is not None and cancel():
            report.cancelled = True
        return report.cancelled

    todo = jobs()
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        _serial(todo, store, cancelled)
        return report
    # Peek far enough to know whether a pool is worth its start-up.
    head: list[Job] = []
    for job in todo:
        head.append(job)
        if len(head) >= POOL_THRESHOLD:
            break
    if len(head) < POOL_THRESHOLD:
        _serial(iter(head), store, cancelled)
    else:
        _pooled(_chain(head, todo), store, cancelled, workers)
    return report


def _worker_setup(parent: int) -> None:
    """Ctrl-C is the parent's to handle: workers that caught it would each print a traceback.
    A worker also leaves when its parent is gone: a killed or crashed app closes no pipe the
    workers wait on (each holds the queue's write end too), so they would wait for ever."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_leave_when_orphaned, args=(parent,), daemon=True).start()


_PARENT_CHECK_SECONDS = 1.0


def _leave_when_orphaned(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(0)  # nothing of the parent's is left to finish or flush


def _chain(head: list[Job], rest: Iterator[Job]) -> Iterator[Job]:
    yield from head
    yield from rest


def _serial(
    jobs: Iterator[Job],
    store: Callable[[Job, DocumentAnalysis], None],
    cancelled: Callable[[], bool],
) -> None:
    for job in jobs:
        if cancelled():
            return
        store(job, analyze_document(job.source, job.known_date))


def _pooled(
    jobs: Iterator[Job],
    store: Callable[[Job, DocumentAnalysis], None],
    cancelled: Callable[[], bool],
    workers: int,
) -> None:
    import multiprocessing

    # "spawn": forking a process that runs Qt or other threads is unsafe.
    context = multiprocessing.get_context("spawn")
    window = workers * 4
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_setup,
        initargs=(os.getpid(),),
    ) as pool:
        pending: list[tuple[Job, Future[DocumentAnalysis]]] = []
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < window:
                    job = next(jobs, None)
                    if job is None:
                        exhausted = True
                        break
                    pending.append((job, pool.submit(analyze_document, job.source, job.known_date)))
                if not pending:
                    break
                job, future = pending.pop(0)
                # Results are stored in the order of the files, so ids follow that order.
                try:
                    analysis = future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, killed): finish in this process.
                    log.warning("analysis workers stopped; going on in one process")
                    for left, _ in [(job, future), *pending]:
                        if cancelled():
                            return
                        store(left, analyze_document(left.source, left.known_date))
                    pending.clear()
                    _serial(jobs, store, cancelled)
                    return
                store(job, analysis)
                if cancelled():
                    break
        finally:
            for _, future in pending:
                future.cancel()
