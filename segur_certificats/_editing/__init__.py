"""Editing a request: the portal's modification screen as an API (docs: editing.md,
architecture.md#layers).

`session` holds the `EditSession` (rows added, modified and deleted, judged by
the one pipeline, applied on confirmation) and its screen; `changes` the
row-by-row difference of two requests.
"""
