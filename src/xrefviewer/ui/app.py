"""Starting the viewer: `xrefviewer` with no command, or `xrefviewer-gui [--db URL] [PATH ...]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from xrefviewer import __version__
from xrefviewer.locations import resources_dir
from xrefviewer.ui.errors import install_excepthook, setup_logging
from xrefviewer.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SMOKE_QUIT_ENV = "XREFVIEWER_SMOKE_QUIT_MS"
WINDOW_SHOWN = "xrefviewer: window shown"  # packaging/smoke_test.py waits for this line
ORGANISATION = "xrefviewer"
APPLICATION = "xrefviewer"


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="xrefviewer-gui", description="The xrefviewer window.")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="the library to open (sqlite:///path.sqlite or postgresql://…); "
        "default: the last one used, else XREFVIEWER_DB, else the default library",
    )
    parser.add_argument("paths", nargs="*", help="documents or folders to import on start")
    return parser.parse_known_args(argv)  # what is left belongs to Qt (-style, -platform…)


def make_application(qt_args: list[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "xrefviewer", *qt_args])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("xrefviewer")
    app.setWindowIcon(window_icon())
    return app


def window_icon() -> QIcon:
    """The app icon at every size resources/ has, so that high-DPI screens get a sharp one."""
    icon = QIcon()
    root = resources_dir()
    for png in sorted((root / "icons").glob("xrefviewer-*.png")):
        icon.addFile(str(png))
    for svg in (root / "xrefviewer.svg", root / "icons" / "xrefviewer.svg"):
        if svg.is_file():
            icon.addFile(str(svg))
    return icon


def run(argv: list[str]) -> int:
    """Show the window and run until it is closed; returns the exit status."""
    args, qt_args = parse_args(argv)
    app = make_application(qt_args)
    logfile = setup_logging()
    install_excepthook()
    log.info("xrefviewer %s starting (log: %s)", __version__, logfile)
    window = MainWindow(QSettings(), db_url=args.db, import_paths=args.paths)
    window.show()
    # Fill the window once it is on screen: the first paint never waits for the database.
    QTimer.singleShot(0, window.start)
    smoke_quit = os.environ.get(SMOKE_QUIT_ENV, "")
    if smoke_quit.isdigit():
        # The packaged app's smoke test: say when the window is up, then quit by itself.
        def shown() -> None:
            sys.stderr.write(f"{WINDOW_SHOWN}\n")
            sys.stderr.flush()

        QTimer.singleShot(0, shown)
        QTimer.singleShot(int(smoke_quit), window.close)
    return int(app.exec())
