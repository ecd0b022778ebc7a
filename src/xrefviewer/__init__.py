"""xrefviewer: read a stack of documents and see what they say about each other."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("xrefviewer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
