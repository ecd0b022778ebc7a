"""xrefviewer.export"""
