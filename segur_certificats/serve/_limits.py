"""The server's limits: the largest body, the workers and their queue, the time
a request may take, the problems an answer lists, the time a connection may sit
idle (docs: serve.md#safety).

```pycon
>>> limits = Limits(max_size=1024, workers=2, queue=4, timeout=30)
>>> limits.capacity, limits.max_problems
(6, 1000)

```
"""

from __future__ import annotations

import os

import attrs

from segur_certificats._codec.files import MAX_SIZE

__all__ = [
    "DEFAULT_IDLE",
    "DEFAULT_MAX_PROBLEMS",
    "DEFAULT_TIMEOUT",
    "MIN_QUEUE",
    "Limits",
    "cores",
]

DEFAULT_TIMEOUT = 60.0
"""The longest a request may take by default, in seconds."""
DEFAULT_MAX_PROBLEMS = 1000
"""The most problems an answer lists by default (all are counted)."""
DEFAULT_IDLE = 5.0
"""The seconds a connection may take to send a request's head, or sit idle
between requests, by default."""


def cores() -> int:
    """The cores this process may run on: the size of the worker pool."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


MIN_QUEUE = 64
"""The fewest jobs the queue holds: fifty people, or programs, at once wait their turn."""


def _queue(limits: Limits) -> int:
    return max(MIN_QUEUE, 8 * limits.workers)


@attrs.frozen(kw_only=True)
class Limits:
    """How much the server takes on; the defaults suit a person's machine."""

    max_size: int = MAX_SIZE
    """The largest request body, in bytes (413 past it)."""
    workers: int = attrs.field(factory=cores)
    """The threads that run the blocking work (checking, reading sheets)."""
    queue: int = attrs.field(default=attrs.Factory(_queue, takes_self=True))
    """The jobs that may wait for a thread beyond those running (503 past it)."""
    timeout: float = DEFAULT_TIMEOUT
    """The longest a request may take, in seconds, its body's upload included (503 past it):
    its work stops then too."""
    max_problems: int = DEFAULT_MAX_PROBLEMS
    """The most problems a report lists; past them, problems are counted, not kept
    (docs: serve.md#bounded-answers)."""
    idle: float = DEFAULT_IDLE
    """The seconds a connection may take to send a request's head, or sit idle between
    requests, before it is closed."""

    @property
    def capacity(self) -> int:
        """The jobs running and waiting at most."""
        return self.workers + self.queue
