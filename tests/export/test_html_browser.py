"""The HTML export in a real headless browser: the notes render, and no script runs.

Needs Debian's `chromium` package; skipped (with the reason) where it isn't installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xrefviewer.export.html_page import to_html

BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="needs a headless chromium (Debian: apt-get install chromium)"
)


def dump_dom(page: Path, profile: Path) -> str:
    """The DOM after the page has loaded and had time to run whatever it would run."""
    done = subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def title_of(dom: str) -> str:
    found = re.search(r"<title>(.*?)</title>", dom, flags=re.S)
    return found.group(1) if found else ""


def test_the_harness_would_see_a_script_run(tmp_path):
    # The control: an unescaped page does change its title, so the checks below can fail.
    page = tmp_path / "control.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>safe</title></head><body>"
        "<script>document.title='pwned'</script></body></html>",
        encoding="utf-8",
    )
    assert title_of(dump_dom(page, tmp_path / "profile")) == "pwned"


@pytest.mark.parametrize("keep_csp", [True, False], ids=["as-exported", "without-csp"])
def test_export_renders_the_notes_and_runs_no_script(tmp_path, bundle, keep_csp):
    html = to_html(bundle)
    if not keep_csp:
        # The escaping alone must hold, not only the Content-Security-Policy behind it.
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert "Content-Security-Policy" not in html
    page = tmp_path / "notes.html"
    page.write_text(html, encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")

    # a script that ran would have set the title to exactly "pwned"
    assert title_of(dom) != "pwned"
    assert title_of(dom).startswith("Notes &lt;script&gt;document.title='pwned'")
    body = dom[dom.index("<body") :]
    assert "<script" not in body and "<img" not in body
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in body
    for note in bundle.notes:
        assert f'id="note-{note.id}"' in body
    assert "The report counts people, not villagers." in body
    assert '<mark class="figure own">41 villagers</mark>' in body


def test_export_prints_with_its_notes(tmp_path, bundle):
    pypdf = pytest.importorskip("pypdf")
    page = tmp_path / "notes.html"
    page.write_text(to_html(bundle), encoding="utf-8")
    pdf = tmp_path / "notes.pdf"
    done = subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
    reader = pypdf.PdfReader(pdf)
    # the table of contents has a page of its own (break-after: page), the sections follow
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    rest = " ".join(p.extract_text() for p in reader.pages[1:])
    assert "Contents" in first and "Link 1" in first
    assert "The report counts people, not villagers." in " ".join(rest.split())
