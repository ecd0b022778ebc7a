"""Build the installable xrefviewer: the PyInstaller folder, and on Linux a .tar.gz and a .deb.

usage: python packaging/build.py [--no-packages] [--no-clean]

Run it with the interpreter of an environment where xrefviewer and PyInstaller are installed
(`pip install -e '.[packaging]'`). It writes, in dist/:
  xrefviewer/                               the one-folder app (xrefviewer, xrefviewer-cli)
  xrefviewer-<version>-linux-<arch>.tar.gz  (Linux) the folder, a desktop entry and its installer
  xrefviewer_<version>_<debarch>.deb         (Linux, where dpkg-deb exists) /opt/xrefviewer + menu entry
On macOS the spec also makes dist/xrefviewer.app (see packaging/macos/make_dmg.sh for the .dmg);
on Windows, feed dist/xrefviewer/ to packaging/windows/xrefviewer.iss.

After the build it checks, on Linux, that every library a bundled library links to is either
in the bundle or a system library that the .deb declares, so that trimming Qt never removes
something the app still loads.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "packaging" / "xrefviewer.spec"
DIST = REPO / "dist"
WORK = REPO / "build"
RESOURCES = REPO / "resources"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
# Libraries that belong in the bundle: a kept library needing one that is missing means the
# spec's trimming went too far.
MUST_BE_BUNDLED = re.compile(r"^lib(Qt6|pyside6|shiboken6|icu|python3)")
# System libraries that only optional parts need (the Wayland platform, input methods): the
# app falls back to X11 without them, so the .deb only recommends their packages.
OPTIONAL_PARTS = re.compile(
    r"plugins/(platforms/libqwayland|wayland-|platforminputcontexts/|platformthemes/)"
    r"|libQt6WaylandClient"
)


class BuildError(Exception):
    pass


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]


def run_pyinstaller(clean: bool) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError(
            f"PyInstaller is not installed for {sys.executable}; "
            "run `pip install -e '.[packaging]'` first"
        ) from None
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK)]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    print("build: " + " ".join(command), flush=True)
    if subprocess.run(command, cwd=REPO).returncode != 0:
        raise BuildError("PyInstaller failed (its messages are above)")
    folder = DIST / "xrefviewer"
    if not (folder / exe_name("xrefviewer")).is_file():
        raise BuildError(f"PyInstaller finished but {folder} has no xrefviewer executable")
    return folder


def exe_name(name: str) -> str:
    return f"{name}.exe" if sys.platform == "win32" else name


# --- Linux: what the bundle links against -----------------------------------------------------


def elf_files(folder: Path) -> list[Path]:
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def needed_libraries(path: Path) -> list[str]:
    result = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
    )
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout)


def debian_package_of(soname: str) -> str | None:
    """The Debian package that installs a library on this machine, e.g. libxcb-cursor0."""
    result = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
    for line in result.stdout.splitlines():
        package = line.split(":", 1)[0].split(",")[0].strip()
        if package and not package.endswith("-dev"):
            return package
    return None


def system_dependencies(folder: Path) -> tuple[set[str], set[str], set[str]]:
    """(required packages, recommended packages, unmapped libraries) of the bundle's ELF files.

    Raises BuildError when a library that must come with the app is missing from the bundle.
    """
    bundled = {p.name for p in folder.rglob("*")}
    required: dict[str, set[str]] = {}
    optional: dict[str, set[str]] = {}
    missing_bundled = []
    for path in elf_files(folder):
        rel = path.relative_to(folder).as_posix()
        for soname in needed_libraries(path):
            if soname in bundled:
                continue
            if MUST_BE_BUNDLED.match(soname):
                missing_bundled.append(f"{rel} needs {soname}")
                continue
            target = optional if OPTIONAL_PARTS.search(rel) else required
            target.setdefault(soname, set()).add(rel)
    if missing_bundled:
        raise BuildError(
            "the bundle lacks libraries it uses (narrow UNUSED_QT_LIBS in the spec):\n  "
            + "\n  ".join(missing_bundled)
        )
    packages: set[str] = set()
    recommends: set[str] = set()
    unmapped: set[str] = set()
    for libs, into in ((required, packages), (optional, recommends)):
        for soname in libs:
            package = debian_package_of(soname) if shutil.which("dpkg") else None
            if package:
                into.add(package)
            else:
                unmapped.add(soname)
    return packages, recommends - packages, unmapped


# --- Linux: the archives ----------------------------------------------------------------------


DESKTOP_INSTALLER = """#!/bin/sh
# Adds xrefviewer to this user's application menu (no root needed). Run it from this folder;
# remove the entry again with: ./install-desktop-entry.sh --remove
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/xrefviewer.desktop" "$data"/icons/hicolor/*/apps/xrefviewer.png \\
        "$data/icons/hicolor/scalable/apps/xrefviewer.svg"
  echo "xrefviewer removed from the application menu"; exit 0
