"""The machinery under the public modules, in layers (docs: architecture.md#layers).

Nothing here is public: the package's names (``import segur_certificats as sc``)
and its public modules (`segur_certificats.model`, `.rules`, `.serialize`,
`.sheets`, `.schema`, `.strategies`, `.finess`, `.telephone`, `.serve`, `.cli`)
are the API; what is here may change in any release.
"""
