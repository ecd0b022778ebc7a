"""Colours for mentions, chosen for the palette in use so that light and dark themes both read well."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True, slots=True)
class MentionColours:
    linked: dict[str, QColor]
    unlinked: dict[str, QColor]
    underline: dict[str, QColor]
    selected: QColor
    current: QColor
    current_line: QColor
    focus: QColor


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mention_colours(palette: QPalette | None = None) -> MentionColours:
    if is_dark(palette):
        return MentionColours(
            linked={
                "figure": QColor("#7a4a12"),
                "name": QColor("#1f4677"),
                "date": QColor("#23572f"),
            },
            unlinked={
                "figure": QColor("#3d2c18"),
                "name": QColor("#1b2b42"),
                "date": QColor("#1c3a24"),
            },
            underline={
                "figure": QColor("#ffa94d"),
                "name": QColor("#74c0fc"),
                "date": QColor("#8ce99a"),
            },
            selected=QColor("#8a7400"),
            current=QColor("#c79100"),
            current_line=QColor("#ff6b6b"),
            focus=QColor("#3a3f47"),
        )
    return MentionColours(
        linked={"figure": QColor("#ffd19e"), "name": QColor("#c5dcff"), "date": QColor("#c9efd1")},
        unlinked={
            "figure": QColor("#fff0e0"),
            "name": QColor("#edf3ff"),
            "date": QColor("#e9f8ec"),
        },
        underline={
            "figure": QColor("#d9480f"),
            "name": QColor("#1c5fd1"),
            "date": QColor("#2b8a3e"),
        },
        selected=QColor("#fff176"),
        current=QColor("#ffc400"),
        current_line=QColor("#c62828"),
        focus=QColor("#e8e8ec"),
    )


def mention_format(
    kind: str, linked: bool, colours: MentionColours, uncertain: bool = False
) -> QTextCharFormat:
    """Linked figures and names get a stronger background and an underline in their kind's
    colour; dates are never linked, and a dotted underline marks an inferred or uncertain one."""
    fmt = QTextCharFormat()
    if kind == "date":
        fmt.setBackground(QBrush(colours.linked["date"]))
        if uncertain:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(colours.underline["date"])
        return fmt
    table = colours.linked if linked else colours.unlinked
    fmt.setBackground(QBrush(table.get(kind, table["name"])))
    if linked:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(colours.underline.get(kind, colours.underline["name"]))
    return fmt
