"""The Qt binding must not leak or drain references when Qt calls our Python overrides.

PySide6 6.12.0 dropped one reference to None on every such call that returned None; a big
table made millions of them and the interpreter aborted. pyproject.toml pins the binding
below 6.12; this test catches any binding that brings the bug back.
"""

import sys

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

pytestmark = pytest.mark.gui


class _NoneModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's own default
        return 1

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_overrides_returning_none_keep_nones_reference_count(qapp):
    model = _NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        proxy.data(index)  # C++ calls the Python override of data()
    assert sys.getrefcount(None) - before > -100
