"""Render the application icon and the installer art from resources/xrefviewer.svg.

usage: python packaging/make_icons.py

Writes, next to the SVG master in resources/ (sizes up to 32 px come from xrefviewer-small.svg,
the same picture without the text lines, as icon themes hint their small sizes):
  icons/xrefviewer-<N>.png   N = 16, 32, 48, 64, 128, 256, 512 (Linux hicolor theme, Qt window icon)
  xrefviewer.ico             Windows: the executable's and the installer's icon (PNG entries)
  xrefviewer.icns            macOS: the .app bundle's icon (PNG entries)
  installer/wizard.bmp       Inno Setup's wizard side image (164x314)
  installer/wizard-small.bmp Inno Setup's small corner image (55x55)
  installer/dmg-background.png  the macOS disk image's window background (640x400)

The outputs are committed, so a build needs only PyInstaller. Run this after changing the SVG.
It uses Qt (QtSvg ships in PySide6-Essentials) rather than Pillow, so it needs no package
the app does not already depend on. ICO and ICNS are written here by hand because Qt's
writers store one image per file and the platforms want every size in one.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "resources"
MASTER = RESOURCES / "xrefviewer.svg"
SMALL = RESOURCES / "xrefviewer-small.svg"  # hinted for 16 to 32 px
SMALL_MAX = 32
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's "icp4".."ic10" family).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
BLUE_DARK = QColor("#24487a")
BLUE_LIGHT = QColor("#d9e6f5")


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file of PNG-compressed entries (read by Windows Vista and later)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = images[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(images: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", 8 + len(images[size])) + images[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def wizard_image(renderer: QSvgRenderer, width: int, height: int, icon: int) -> QImage:
    """A calm blue panel with the icon: Inno Setup stretches nothing if the size is exact."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0, QColor("#ffffff"))
    gradient.setColorAt(1, BLUE_LIGHT)
    painter.fillRect(0, 0, width, height, gradient)
    top = (height - icon) // 3 if height > width else (height - icon) // 2
    renderer.render(painter, QRectF((width - icon) / 2, top, icon, icon))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_RGB888)


def dmg_background(renderer: QSvgRenderer) -> QImage:
    """640x400: the app on the left, an arrow to the Applications link on the right.

    The icon positions match packaging/macos/make_dmg.sh (app at x=160, Applications at x=480).
    """
    width, height = 640, 400
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0, QColor("#ffffff"))
    gradient.setColorAt(1, BLUE_LIGHT)
    painter.fillRect(0, 0, width, height, gradient)
    pen = QPen(BLUE_DARK, 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(250, 190), QPointF(380, 190))
    head = QPainterPath(QPointF(395, 190))
    head.lineTo(370, 172)
    head.lineTo(370, 208)
    head.closeSubpath()
    painter.fillPath(head, BLUE_DARK)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer, small = QSvgRenderer(str(MASTER)), QSvgRenderer(str(SMALL))
    for path, r in ((MASTER, renderer), (SMALL, small)):
        if not r.isValid():
            print(f"make_icons: {path} is not a valid SVG", file=sys.stderr)
            return 1
    icons = RESOURCES / "icons"
    installer = RESOURCES / "installer"
    icons.mkdir(exist_ok=True)
    installer.mkdir(exist_ok=True)
    pngs = {
        size: png_bytes(render(small if size <= SMALL_MAX else renderer, size))
        for size in {*PNG_SIZES, *ICO_SIZES, 1024}
    }
    for size in PNG_SIZES:
        (icons / f"xrefviewer-{size}.png").write_bytes(pngs[size])
    (RESOURCES / "xrefviewer.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (RESOURCES / "xrefviewer.icns").write_bytes(icns_bytes(pngs))
    for name, image in (
        ("wizard.bmp", wizard_image(renderer, 164, 314, 120)),
        ("wizard-small.bmp", wizard_image(renderer, 55, 55, 47)),
        ("dmg-background.png", dmg_background(renderer)),
    ):
        if not image.save(str(installer / name)):
            print(f"make_icons: could not write {installer / name}", file=sys.stderr)
            return 1
    del app
    print(f"make_icons: wrote {len(PNG_SIZES)} PNGs, an ICO, an ICNS and the installer art")
    return 0


if __name__ == "__main__":
    sys.exit(main())
