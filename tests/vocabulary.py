"""The format's keys as tests name them: attribute → JSON name, one table per JSON
object, derived from the package's one record per key."""

from __future__ import annotations

from segur_certificats._vocabulary.keys import (
    CERTIFICAT_KEYS,
    ENTITY_KEYS,
    ENVELOPE_KEYS,
)

ENVELOPPE = {key.attribute: key.json for key in ENVELOPE_KEYS}
"""The request envelope's keys."""
ENTITE = {key.attribute: key.json for key in ENTITY_KEYS}
"""A legal entity's keys: ``finessJuridique`` then the block's."""
CERTIFICAT = {key.attribute: key.json for key in CERTIFICAT_KEYS}
"""The keys of ``certificatServeur``."""
