"""Rows of legal-entity values written into a request: the request they go into
(`target`) and the judging of rows (`source`), for any source of rows (docs:
sheets.md#reading)."""
