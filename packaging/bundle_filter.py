"""What the PyInstaller spec leaves out of the bundle, as plain functions the tests can check.

xrefviewer.spec imports this module. Entries are PyInstaller TOC tuples: (dest, source, kind),
where dest is the path inside the bundle ("PySide6/Qt/plugins/platforms/libqxcb.so").
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable

# Qt: the app uses QtCore, QtGui and QtWidgets (and QtSvg for the SVG icon). The rest of
# PySide6-Essentials stays out (tests/packaging checks that the app imports none of them).
UNUSED_QT = [
    "Concurrent",
    "DBus",
    "Designer",
    "Help",
    "LabsStyleKit",
    "Network",
    "OpenGL",
    "OpenGLWidgets",
    "PrintSupport",
    "Qml",
    "QmlFeatures",
    "Quick",
    "QuickControls2",
    "QuickTest",
    "QuickWidgets",
    "Sql",
    "SvgWidgets",
    "Test",
    "UiTools",
    "Xml",
    "Multimedia",
    "MultimediaWidgets",
    "WebEngineCore",
    "WebEngineWidgets",
    "WebChannel",
    "Positioning",
    "Bluetooth",
    "Nfc",
    "SerialPort",
    "Charts",
    "DataVisualization",
    "3DCore",
    "Pdf",
    "PdfWidgets",
]

EXCLUDED_MODULES = [f"PySide6.Qt{m}" for m in UNUSED_QT] + [
    # Development, test and benchmark tools that share the build's environment.
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "importlinter",
    "grimp",
    "mypy",
    "ruff",
    "dateparser",
    "IPython",
    "numpy",
    "pandas",
    "matplotlib",
    "PIL",
    "setuptools",
    "pkg_resources",
    "readline",  # an interactive interpreter's line editing; links libreadline and libtinfo
    # python-docx needs only lxml.etree; lxml's hook takes every submodule (4 MB more).
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    "lxml.sax",
    "lxml.cssselect",
    "lxml.doctestcompare",
    "lxml.usedoctest",
]

# Qt plugins the app never needs: other windowing backends (EGL full-screen, VNC, framebuffer),
# input devices for kiosks, QML tooling, SQL drivers, network and TLS backends, PDF and rare
# image formats, the Wayland compositor side. What stays: xcb, wayland, offscreen and minimal
# (Linux), windows (Windows), cocoa (macOS); the desktop-portal theme (native file dialogs);
# PNG, JPEG, GIF, ICO, SVG. The GTK3 theme goes: it drags 20 MB of GTK, cairo and pango in,
# and a bundled GTK fights the system's themes and modules.
UNUSED_PLUGINS = re.compile(
    r"plugins/("
    r"designer|egldeviceintegrations|generic|networkinformation|qmltooling|sqldrivers|tls|"
    r"printsupport|vectorimageformats|position|sensors|multimedia|renderers|"
    r"wayland-graphics-integration-server|platformthemes/(lib)?qgtk3|"
    r"wayland-graphics-integration-client/(lib)?(dmabuf|drm-egl|shm-emulation|vulkan)-server|"
    r"platforms/(lib)?q(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay|direct2d)|"
    r"platforminputcontexts/(lib)?qtvirtualkeyboard|"
    r"imageformats/(lib)?q(pdf|tiff|webp|tga|wbmp|icns)|"
    r"wayland-shell-integration/(lib)?(fullscreen-shell|ivi-shell|wl-shell|qt-shell)"
    r")",
    re.IGNORECASE,
)

# Qt libraries only the unused modules and plugins link to (Linux .so, Windows .dll, macOS
# framework). packaging/build.py fails if anything kept still links to one of them.
UNUSED_QT_LIBS = re.compile(
    r"^(lib)?Qt6?("
    r"Designer|DesignerComponents|Help|Labs\w*|Lottie\w*|Network|Pdf\w*|Qml\w*|Quick\w*|"
    r"ShaderTools|Sql|SvgWidgets|Test|UiTools|VirtualKeyboard\w*|WaylandCompositor|"
    r"WaylandEgl\w*|WlShellIntegration|EglFSDeviceIntegration|EglFsKmsSupport|Xml|Concurrent"
    r")(\.|$)",
    re.IGNORECASE,
)

# Linux: libraries of the desktop itself, which the PySide6 wheel also expects from the system
# (X11/xcb, Wayland, OpenGL, fontconfig, GLib, D-Bus) and the C++ runtime. A bundled copy from
# the build machine would be loaded beside the system's own graphics drivers and theme modules,
# which need the system's versions. The .deb names them as dependencies (packaging/build.py).
SYSTEM_LIBS = re.compile(
    r"^lib("
    r"X[\w-]*|xcb[\w-]*|xkbcommon[\w-]*|wayland-[\w-]*|GL\w*|EGL|OpenGL|drm|gbm|"
    r"fontconfig|freetype|harfbuzz[\w-]*|png16|brotli\w*|graphite2|"
    r"glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|pcre2-\w+|"
    r"dbus-1|systemd|gcrypt|gpg-error|lz4|zstd|cap|mount|blkid|selinux|bsd|md|"
    r"stdc\+\+|gcc_s|readline|tinfo"
    r")\.so(\.|$)"
)

Entry = tuple[str, str, str]


def _parts(dest: str) -> tuple[str, str]:
    path = dest.replace("\\", "/")
    return path, path.rsplit("/", 1)[-1]


def needed(entry: Entry, platform: str) -> bool:
    """Whether a collected file stays in the bundle built on `platform` (sys.platform)."""
    path, name = _parts(entry[0])
    if platform.startswith("linux") and SYSTEM_LIBS.match(name):
        return False
    if "/translations/" in path and path.startswith("PySide6/"):
        return False  # the interface is English; Qt's own dialog translations would mix languages
    if path.startswith("PySide6/qml") or "/qml/" in path:
        return False
    if UNUSED_PLUGINS.search(path):
        return False
    # A macOS framework: PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork (and its files).
    framework = re.search(r"/(Qt\w+)\.framework/", path)
    if framework and UNUSED_QT_LIBS.match(framework.group(1)):
        return False
    return not UNUSED_QT_LIBS.match(name)


def read_needed(path: str) -> list[str]:
    """The libraries an ELF file links to (its DT_NEEDED entries), read with binutils' readelf."""
    dynamic = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic.stdout)


def linked_only(
    binaries: Iterable[Entry], read: Callable[[str], list[str]] = read_needed
) -> list[Entry]:
    """Linux: drop shared libraries that no kept extension module, plugin or library links to.

    PyInstaller adds the libraries of every plugin a Qt hook collects; after dropping plugins
    (the GTK theme, say), their libraries would still ride along.
    """
    binaries = list(binaries)
    extension = re.compile(r"\.(cpython-[^.]+|abi3)\.so$")
    libraries: dict[str, str] = {}
    roots: list[str] = []
    for dest, src, kind in binaries:
        path, name = _parts(dest)
        if kind == "SYMLINK":
            continue
        if "/plugins/" in path or extension.search(name) or name.startswith("libpython"):
            roots.append(src)
        else:
            libraries[name] = src
    reached: set[str] = set()
    todo = list(roots)
    while todo:
        for name in read(todo.pop()):
            if name in libraries and name not in reached:
                reached.add(name)
                todo.append(libraries[name])
    kept = []
    for entry in binaries:
        dest, src, kind = entry
        _, name = _parts(dest)
        _, target = _parts(str(src))
        if kind == "SYMLINK":
            if target in reached or name in reached:
                kept.append(entry)
        elif name not in libraries or name in reached:
            kept.append(entry)
    return kept
