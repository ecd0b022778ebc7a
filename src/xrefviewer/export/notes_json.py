"""The JSON form of an export, versioned so that `xrefviewer import-notes` can read it back.

    {"format": "xrefviewer-notes", "version": 1, "title", "exported_at", "generator",
     "documents": [...], "links": [{..., "occurrences": [...]}], "notes": [...]}

Each occurrence and note names its document by `content_hash`, the key another library
matches it by; ids are this library's and only tie the file together. docs/export.md
describes the fields. Readers reject another format or a newer version with one clear line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from typing import Any

from xrefviewer.errors import XrefError
from xrefviewer.export.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ExportBundle,
    ExportClaim,
    ExportDecision,
    ExportDiscrepancy,
    ExportDocument,
    ExportLink,
    ExportNote,
    ExportOccurrence,
    Highlight,
)


class NotesFileError(XrefError):
    """A notes file that is not one this version can read."""


def bundle_to_json(bundle: ExportBundle) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": bundle.title,
        "exported_at": bundle.exported_at,
        "generator": bundle.generator,
        "documents": [asdict(d) for d in bundle.documents],
        "links": [
            {
                "id": link.id,
                "kind": link.kind,
                "label": link.label,
                "renamed": link.renamed,
                "occurrences": [asdict(o) for o in link.occurrences],
            }
            for link in bundle.links
        ],
        "notes": [asdict(n) for n in bundle.notes],
        "decisions": [asdict(d) for d in bundle.decisions],
        # Read by people and other tools; import-notes leaves them: the analysis of the
        # library it imports into finds its own.
        "discrepancies": [asdict(d) for d in bundle.discrepancies],
    }


def to_json(bundle: ExportBundle) -> str:
    return json.dumps(bundle_to_json(bundle), ensure_ascii=False, indent=1) + "\n"


def _record(cls: type, data: object, where: str) -> Any:
    """A record from a JSON object: unknown keys are ignored (a later minor addition),
    missing required ones are an error naming the place."""
    if not isinstance(data, dict):
        raise NotesFileError(f"{where} should be an object")
    known = {f.name: f.type for f in fields(cls) if f.init}
    values = {k: v for k, v in data.items() if k in known}
    for key, value in values.items():
        expected = _SIMPLE_TYPES.get(str(known[key]))
        if expected is not None and not _is(value, expected):
            raise NotesFileError(f"{where}.{key} should be {known[key]}, not {value!r}")
    try:
        return cls(**values)
    except TypeError as exc:
        raise NotesFileError(f"{where}: {exc}") from None


# Annotations of the record fields (strings: the model uses postponed evaluation).
_SIMPLE_TYPES: dict[str, tuple[type | None, ...]] = {
    "int": (int,),
    "str": (str,),
    "bool": (bool,),
    "int | None": (int, None),
    "str | None": (str, None),
}


def _is(value: object, expected: tuple[type | None, ...]) -> bool:
    if value is None:
        return None in expected
    if isinstance(value, bool) and bool not in expected:
        return False  # JSON true is not a number here
    return any(t is not None and isinstance(value, t) for t in expected)


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise NotesFileError(f"{where}{key} should be a list")
    return value


def bundle_from_json(data: object) -> ExportBundle:
    """An export bundle back from its JSON form (already parsed)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise NotesFileError(f'not an xrefviewer notes file (no "format": "{FORMAT_NAME}")')
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise NotesFileError(f"notes file has no valid version ({version!r})")
    if version > FORMAT_VERSION:
        raise NotesFileError(
            f"notes file version {version} is newer than this xrefviewer reads ({FORMAT_VERSION})"
        )
    documents = tuple(
        _record(ExportDocument, d, f"documents[{i}]")
        for i, d in enumerate(_list(data, "documents", ""))
    )
    links = []
    for i, raw in enumerate(_list(data, "links", "")):
        if not isinstance(raw, dict):
            raise NotesFileError(f"links[{i}] should be an object")
        occurrences = []
        for j, occ in enumerate(_list(raw, "occurrences", f"links[{i}].")):
            where = f"links[{i}].occurrences[{j}]"
            record = _record(ExportOccurrence, occ, where)
            highlights = tuple(
                _record(Highlight, h, f"{where}.highlights[{k}]")
                for k, h in enumerate(record.highlights or ())
            )
            occurrences.append(_replace_highlights(record, highlights))
        raw_link = {k: v for k, v in raw.items() if k != "occurrences"}
        raw_link["occurrences"] = tuple(occurrences)
        links.append(_record(ExportLink, raw_link, f"links[{i}]"))
    notes = tuple(
        _record(ExportNote, n, f"notes[{i}]") for i, n in enumerate(_list(data, "notes", ""))
    )
    decisions = tuple(
        _record(ExportDecision, d, f"decisions[{i}]")
        for i, d in enumerate(_list(data, "decisions", ""))
    )
    discrepancies = []
    for i, raw in enumerate(_list(data, "discrepancies", "")):
        if not isinstance(raw, dict):
            raise NotesFileError(f"discrepancies[{i}] should be an object")
        claims = tuple(
            _record(ExportClaim, c, f"discrepancies[{i}].claims[{j}]")
            for j, c in enumerate(_list(raw, "claims", f"discrepancies[{i}]."))
        )
        discrepancies.append(
            _record(ExportDiscrepancy, {**raw, "claims": claims}, f"discrepancies[{i}]")
        )
    return ExportBundle(
        title=str(data.get("title", "")),
        exported_at=str(data.get("exported_at", "")),
        generator=str(data.get("generator", "")),
        documents=documents,
        links=tuple(links),
        notes=notes,
        decisions=decisions,
        discrepancies=tuple(discrepancies),
    )


def _replace_highlights(
    occ: ExportOccurrence, highlights: tuple[Highlight, ...]
) -> ExportOccurrence:
    return replace(occ, highlights=highlights)


def read_notes_file(text: str) -> ExportBundle:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotesFileError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return bundle_from_json(data)
