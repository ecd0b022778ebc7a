"""xrefviewer.ui: the PySide6 viewer, the only package that imports Qt."""

import sys


def _keep_none_alive() -> None:
    # PySide6 (seen with 6.12 on CPython 3.11) drops one reference to None each time a Python
    # override of a Qt virtual, such as QAbstractItemModel.data(), returns None. A table with
    # tens of thousands of rows makes millions of such calls, None's count reaches zero and the
    # interpreter aborts ("none_dealloc"). CPython 3.12 made None immortal; on 3.11 we give it
    # a count no session can use up. ob_refcnt is the first field of every object.
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48


_keep_none_alive()
