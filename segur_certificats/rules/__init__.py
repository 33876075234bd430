"""The business rules: the field rules, the scenario table and the request rules
(docs: format.md#field-rules, scenarios.md, validating.md#request-rules,
architecture.md#layers).

`fields` judges one value of an administrator row (with bounded caches of its
verdicts), `scenarios` holds the guide's table and says when the card is
mandatory, `request` judges legal entities and the request as a whole. The
rules take the model; they never read JSON.
"""
