"""Fast checks of the packaging files: the spec, the desktop entry, the icons, the installers.

The build itself (PyInstaller, minutes) and the frozen app are checked by
packaging/smoke_test.py, which is run by hand (packaging/README.md), not here.
"""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
RESOURCES = REPO / "resources"
SPEC = PACKAGING / "xrefviewer.spec"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_spec_is_python_and_builds_one_windowed_folder():
    source = SPEC.read_text("utf-8")
    compile(source, str(SPEC), "exec")
    assert "COLLECT(" in source, "a one-folder build collects into dist/xrefviewer/"
    assert re.search(r"EXE\([^)]*console=False", source), "the main executable is windowed"
    assert "BUNDLE(" in source and 'sys.platform == "darwin"' in source, "macOS gets an .app"


def test_spec_takes_name_and_version_from_pyproject():
    source = SPEC.read_text("utf-8")
    assert "pyproject.toml" in source and "tomllib" in source
    assert not re.search(r"""["']\d+\.\d+\.\d+["']""", source), "no version literal in the spec"


def test_spec_ships_what_the_app_loads_at_run_time():
    source = SPEC.read_text("utf-8")
    for needed in (
        '"corpus"',  # the sample corpus ...
        '"xrefviewer/sample_corpus"',  # ... where xrefviewer.locations looks in a frozen app
        '"xrefviewer/resources"',
        'subdir="migrations"',  # Alembic reads the migration scripts from disk
        "collect_data_files(NAME",  # rule and word-list files in xrefviewer.data
        "collect_submodules(NAME)",  # subcommands imported by name
    ):
        assert needed in source, needed
    locations = (REPO / "src" / "xrefviewer" / "locations.py").read_text("utf-8")
    assert '"sample_corpus"' in locations and '"resources"' in locations


def test_spec_keeps_qt_modules_the_app_imports():
    bundle_filter = load_module("bundle_filter", PACKAGING / "bundle_filter.py")
    used = set()
    for path in (REPO / "src" / "xrefviewer").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.Qt(\w+)", path.read_text("utf-8")))
    assert used, "the viewer imports Qt modules"
    excluded = used & set(bundle_filter.UNUSED_QT)
    assert not excluded, f"the spec leaves out Qt modules the app imports: {excluded}"
    assert "EXCLUDED_MODULES" in SPEC.read_text("utf-8")


