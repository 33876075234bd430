"""The format's vocabulary: the JSON keys, the screens' labels and the schema's
descriptions, the codes, the model and what a request is (docs: format.md,
architecture.md#layers).

Every JSON key is spelt in `keys` and nowhere else; `labels` says what the
portal calls each key and code; `codes` holds the enums, `model` the request,
its legal entities and administrator rows (immutable attrs classes), `context`
what the request-level rules need to know of a request, and `text` the one
normalisation of free text.
"""
