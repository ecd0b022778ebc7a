"""Notes and links out of the library: Markdown, HTML, CSV and JSON, and JSON back in.

`collect` reads the library into an `ExportBundle`; `render` formats a bundle; `export_text`
does both (the viewer's preview); `write_export` writes atomically; `import_notes` brings a
JSON export back into a library.
"""
