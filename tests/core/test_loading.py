from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from xrefviewer.core.loading import html_visible_text, load_file, load_paths, normalise_newlines


def test_reads_utf8_and_normalises_newlines(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_bytes("Café owners\r\nsaid so.\rEnd".encode())
    source, problem = load_file(f)
    assert problem is None
    assert source is not None and source.text == "Café owners\nsaid so.\nEnd"


def test_non_utf8_is_decoded_with_a_fallback_and_said(tmp_path: Path):
    f = tmp_path / "legacy.txt"
    f.write_bytes("Caf\xe9 \u2013 d\xe9j\xe0 vu".encode("cp1252"))
    source, problem = load_file(f)
    assert source is not None and source.text == "Café – déjà vu"
    assert problem is not None and not problem.skipped and "cp1252" in problem.message


def test_binary_file_is_skipped_with_one_line(tmp_path: Path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    source, problem = load_file(f)
    assert source is None
    assert problem is not None and problem.skipped and "binary" in problem.message
    assert "\n" not in str(problem)


def test_too_large_file_is_skipped(tmp_path: Path):
    f = tmp_path / "big.txt"
    f.write_text("word " * 1000)
    source, problem = load_file(f, max_bytes=1000)
    assert source is None and problem is not None and "too large" in problem.message


def test_missing_path_and_empty_folder_are_problems_and_the_rest_is_read(tmp_path: Path):
    good = tmp_path / "docs"
    good.mkdir()
    (good / "one.md").write_text("# Title here now\n\nSome text.")
    (good / "skip.bin").write_bytes(b"\x00\x01")
    (good / ".hidden").mkdir()
    (good / ".hidden" / "x.txt").write_text("hidden things here")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = load_paths([good, tmp_path / "nope.txt", empty])
    assert [Path(s.path).name for s in result.sources] == ["one.md"]
    messages = [str(p) for p in result.problems]
    assert any("nope.txt: no such file" in m for m in messages)
    assert any("empty: folder has no" in m for m in messages)


def test_the_same_file_named_twice_is_read_once(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("Some words in a file.")
    assert len(load_paths([f, tmp_path]).sources) == 1


def test_html_gives_visible_text_only():
    markup = """<html><head><title>Report &amp; findings</title><style>p{color:red}</style>
    <script>var x = "hidden";</script></head><body><h1>Heading</h1><p>First  para.</p>
    <p>Second<br>line</p><noscript>no</noscript></body></html>"""
    text = html_visible_text(markup)
    assert text.startswith("Report & findings")
    assert "hidden" not in text and "color" not in text and "no\n" not in text
    assert "First para." in text and "Second\nline" in text


def test_html_file_is_loaded_as_text(tmp_path: Path):
    f = tmp_path / "page.html"
    f.write_text("<p>Twelve hostages were taken on Monday.</p>")
    source, _ = load_file(f)
    assert source is not None and source.text == "Twelve hostages were taken on Monday."


def test_corrupt_pdf_is_skipped(tmp_path: Path):
    f = tmp_path / "broken.pdf"
    f.write_bytes(b"%PDF-1.4 this is not really a pdf")
    source, problem = load_file(f)
    assert source is None and problem is not None and problem.skipped


def test_docx_text(tmp_path: Path):
    from docx import Document

    d = Document()
    d.add_paragraph("Forty people were displaced.")
    d.add_paragraph("Second paragraph.")
    d.save(tmp_path / "w.docx")
    source, problem = load_file(tmp_path / "w.docx")
    assert problem is None and source is not None
    assert source.text == "Forty people were displaced.\n\nSecond paragraph."


@given(st.text())
def test_newline_normalisation_leaves_no_carriage_returns(s: str):
    out = normalise_newlines(s)
    assert "\r" not in out and out.count("\n") <= s.count("\n") + s.count("\r")
