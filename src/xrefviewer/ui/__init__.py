"""xrefviewer.ui"""