fi
for png in "$here"/share/icons/hicolor/*/apps/xrefviewer.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  mkdir -p "$data/icons/hicolor/$size/apps" && cp "$png" "$data/icons/hicolor/$size/apps/"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/applications"
cp "$here/share/icons/hicolor/scalable/apps/xrefviewer.svg" "$data/icons/hicolor/scalable/apps/"
sed -e "s|^Exec=.*|Exec=\\"$here/xrefviewer\\"|" -e "s|^TryExec=.*|TryExec=$here/xrefviewer|" \\
  "$here/share/applications/xrefviewer.desktop" > "$data/applications/xrefviewer.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "xrefviewer added to the application menu"
"""


def add_desktop_files(share: Path) -> None:
    """The freedesktop.org layout: the desktop entry, the hicolor icons, the AppStream data."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "xrefviewer.desktop", share / "applications" / "xrefviewer.desktop")
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(RESOURCES / "icons" / f"xrefviewer-{size}.png", target / "xrefviewer.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "xrefviewer.svg", scalable / "xrefviewer.svg")
    # AppStream: what software centres show about the installed app.
    (share / "metainfo").mkdir(exist_ok=True)
    shutil.copy2(
        RESOURCES / "xrefviewer.metainfo.xml", share / "metainfo" / "xrefviewer.metainfo.xml"
    )


def make_tarball(folder: Path, version: str) -> Path:
    arch = platform.machine()
    top = f"xrefviewer-{version}"
    staging = WORK / "tarball" / top
    shutil.rmtree(staging.parent, ignore_errors=True)
    shutil.copytree(folder, staging, symlinks=True)
    add_desktop_files(staging / "share")
    script = staging / "install-desktop-entry.sh"
    script.write_text(DESKTOP_INSTALLER, encoding="utf-8")
    script.chmod(0o755)
    out = DIST / f"xrefviewer-{version}-linux-{arch}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        tar.add(staging, arcname=top, filter=_normalise_owner)
    return out


def _normalise_owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def make_deb(folder: Path, meta: dict, depends: set[str], recommends: set[str]) -> Path:
    version = meta["version"]
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    root = WORK / "deb" / f"xrefviewer_{version}_{arch}"
    shutil.rmtree(root.parent, ignore_errors=True)
    shutil.copytree(folder, root / "opt" / "xrefviewer", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "xrefviewer").symlink_to("/opt/xrefviewer/xrefviewer")
    add_desktop_files(root / "usr" / "share")
    doc = root / "usr" / "share" / "doc" / "xrefviewer"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: xrefviewer\n\nFiles: *\nLicense: {meta.get('license', 'MIT')}\n"
        "Comment: bundles Python, Qt (LGPL-3.0, via PySide6) and the Python packages listed\n"
        " in /opt/xrefviewer/_internal/*.dist-info, each under its own license.\n",
        encoding="utf-8",
    )
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    control = {
        "Package": "xrefviewer",
        "Version": version,
        "Architecture": arch,
        "Maintainer": "The xrefviewer team <xrefviewer@localhost>",
        "Installed-Size": str(size_kb // 1024),
        "Depends": ", ".join(sorted(depends)),
        "Recommends": ", ".join(sorted(recommends)),
        "Section": "text",
        "Priority": "optional",
        "Description": f"{meta['description']}\n"
        " Open a folder of news articles, statements and reports and see them side by side,\n"
        " with the figures, names and dates they share linked across the documents.",
    }
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(
        "".join(f"{k}: {v}\n" for k, v in control.items() if v), encoding="utf-8"
    )
    out = DIST / f"xrefviewer_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def human(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-packages", action="store_true", help="only the PyInstaller folder")
    parser.add_argument("--no-clean", action="store_true", help="reuse PyInstaller's cache")
    args = parser.parse_args(argv)
    started = time.monotonic()
    meta = project()
    try:
        folder = run_pyinstaller(clean=not args.no_clean)
        made = [folder]
        if sys.platform.startswith("linux"):
            depends, recommends, unmapped = system_dependencies(folder)
            if unmapped:
                print(
                    "build: no Debian package found on this machine for: "
                    + ", ".join(sorted(unmapped))
                    + " (install them here to have the .deb declare them)",
                    file=sys.stderr,
                )
            if not args.no_packages:
                made.append(make_tarball(folder, meta["version"]))
                if shutil.which("dpkg-deb"):
                    made.append(make_deb(folder, meta, depends, recommends))
                else:
                    print("build: dpkg-deb not found: no .deb", file=sys.stderr)
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"build: {' '.join(map(str, exc.cmd))} failed ({exc.returncode})", file=sys.stderr)
        return 1
    for path in made:
        size = folder_size(path) if path.is_dir() else path.stat().st_size
        print(f"build: {path.relative_to(REPO)}  {human(size)}")
    print(f"build: done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    os.chdir(REPO)
    sys.exit(main())
