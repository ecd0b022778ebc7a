"""xrefviewer.ui: the PySide6 viewer, the only package that imports Qt."""
