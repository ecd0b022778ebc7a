"""Rendering by format name, and writing a file atomically without replacing one unasked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from xrefviewer.errors import UsageError, XrefError
from xrefviewer.export.render import FORMATS, OutputExistsError, render, write_export


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_text(bundle, fmt):
    text = render(bundle, fmt)
    assert isinstance(text, str) and text.endswith("\n")


def test_unknown_format_is_a_usage_error(bundle):
    with pytest.raises(UsageError, match="unknown export format 'pdf'"):
        render(bundle, "pdf")


def test_bom_applies_to_csv_only(bundle):
    assert render(bundle, "csv", bom=True).startswith("\ufeff")
    assert render(bundle, "md", bom=True) == render(bundle, "md")


def test_write_creates_the_file_byte_for_byte(tmp_path, bundle):
    target = tmp_path / "notes.csv"
    text = render(bundle, "csv", bom=True)
    write_export(target, text)
    assert target.read_bytes() == text.encode("utf-8")  # CRLF kept, BOM first
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv"]  # no temp file left


def test_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="already exists") as caught:
        write_export(target, "new")
    assert "--force" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_force_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_export(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    target = tmp_path / "notes.md"
    target.write_text("old", encoding="utf-8")

    def refuse(src: str, dst: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(XrefError, match=r"can't write .*No space left on device"):
        write_export(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_missing_folder_is_one_line(tmp_path):
    with pytest.raises(XrefError, match=r"can't write .*No such file or directory"):
        write_export(tmp_path / "absent" / "notes.md", "x")


def test_folder_as_target_is_refused(tmp_path):
    with pytest.raises(XrefError, match="folder"):
        write_export(tmp_path, "x", force=True)
