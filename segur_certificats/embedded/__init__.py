"""Certificate blocks inside an editor's own document (docs: embedded.md,
architecture.md#layers).

`find` says where the legal entities of any JSON document stand, `check`
judges them through the one pipeline (`validate_embedded`), `replace`
writes changed blocks back leaving every other byte as it was (`replace_blocks`).
"""
