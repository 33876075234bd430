"""The pipeline: every input read, judged and reported by the same code (docs:
architecture.md#pipeline).

A source — a request's JSON text or bytes, a parsed mapping, a request built in
Python, an editor's own document, a filled sheet, an edit session's row —
only says which JSON values it holds, at which JSON Pointers, and where each
came from (a line and column, a cell). `judge.Source.run()` does the rest, the
same way for all: the converter (`segur_certificats.serialize`), the rules
(`segur_certificats.rules`), the problems in reading order, each located, and
the promise that checking never raises, kept once.
"""
