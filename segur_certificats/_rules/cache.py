"""The rules' caches of verdicts: bounded, thread-safe, and emptied at once (docs:
validating.md#cache).

The field rules are pure functions of their value, and an administrator row's
problems a pure function of the row: one process never judges the same phone
number, e-mail address, name, FINESS juridique or row twice. Each cache keeps at
most `CACHE_SIZE` verdicts, the least recently used going first.

```pycon
>>> clear_cache(); cached()
0

```
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["CACHE_SIZE", "cached", "clear_cache", "verdicts"]

CACHE_SIZE = 4096
"""How many verdicts each cache keeps in one process; the least recently used go
first, so that nothing is kept beyond this bound."""

_F = TypeVar("_F", bound=Callable[..., Any])
_CACHES: list[Any] = []


def verdicts(function: _F) -> _F:
    """``function``'s verdicts kept in a bounded cache that `clear_cache` empties."""
    kept = functools.lru_cache(maxsize=CACHE_SIZE)(function)
    _CACHES.append(kept)
    return kept  # type: ignore[return-value]


def cached() -> int:
    """How many verdicts the rules keep now, all caches together."""
    return sum(cache.cache_info().currsize for cache in _CACHES)


def clear_cache() -> None:
    """Forget every cached verdict (the values checked so far included)."""
    for cache in _CACHES:
        cache.cache_clear()
