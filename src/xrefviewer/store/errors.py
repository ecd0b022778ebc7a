"""The library's errors: what went wrong with the database or a request, in one readable line."""

from __future__ import annotations

from xrefviewer.errors import XrefError


class LibraryError(XrefError):
    """A library can't be opened, read or written: locked, damaged, read-only, unreachable."""

    exit_status = 1


class InvalidRequest(LibraryError):
    """The caller asked for something that can't be done (a bad argument, not a broken library)."""

    exit_status = 2


class NotFoundError(InvalidRequest):
    """An id the caller named is not in the library."""
