"""The screens' renderers: HTML and plain text made from plain rows of cells (docs:
architecture.md#layers).

Nothing here knows the format: the layers above build the rows — the consultation
screen from a `Demande`, a report's problems, an edit session's marks, a sheet's
cells — and hand them to `html` or `text`. Every text is escaped here, once.
"""
