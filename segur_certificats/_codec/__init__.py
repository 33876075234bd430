"""The JSON codec: text in, values and the model out, and back (docs: architecture.md#layers).

`jsontext` reads JSON text without losing anything (duplicate keys, depth,
long numbers) and locates its faults; `reader` reads a parsed value into the
model in one pass, noting every structure problem and what normalisation
changes; `writer` writes the model as the exact JSON of the format; `spans`
and `splice` find where values stand in a text and write new ones in place;
`files` reads and writes files within bounds.
"""
