import pytest

from xrefviewer import cli
from xrefviewer.ui import app

pytestmark = pytest.mark.gui


def test_db_and_paths_are_ours_the_rest_is_qts():
    args, qt_args = app.parse_args(["--db", "sqlite:///x.sqlite", "a.txt", "--reverse"])
    assert args.db == "sqlite:///x.sqlite"
    assert args.paths == ["a.txt"]
    assert qt_args == ["--reverse"]


def test_xrefviewer_with_db_and_no_command_opens_the_viewer_on_that_library(monkeypatch):
    seen = []
    monkeypatch.setattr(app, "run", lambda argv: seen.append(argv) or 0)
    assert cli.main(["--db", "sqlite:///lib.sqlite"]) == 0
    assert cli.main([]) == 0
    assert seen == [["--db", "sqlite:///lib.sqlite"], []]


def test_window_icon_has_every_size_resources_ship(qapp):
    icon = app.window_icon()
    assert not icon.isNull()
    assert len(icon.availableSizes()) >= 2
