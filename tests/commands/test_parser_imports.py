"""Building the command line's parser stays light: `xrefviewer --help` and `--version` must
not load the database layer, the viewer or the extractors."""

from __future__ import annotations

import json
import subprocess
import sys

from xrefviewer.export.formats import FORMAT_NAMES, SUFFIXES, format_for_path
from xrefviewer.export.render import FORMATS

HEAVY = ("sqlalchemy", "alembic", "PySide6", "xrefviewer.store", "xrefviewer.core.analyze")

PROBE = """
import json, sys
import xrefviewer.cli
xrefviewer.cli.build_parser()
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy
                        or any(m.startswith(h + ".") for h in heavy))))
"""


def _modules_after(code: str) -> list[str]:
    # A fresh interpreter: this test process has long since imported everything.
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


def test_building_the_parser_imports_no_database_no_qt_no_extractors() -> None:
    assert _modules_after(PROBE.format(heavy=HEAVY)) == []


def test_the_probe_sees_a_heavy_import_when_there_is_one() -> None:
    # The same probe after importing the store must report it, or the test above proves nothing.
    code = "import xrefviewer.store.library\n" + PROBE.format(heavy=HEAVY)
    found = _modules_after(code)
    assert "sqlalchemy" in found
    assert "xrefviewer.store.library" in found


def test_every_writer_has_a_format_name_and_suffix() -> None:
    assert tuple(FORMATS) == FORMAT_NAMES
    assert set(SUFFIXES) == set(FORMATS)


def test_a_file_suffix_picks_its_format() -> None:
    assert format_for_path(".HTM") == "html"
    assert format_for_path(".markdown") == "md"
    assert format_for_path(".csv") == "csv"
    assert format_for_path(".txt") is None
