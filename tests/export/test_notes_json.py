"""The JSON form: versioned, lossless for a bundle, strict about what it reads."""

from __future__ import annotations

import json

import pytest

from xrefviewer.export.model import FORMAT_NAME, FORMAT_VERSION
from xrefviewer.export.notes_json import (
    NotesFileError,
    bundle_from_json,
    bundle_to_json,
    read_notes_file,
    to_json,
)


def test_format_and_version_come_first(bundle):
    data = json.loads(to_json(bundle))
    assert list(data)[:2] == ["format", "version"]
    assert (
        (data["format"], data["version"])
        == (FORMAT_NAME, FORMAT_VERSION)
        == (
            "xrefviewer-notes",
            1,
        )
    )


def test_bundle_round_trips_exactly(bundle):
    assert read_notes_file(to_json(bundle)) == bundle


def test_unknown_keys_are_ignored_for_later_additions(bundle):
    data = bundle_to_json(bundle)
    data["links"][0]["colour"] = "red"
    data["notes"][0]["pinned"] = True
    assert bundle_from_json(data) == bundle


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "not an xrefviewer notes file"),
        ({"format": "something-else", "version": 1}, "not an xrefviewer notes file"),
        ({"format": FORMAT_NAME}, "no valid version"),
        ({"format": FORMAT_NAME, "version": 99}, "version 99 is newer"),
        ({"format": FORMAT_NAME, "version": 1, "notes": {}}, "notes should be a list"),
        ({"format": FORMAT_NAME, "version": 1, "notes": [3]}, "notes[0] should be an object"),
        (
            {"format": FORMAT_NAME, "version": 1, "notes": [{"id": 1}]},
            "notes[0]: ",  # required fields missing
        ),
        (
            {
                "format": FORMAT_NAME,
                "version": 1,
                "documents": [{"id": "1", "title": "t", "date": None, "content_hash": "h"}],
            },
            "documents[0].id should be int",
        ),
    ],
)
def test_bad_files_get_one_clear_line(data, message):
    with pytest.raises(NotesFileError) as caught:
        bundle_from_json(data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_not_json_at_all():
    with pytest.raises(NotesFileError, match="not valid JSON"):
        read_notes_file("{nope")
