"""Library (store) benchmark: import synthetic documents into SQLite and time what the viewer asks.

    python benchmarks/bench_store.py --docs 1000 [--docs 10000] [--workers N] [--url URL]

For each size: documents/s of the import (analysis on all cores), the database size, the time
to reopen the library, and the median time of the queries the viewer needs: all mentions of a
link with their documents (the largest link and a typical one), events between two dates,
full-text search, the link list, and the cost of importing ten more documents and of a merge
(both re-link the whole library). Prints a Markdown table for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

from xrefviewer.locations import sample_corpus_dir
from xrefviewer.store import relink as relink_module
from xrefviewer.store.library import Library


def _median_ms(fn: Callable[[], object], runs: int = 7) -> tuple[float, object]:
    result = fn()  # warm the caches as a viewer would after its first look
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def bench(count: int, workers: int | None, url: str | None, keep: Path | None) -> dict[str, str]:
    base = Path(tempfile.mkdtemp(prefix="xref-bench-store-"))
    folder = base / "docs"
    folder.mkdir()
    total_bytes = 0
    for name, text in synthetic.documents(count, sentences_per_doc=50):
        (folder / name).write_text(text, encoding="utf-8")
        total_bytes += len(text.encode("utf-8"))
    extra = base / "extra"
    extra.mkdir()
    for name, text in synthetic.documents(10, seed=99, sentences_per_doc=50):
        (extra / f"extra-{name}").write_text(text, encoding="utf-8")
    db = base / "library.sqlite"
    target = url or str(db)

    row: dict[str, str] = {"documents": f"{count:,}", "text": f"{total_bytes / 1e6:.1f} MB"}
    library = Library.open(target)
    start = time.perf_counter()
    report = library.import_paths([folder], workers=workers)
    elapsed = time.perf_counter() - start
    assert report.added == count, report
    row["import"] = f"{elapsed:.0f} s ({count / elapsed:.1f} docs/s)"
    library.close()
    if url is None:
        row["database"] = f"{_size(db) / 1e6:.0f} MB"

    time_queries(target, row)
    library = Library.open(target)
    biggest = library.links()[0]
    word = biggest.label.split()[-1]

    start = time.perf_counter()
    library.import_paths([extra], workers=workers)
    row["import 10 more (re-link)"] = f"{time.perf_counter() - start:.1f} s"
    # Documents about other things than the synthetic ones: the re-link's scope stays small.
    sizes: list[int] = []
    real_link_names = relink_module.link_names

    def counting(refs):  # type: ignore[no-untyped-def]
        sizes.append(len(refs))
        return real_link_names(refs)

    relink_module.link_names = counting
    start = time.perf_counter()
    library.import_paths([sample_corpus_dir()], workers=workers)
    row["import the 5 sample documents (re-link)"] = (
        f"{time.perf_counter() - start:.1f} s (names re-linked: {sizes[-1]:,})"
    )
    start = time.perf_counter()
    library.relink()
    row["a full re-link"] = f"{time.perf_counter() - start:.1f} s (names: {sizes[-1]:,})"
    relink_module.link_names = real_link_names
    same_kind = [link for link in library.links(kind=biggest.kind)]
    start = time.perf_counter()
    library.merge_links(same_kind[-1].id, same_kind[-2].id)
    row["a merge"] = f"{(time.perf_counter() - start) * 1000:.0f} ms"
    start = time.perf_counter()
    library.rename_link(biggest.id, f"{word} (renamed)")
    row["a rename"] = f"{(time.perf_counter() - start) * 1000:.0f} ms"
    library.close()
    if keep:
        shutil.copytree(base, keep / f"store-{count}", dirs_exist_ok=True)
    shutil.rmtree(base)
    return row


def time_queries(target: str, row: dict[str, str]) -> None:
    """Reopen the library at `target` and time the viewer's queries into `row`."""
    start = time.perf_counter()
    library = Library.open(target)
    row["reopen"] = f"{(time.perf_counter() - start) * 1000:.0f} ms"

    ms, links = _median_ms(library.links)
    row["links() list"] = f"{ms:.0f} ms ({len(links):,} links)"  # type: ignore[arg-type]
    biggest = links[0]  # type: ignore[index]
    typical = links[len(links) // 2]  # type: ignore[index]
    ms, occurrences = _median_ms(lambda: library.link_occurrences(biggest.id))
    row["mentions of the largest link"] = f"{ms:.1f} ms ({len(occurrences):,} mentions)"  # type: ignore[arg-type]
    ms, occurrences = _median_ms(lambda: library.link_occurrences(biggest.id, limit=100))
    row["... its first 100"] = f"{ms:.1f} ms"
    ms, occurrences = _median_ms(lambda: library.link_occurrences(typical.id))
    row["mentions of a typical link"] = f"{ms:.1f} ms ({len(occurrences):,} mentions)"  # type: ignore[arg-type]
    ms, events = _median_ms(lambda: library.events("2001-03-01", "2001-03-31"))
    row["events in one month"] = f"{ms:.1f} ms ({len(events):,} events)"  # type: ignore[arg-type]
    ms, events = _median_ms(lambda: library.events("2001", "2002"))
    row["events in two years"] = f"{ms:.1f} ms ({len(events):,} events)"  # type: ignore[arg-type]
    ms, _ = _median_ms(lambda: library.events("2001", "2002", limit=100, offset=100))
    row["... a page of 100"] = f"{ms:.1f} ms"
    ms, hits = _median_ms(lambda: library.search("refugees displaced"))
    row["search, common words"] = f"{ms:.1f} ms ({len(hits)} hits of 50 max)"  # type: ignore[arg-type]
    ms, hits = _median_ms(lambda: library.search(f'"{biggest.label}"'))
    row["search, a phrase"] = f"{ms:.1f} ms ({len(hits)} hits)"  # type: ignore[arg-type]
    ms, docs = _median_ms(library.documents)
    row["documents() list"] = f"{ms:.1f} ms"
    first = docs[0]  # type: ignore[index]
    ms, _ = _median_ms(lambda: (library.document_text(first.id), library.mentions(first.id)))
    row["one document with its mentions"] = f"{ms:.1f} ms"
    library.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, action="append", help="library size (repeatable)")
    parser.add_argument(
        "--workers", type=int, default=None, help="analysis processes (default: all cores)"
    )
    parser.add_argument(
        "--url", help="benchmark this database instead of a fresh SQLite file (must be empty)"
    )
    parser.add_argument("--keep", type=Path, help="copy the documents and the library here")
    parser.add_argument(
        "--library",
        help="only time the queries on this existing library (a copy: it may be upgraded)",
    )
    args = parser.parse_args()
    if args.library:
        row: dict[str, str] = {"documents": args.library}
        time_queries(args.library, row)
        for key, value in row.items():
            print(f"| {key} | {value} |")
        return
    sizes = args.docs or [1000]
    rows = []
    for count in sizes:
        print(
            f"importing {count} documents on {args.workers or os.cpu_count()} workers ...",
            file=sys.stderr,
        )
        rows.append(bench(count, args.workers, args.url, args.keep))
        print(rows[-1], file=sys.stderr)
    keys = list(rows[0])
    print("| measure | " + " | ".join(r["documents"] + " docs" for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for key in keys[1:]:
        print(f"| {key} | " + " | ".join(r.get(key, "") for r in rows) + " |")


if __name__ == "__main__":
    main()
