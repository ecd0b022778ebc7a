"""Speed and memory of the analysis, end to end, on synthetic collections.

    python benchmarks/bench_analyze.py [--sizes 100 1000 10000] [--reference-mb 1]

Each size runs in its own process so that peak memory (ru_maxrss) is that size's own.
Prints MB/s, documents/s, peak memory, the time split between per-document extraction and
cross-document linking, and how linking time grows with the number of mentions. dateparser's
`search_dates` over the same text is timed as a reference ratio (a bench-only dependency).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def measure(size: int, plain: float) -> dict[str, float]:
    from synthetic import documents

    from xrefviewer.core.analyze import analyze_document, assemble
    from xrefviewer.core.model import SourceText

    sources = [
        SourceText(path=name, text=text, title=name) for name, text in documents(size, plain=plain)
    ]
    megabytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    t0 = time.perf_counter()
    per_doc = [analyze_document(s) for s in sources]
    t1 = time.perf_counter()
    result = assemble(per_doc)
    t2 = time.perf_counter()
    return {
        "documents": size,
        "megabytes": megabytes,
        "mentions": len(result.mentions),
        "mentions_per_kb": len(result.mentions) / (megabytes * 1000),
        "links": len(result.links),
        "events": len(result.events),
        "extract_s": t1 - t0,
        "assemble_s": t2 - t1,
        "total_s": t2 - t0,
        "mb_per_s": megabytes / (t2 - t0),
        "docs_per_s": size / (t2 - t0),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def reference(megabytes: float) -> dict[str, float]:
    """Our date extraction vs dateparser's search_dates on the same text."""
    from synthetic import documents

    from xrefviewer.core.dates import extract_dates

    texts, total = [], 0
    for _, text in documents(10_000):
        texts.append(text)
        total += len(text.encode("utf-8"))
        if total >= megabytes * 1e6:
            break
    t0 = time.perf_counter()
    ours = sum(len(extract_dates(t, "2020-01-01")) for t in texts)
    t1 = time.perf_counter()
    from dateparser.search import search_dates

    theirs = 0
    for t in texts:
        found = search_dates(t, languages=["en"], settings={"RELATIVE_BASE": _base()})
        theirs += len(found or [])
    t2 = time.perf_counter()
    return {
        "megabytes": total / 1e6,
        "ours_s": t1 - t0,
        "ours_dates": ours,
        "dateparser_s": t2 - t1,
        "dateparser_dates": theirs,
        "speedup": (t2 - t1) / max(t1 - t0, 1e-9),
    }


def _base():  # dateparser wants a datetime
    from datetime import datetime

    return datetime(2020, 1, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--reference-mb", type=float, default=1.0)
    parser.add_argument(
        "--plain",
        type=float,
        default=0.6,
        help="share of sentences with nothing to find (0.6: the sample corpus' density; 0: dense)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reference-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.plain)))
        return
    if args.reference_only:
        print(json.dumps(reference(args.reference_mb)))
        return

    rows = []
    print(f"plain share {args.plain}")
    print(f"{'docs':>6} {'MB':>7} {'mentions':>9} {'links':>7} {'extract s':>9} {'link s':>7} "
          f"{'MB/s':>6} {'docs/s':>7} {'peak MB':>8}")  # fmt: skip
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--plain", str(args.plain)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(done.stdout)
        rows.append(row)
        print(f"{row['documents']:>6} {row['megabytes']:>7.2f} {row['mentions']:>9} {row['links']:>7} "
              f"{row['extract_s']:>9.2f} {row['assemble_s']:>7.2f} {row['mb_per_s']:>6.2f} "
              f"{row['docs_per_s']:>7.0f} {row['peak_mb']:>8.0f}")  # fmt: skip
    for small, large in itertools.pairwise(rows):
        growth = large["mentions"] / small["mentions"]
        link_growth = large["assemble_s"] / max(small["assemble_s"], 1e-9)
        total_growth = large["total_s"] / small["total_s"]
        print(f"{small['documents']} -> {large['documents']}: mentions x{growth:.1f}, "
              f"linking time x{link_growth:.1f}, total time x{total_growth:.1f}")  # fmt: skip
    done = subprocess.run(
        [sys.executable, __file__, "--reference-only", "--reference-mb", str(args.reference_mb)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    ref = json.loads(done.stdout)
    print(f"dates on {ref['megabytes']:.2f} MB: xrefviewer {ref['ours_s']:.2f} s ({ref['ours_dates']} dates), "
          f"dateparser.search_dates {ref['dateparser_s']:.2f} s ({ref['dateparser_dates']} dates): "
          f"x{ref['speedup']:.0f} faster")  # fmt: skip


if __name__ == "__main__":
    main()
