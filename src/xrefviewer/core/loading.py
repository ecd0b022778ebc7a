"""Reading documents from disk into decoded plain text.

Every offset the analysis reports points into the text produced here, so this is the
one place that decides decoding and newline handling. A file that can't be read is a
`Problem` (one readable line), never an exception that stops the rest of a folder.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from xrefviewer.core.model import SourceText
from xrefviewer.core.titles import guess_title

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
BINARY_SUFFIXES = frozenset({".pdf", ".docx"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | BINARY_SUFFIXES

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Tried in order after UTF-8; latin-1 decodes any byte string, so it always ends the search.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str
    skipped: bool  # False: the file was read, with a caveat (e.g. a fallback encoding)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class LoadResult:
    sources: list[SourceText] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]


def iter_candidate_files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    """Files named directly, and supported files found recursively in folders, in a stable order."""
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder", skipped=True))
        elif path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(
                    Problem(str(path), "folder has no .txt, .md, .html, .pdf or .docx files", True)
                )
            yield from found
        else:
            yield path


def load_paths(paths: Iterable[Path | str], max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    result = LoadResult()
    seen: set[Path] = set()
    for path in iter_candidate_files([Path(p) for p in paths], result.problems):
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        source, problem = load_file(path, max_bytes)
        if problem is not None:
            result.problems.append(problem)
        if source is not None:
            result.sources.append(source)
    return result


def load_file(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[SourceText | None, Problem | None]:
    """Read one file; returns the source (or None when skipped) and at most one problem."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            mb = size / 1_000_000
            limit = max_bytes / 1_000_000
            return None, Problem(
                name, f"too large ({mb:.1f} MB; the limit is {limit:.0f} MB)", True
            )
        raw = path.read_bytes()
    except PermissionError:
        return None, Problem(name, "permission denied", True)
    except OSError as exc:
        return None, Problem(name, f"can't be read ({exc.strerror or exc})", True)

    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            text, note = _pdf_text(raw), None
        elif suffix == ".docx":
            text, note = _docx_text(raw), None
        else:
            if _looks_binary(raw):
                return None, Problem(name, "looks like a binary file, not text; skipped", True)
            text, note = decode_text(raw)
            if suffix in HTML_SUFFIXES:
                text = html_visible_text(text)
    except _UnreadableDocument as exc:
        return None, Problem(name, str(exc), True)

    text = normalise_newlines(text)
    if not text.strip():
        return None, Problem(name, "has no text", True)
    problem = Problem(name, note, skipped=False) if note else None
    return SourceText(path=name, text=text, title=guess_title(text, path.stem)), problem


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without a BOM), else the first fallback that decodes; says which."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACK_ENCODINGS:
        try:
            return raw.decode(encoding), f"not valid UTF-8; read as {encoding}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too, but news exports in UTF-16 are rare enough to refuse clearly.
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and control / len(head) > 0.10


class _UnreadableDocument(Exception):
    pass


def _pdf_text(raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise _UnreadableDocument("PDF is encrypted; skipped")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise _UnreadableDocument(f"not a readable PDF ({exc})") from exc
    return "\n\n".join(p.strip() for p in pages)


def _docx_text(raw: bytes) -> str:
    import zipfile

    from docx import Document as DocxDocument

    try:
        document = DocxDocument(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _UnreadableDocument(f"not a readable .docx file ({exc})") from exc
    return "\n\n".join(p.text for p in document.paragraphs)


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "title",
        "dd",
        "dt",
        "figcaption",
    ]
)
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _INVISIBLE_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _INVISIBLE_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def html_visible_text(markup: str) -> str:
    """The text a browser would show, one paragraph a line; the <title> first when present."""
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    body = re.sub(r"[ \t\f\v]+", " ", "".join(parser.parts))
    lines = [line.strip() for line in body.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = html.unescape(" ".join("".join(parser.title).split()))
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text
