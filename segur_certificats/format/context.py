"""What a request is, for the request-level rules (docs: validating.md#request-rules).

Certificates can be ordered only in advance requests of corridors MS1 and MS2
(`eligible`), filed or modified on or after 2023-09-21 (`in_force`). A
`RequestContext` holds what is known of a request — all of it for a whole
request, only what the caller says for blocks inside an editor's own document.

```pycon
>>> import datetime as dt
>>> context = RequestContext(type_demande=TypeDemande.AVANCE, couloir="MS2",
...                          date_depot=dt.date(2023, 9, 20))
>>> context.eligible(), context.in_force(), RequestContext().eligible()
(True, False, None)

```
"""

from __future__ import annotations

import datetime as _dt

import attrs

from segur_certificats.format.codes import TypeDemande

__all__ = ["FEATURE_START", "MS_COULOIRS", "RequestContext"]

FEATURE_START = _dt.date(2023, 9, 21)
"""The feature exists for requests filed, or modified, from this day on (docs:
validating.md#feature-date)."""
MS_COULOIRS = frozenset({"MS1", "MS2"})
"""The corridors in which certificates can be ordered (docs: validating.md#eligible-requests)."""


@attrs.frozen(kw_only=True)
class RequestContext:
    """What the request-level rules need to know of a request; ``None`` is unknown.

    Built from a `Demande` with ``Demande.context``, or by hand for blocks found
    inside an editor's own document, where only what the caller says is known.
    """

    type_demande: TypeDemande | None = None
    """``typeDemande``, if known."""
    couloir: str | None = None
    """``couloir``, if known."""
    date_depot: _dt.date | None = None
    """``dateDepot``, if known."""
    date_modification: _dt.date | None = None
    """``dateModification``, if known (``None`` also when never modified)."""

    def eligible(self) -> bool | None:
        """Whether this is an advance of corridor MS1 or MS2 (docs:
        validating.md#eligible-requests); None if unknown."""
        if self.type_demande is None or self.couloir is None:
            return None
        return self.type_demande is TypeDemande.AVANCE and self.couloir in MS_COULOIRS

    def in_force(self) -> bool | None:
        """Whether it was filed, or last modified, on or after 2023-09-21 (docs:
        validating.md#feature-date); None if unknown."""
        if self.date_depot is None:
            return None
        modified = self.date_modification
        return self.date_depot >= FEATURE_START or (
            modified is not None and modified >= FEATURE_START
        )

    def feature_applies(self) -> bool:
        """Whether certificates can be ordered in this request: both request rules are
        known to hold (docs: validating.md#request-rules)."""
        return self.eligible() is True and self.in_force() is True
