"""xrefviewer.store"""
