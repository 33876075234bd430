"""Problems: what is wrong, where, and how to say it (docs: problems.md, architecture.md#layers).

A `Problem` has a JSON Pointer, a stable code, a severity and a message in French or
English from the one catalogue; it may also say where its value came from (a line and
column of a text, or a cell of a sheet). The exceptions of the package share one
hierarchy (`errors`), and a wrong argument is an `InvalidArgument` naming it
(`arguments`). Nothing here knows the format's keys or rules.
"""
