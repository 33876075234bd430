"""Certificate blocks inside an editor's own document (docs: embedded.md,
architecture.md#layers).

`check` judges every legal entity of the document through the one pipeline
(`validate_embedded`; where they stand is `segur_certificats._codec.find`),
`replace` writes changed blocks back leaving every other byte as it was
(`replace_blocks`).
"""
