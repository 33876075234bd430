"""The blocking work — checking, reading and writing sheets — run in a pool of
threads sized to the cores, with a bounded queue (docs: serve.md#safety).

A job beyond the threads and the queue is refused at once (503 with
``Retry-After``) rather than waited for. A job given up (the request's time
limit, its client gone) that has not started never starts; one that has holds
its place until it ends, so the bound stays true — and it ends at its deadline:
the work checks it as it reads and judges (`segur_certificats._pipeline.source.Budget`),
stops, and the job answers 503, its thread free again. A pool closing ends the
jobs it runs at their next check.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from segur_certificats._pipeline.source import Budget, Expired, within
from segur_certificats.serve._limits import Limits
from segur_certificats.serve._refusals import Refusal

__all__ = ["RETRY_AFTER", "Pool"]

T = TypeVar("T")

RETRY_AFTER = 1
"""The seconds a refused client is told to wait."""


class Pool:
    """Threads for the blocking work, and the count of the jobs they hold."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._executor = ThreadPoolExecutor(
            max_workers=limits.workers, thread_name_prefix="segur-serve"
        )
        self._lock = threading.Lock()
        self._held = 0
        self._running: set[Budget] = set()
        self._closed = False

    @property
    def held(self) -> int:
        """The jobs running or waiting now."""
        return self._held

    def _release(self, _future: Future[Any]) -> None:
        with self._lock:
            self._held -= 1

    def _job(self, function: Callable[[], T], budget: Budget) -> Callable[[], T]:
        """``function`` run within ``budget``: past its deadline, `Refusal` 503."""

        def job() -> T:
            with self._lock:
                if self._closed:
                    budget.expire()
                self._running.add(budget)
            try:
                with within(budget):
                    return function()
            except Expired:
                seconds = f"{self.limits.timeout:g}"
                headers = {"Retry-After": str(RETRY_AFTER)}
                raise Refusal(503, "serve.timeout", headers=headers, seconds=seconds) from None
            finally:
                with self._lock:
                    self._running.discard(budget)

        return job

    async def run(self, function: Callable[[], T], deadline: float | None = None) -> T:
        """``function()`` in a thread, its work bounded by the limits (the problems a
        report keeps) and stopped at ``deadline`` (`time.monotonic`'s clock);
        `Refusal` 503 when the pool and its queue are full, or past the deadline."""
        with self._lock:
            if self._held >= self.limits.capacity:
                raise Refusal(
                    503,
                    "serve.busy",
                    headers={"Retry-After": str(RETRY_AFTER)},
                    queue=self.limits.queue,
                    retry=RETRY_AFTER,
                )
            self._held += 1
        try:
            budget = Budget(deadline=deadline, max_problems=self.limits.max_problems)
            future = self._executor.submit(self._job(function, budget))
        except BaseException:
            with self._lock:
                self._held -= 1
            raise
        future.add_done_callback(self._release)
        # Cancelling the wait (the time limit) cancels the job if it has not started.
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """Stop the threads: the jobs they run end at their next check, the waiting
        ones never start."""
        with self._lock:
            self._closed = True
            for budget in self._running:
                budget.expire()
        self._executor.shutdown(wait=False, cancel_futures=True)