KEPT = [
    ("linux", "PySide6/Qt/plugins/platforms/libqxcb.so"),
    ("linux", "PySide6/Qt/plugins/platforms/libqwayland.so"),
    ("linux", "PySide6/Qt/plugins/platforms/libqoffscreen.so"),
    ("linux", "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so"),
    ("linux", "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so"),
    ("linux", "PySide6/Qt/plugins/imageformats/libqjpeg.so"),
    ("linux", "PySide6/Qt/plugins/imageformats/libqsvg.so"),
    ("linux", "PySide6/Qt/plugins/iconengines/libqsvgicon.so"),
    ("linux", "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so"),
    ("linux", "PySide6/Qt/lib/libQt6Gui.so.6"),
    ("linux", "PySide6/Qt/lib/libQt6Svg.so.6"),
    ("linux", "PySide6/Qt/lib/libQt6XcbQpa.so.6"),
    ("linux", "PySide6/Qt/lib/libQt6WaylandClient.so.6"),
    ("linux", "PySide6/Qt/lib/libicudata.so.73"),
    ("linux", "libsqlite3.so.0"),
    ("linux", "libffi.so.8"),
    ("linux", "psycopg_binary.libs/libpq-e9b5c9ac.so.5.18"),
    ("win32", "PySide6/plugins/platforms/qwindows.dll"),
    ("win32", "PySide6/plugins/styles/qmodernwindowsstyle.dll"),
    ("win32", "PySide6/Qt6Widgets.dll"),
    ("darwin", "PySide6/Qt/plugins/platforms/libqcocoa.dylib"),
    ("darwin", "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui"),
    ("darwin", "libX11.6.dylib"),
]
DROPPED = [
    ("linux", "PySide6/Qt/plugins/platforms/libqeglfs.so"),
    ("linux", "PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
    ("linux", "PySide6/Qt/plugins/imageformats/libqpdf.so"),
    ("linux", "PySide6/Qt/plugins/sqldrivers/libqsqlite.so"),
    ("linux", "PySide6/Qt/plugins/tls/libqopensslbackend.so"),
    ("linux", "PySide6/Qt/translations/qtbase_de.qm"),
    ("linux", "PySide6/Qt/lib/libQt6Network.so.6"),
    ("linux", "PySide6/Qt/lib/libQt6QmlModels.so.6"),
    ("linux", "PySide6/Qt/lib/libQt6WaylandCompositor.so.6"),
    ("linux", "libX11.so.6"),
    ("linux", "libxcb-cursor.so.0"),
    ("linux", "libglib-2.0.so.0"),
    ("linux", "libstdc++.so.6"),
    ("linux", "libfontconfig.so.1"),
    ("win32", "PySide6/Qt6Network.dll"),
    ("win32", "PySide6/translations/qtbase_fr.qm"),
    ("darwin", "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork"),
    ("darwin", "PySide6/Qt/lib/QtQuick.framework/Versions/A/Resources/Info.plist"),
]


@pytest.mark.parametrize("platform, dest", KEPT, ids=lambda v: str(v)[-40:])
def test_bundle_keeps(platform, dest):
    bundle_filter = load_module("bundle_filter", PACKAGING / "bundle_filter.py")
    assert bundle_filter.needed((dest, "/src/" + dest, "BINARY"), platform)


@pytest.mark.parametrize("platform, dest", DROPPED, ids=lambda v: str(v)[-40:])
def test_bundle_leaves_out(platform, dest):
    bundle_filter = load_module("bundle_filter", PACKAGING / "bundle_filter.py")
    assert not bundle_filter.needed((dest, "/src/" + dest, "BINARY"), platform)


def test_only_libraries_something_links_to_stay():
    bundle_filter = load_module("bundle_filter", PACKAGING / "bundle_filter.py")
    links = {
        "/s/QtGui.abi3.so": ["libQt6Gui.so.6", "libc.so.6"],
        "/s/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/s/libqtheme.so": ["libgtk-3.so.0"],
        "/s/libgtk-3.so.0": ["libcairo.so.2"],
    }
    binaries = [
        ("PySide6/QtGui.abi3.so", "/s/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),  # its plugin was dropped
        ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libgtk-3.so.0.2", "libgtk-3.so.0", "SYMLINK"),
    ]
    kept = bundle_filter.linked_only(binaries, read=lambda path: links.get(path, []))
    assert [entry[0] for entry in kept] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libQt6Core.so.6",
    ]


def test_frozen_entry_point_compiles_and_supports_worker_processes():
    source = (PACKAGING / "frozen_main.py").read_text("utf-8")
    compile(source, "frozen_main.py", "exec")
    assert "multiprocessing.freeze_support()" in source
    assert "from xrefviewer.cli import main" in source


def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(RESOURCES / "xrefviewer.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_has_the_fields_a_menu_needs():
    entry = read_desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "xrefviewer"
    assert entry["Exec"].split()[0] == "xrefviewer"
    assert entry["Icon"] == "xrefviewer"  # the hicolor name build.py installs
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"]
    assert "%" not in entry["Exec"], "the viewer takes no file arguments from the menu"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed"
)
def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(
        ["desktop-file-validate", str(RESOURCES / "xrefviewer.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icon_master_is_a_square_svg():
    root = ET.parse(RESOURCES / "xrefviewer.svg").getroot()
    assert root.tag.endswith("svg")
    assert root.get("viewBox") == "0 0 256 256"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icon_has_its_size(size):
    assert png_size(RESOURCES / "icons" / f"xrefviewer-{size}.png") == (size, size)


def test_make_icons_writes_the_sizes_the_app_and_installers_use():
    source = (PACKAGING / "make_icons.py").read_text("utf-8")
    sizes = re.search(r"PNG_SIZES = \(([^)]*)\)", source)
    assert sizes is not None
    assert tuple(int(n) for n in re.findall(r"\d+", sizes.group(1))) == PNG_SIZES


def test_windows_icon_holds_every_size_up_to_256():
    data = (RESOURCES / "xrefviewer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, _height, _c, _r, _p, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes


def test_macos_icon_is_an_icns_of_its_declared_length():
    data = (RESOURCES / "xrefviewer.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    assert b"ic10" in data  # the 1024 px (512@2x) image macOS uses for Retina


def test_installer_art_has_inno_setups_sizes():
    for name, size in (("wizard.bmp", (164, 314)), ("wizard-small.bmp", (55, 55))):
        data = (RESOURCES / "installer" / name).read_bytes()
        assert data[:2] == b"BM"
        assert struct.unpack("<ii", data[18:26]) == size


def test_inno_setup_script_has_menu_entry_uninstaller_and_icon():
    iss = (PACKAGING / "windows" / "xrefviewer.iss").read_text("utf-8")
    assert "{autoprograms}" in iss or "{group}" in iss, "a Start-menu entry"
    assert re.search(r"^UninstallDisplayIcon=", iss, re.M)
    assert re.search(r"^SetupIconFile=.*xrefviewer\.ico", iss, re.M)
    assert VERSION not in iss, "the version comes from pyproject.toml via /DAppVersion"
    art = re.findall(r"^\w+=\.\.\\\.\.\\(resources\\\S+)$", iss, re.M)
    assert len(art) >= 3, "icon and wizard images from resources/"
    for relative in art:
        assert (REPO / relative.replace("\\", "/")).is_file(), relative


def test_build_installs_desktop_entry_and_hicolor_icons(tmp_path):
    build = load_module("xrefviewer_build", PACKAGING / "build.py")
    build.add_desktop_files(tmp_path)
    assert (tmp_path / "applications" / "xrefviewer.desktop").is_file()
    for size in PNG_SIZES:
        icon = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "xrefviewer.png"
        assert png_size(icon) == (size, size)
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "xrefviewer.svg").is_file()
    assert (tmp_path / "metainfo" / "xrefviewer.metainfo.xml").is_file()


def test_appstream_metadata_launches_the_desktop_entry():
    root = ET.parse(RESOURCES / "xrefviewer.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == "xrefviewer.desktop"
    assert (RESOURCES / launchable.text).is_file()
    assert root.findtext("name") == read_desktop_entry()["Name"]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstream_metadata_passes_appstreamcli_validate():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(RESOURCES / "xrefviewer.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("readelf") is None or shutil.which("ls") is None or not Path("/bin/ls").is_file(),
    reason="needs binutils' readelf and a Linux /bin/ls",
)
def test_build_reads_linked_libraries_from_elf_headers(tmp_path):
    build = load_module("xrefviewer_build", PACKAGING / "build.py")
    shutil.copy2("/bin/ls", tmp_path / "ls")
    (tmp_path / "notes.txt").write_text("not a library", encoding="utf-8")
    assert build.elf_files(tmp_path) == [tmp_path / "ls"]
    assert "libc.so.6" in build.needed_libraries(tmp_path / "ls")
