"""The one pipeline every input goes through (docs: architecture.md#pipeline).

A `Source` maps its input to JSON values at JSON Pointers — a request's
document, or the legal-entity objects it holds — and says where each value came
from. It never judges. `Source.run()` judges, the same way for every source:

1. the source's values are read by the converter
   (`segur_certificats.serialize.converter`) with a `Reading` open: structure
   problems noted, values in error set aside, ``normalised`` warnings;
2. the rules judge every entity that could be read
   (`segur_certificats.rules.each_problem`, one problem at a time), less what
   stands at or below a value set aside;
3. the problems are put in reading order, each ``normalised`` warning kept
   only where no error stands, and located by the source;
4. the source builds its report.

Should anything fail inside, the report holds one ``internal-error`` problem
instead: checking never raises (docs: problems.md#never-a-traceback). That
promise is kept here, once, for every source.

A run may be bounded (docs: serve.md#bounded-answers): ``max_problems`` keeps the
first problems found and counts the others without keeping them, so that memory
follows the bound, not the input; a `Budget` set around the run by its caller
(`within`) gives that bound and a deadline, checked as each entity is read and
judged and each problem noted — past it the run stops with `Expired`, the one
exception it lets through (docs: serve.md#safety).
"""

from __future__ import annotations

import abc
import contextlib
import contextvars
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, SupportsIndex, TypeGuard, TypeVar

import attrs

from segur_certificats._codec.entity import read_entity
from segur_certificats._codec.order import ordered, with_warnings
from segur_certificats._codec.reading import Reading
from segur_certificats._pipeline.report import Report, Tally
from segur_certificats._problems.pointer import anchor_of
from segur_certificats._problems.problem import Problem, internal_error
from segur_certificats.model import EntiteJuridique, RequestContext
from segur_certificats.rules import check_dates, each_problem

__all__ = ["Budget", "Entities", "Expired", "Source", "within"]

_R = TypeVar("_R")

Entities = list[tuple[str, EntiteJuridique | None]]
"""The legal entities read from a source: each one's pointer, and the entity
(``None`` where the value is not an object)."""

_READ = ("", None)


class Expired(BaseException):
    """The time of a run is up (`Budget.deadline`): raised where the run checks it,
    through every ``except Exception`` on its way, to whoever set the budget. A
    run without a deadline never raises it."""


@attrs.define(eq=False)
class Budget:
    """What a run may take: until ``deadline`` (on `time.monotonic`'s clock), and
    ``max_problems`` problems kept (docs: serve.md#safety). Set it around the run
    with `within`."""

    deadline: float | None = None
    max_problems: int | None = None

    def check(self) -> None:
        """`Expired` when the deadline has passed."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise Expired

    def expire(self) -> None:
        """End the run at its next check (a server stopping)."""
        self.deadline = -1.0


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextlib.contextmanager
def within(budget: Budget) -> Iterator[Budget]:
    """Every run inside the block (in this thread) takes ``budget``."""
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _unchecked() -> None:
    return None


def _reading_order(reading: Reading) -> Callable[[list[Problem]], None]:
    """Sorts problems in reading order as far as ``reading`` has gone: by the entities
    read, then those under way (below ``Reading.here``), as `ordered` will. The
    entities' positions are indexed as they come, once."""
    index: dict[str, int] = {}
    seen = 0

    def order(problems: list[Problem]) -> None:
        nonlocal seen
        entities = reading.entities
        for position in range(seen, len(entities)):
            index.setdefault(entities[position][0], position)
        seen = len(entities)
        used: dict[str, int] = {}
        pending: dict[str, None] = {}
        prefix = reading.here + "/" if reading.here else None
        for problem in problems:
            path = problem.path
            anchor = anchor_of(path, index)
            if anchor is not None:
                used[anchor] = index[anchor]
            elif prefix is not None and path.startswith(prefix):
                pending[prefix + path[len(prefix) :].partition("/")[0]] = None
        anchors = sorted(used, key=used.__getitem__)
        anchors += sorted(pending, key=lambda anchor: (len(anchor), anchor))
        ordered(problems, anchors)

    return order


class _Kept(list[Problem]):
    """The problems of a run as they are noted, with a deadline checked at each: the
    first ``bound`` in reading order kept (``order`` sorts them so), the others
    counted and let go as more come — but the first error, kept to say the
    reading failed."""

    def __init__(
        self, bound: int, check: Callable[[], None], order: Callable[[list[Problem]], None]
    ) -> None:
        super().__init__()
        self.bound = bound
        self.check = check
        self.order = order
        self.errors = 0
        self.warnings = 0

    def continued(self) -> _Kept:
        """A collector holding what this one holds and counted, to go on noting in."""
        other = _Kept(self.bound, self.check, self.order)
        list.extend(other, self)
        other.errors, other.warnings = self.errors, self.warnings
        return other

    def append(self, problem: Problem) -> None:
        self.check()
        if problem.is_error:
            self.errors += 1
        else:
            self.warnings += 1
        super().append(problem)
        if len(self) >= 2 * self.bound + 2:
            self._compact()

    def _compact(self) -> None:
        """Keep the first ``bound`` in reading order (and an error, if any was)."""
        self.order(self)
        error = next((p for p in self if p.is_error), None)
        del self[self.bound :]
        if error is not None and not any(p.is_error for p in self):
            super().append(error)

    def finish(self, bound: int) -> Tally:
        """Keep the first ``bound`` (the list is in reading order); what was counted."""
        total = self.errors + self.warnings
        del self[bound:]
        return Tally(self.errors, self.warnings, truncated=len(self) < total)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> _Kept:  # type: ignore[override,misc]
        self.extend(problems)
        return self

    def insert(self, index: SupportsIndex, problem: Problem) -> None:
        self.append(problem)  # pragma: no cover - the pipeline only appends

    def __bool__(self) -> bool:
        return bool(self.errors or self.warnings)


class _Checked(list[tuple[str, EntiteJuridique | None]]):
    """The entities of a run as they are read, with a deadline checked at each."""

    def __init__(self, check: Callable[[], None]) -> None:
        super().__init__()
        self.check = check

    def append(self, pair: tuple[str, EntiteJuridique | None]) -> None:
        self.check()
        super().append(pair)


def _judged(
    entities: list[tuple[str, EntiteJuridique]], check: Callable[[], None]
) -> Iterator[tuple[str, EntiteJuridique]]:
    for pair in entities:
        check()
        yield pair


def _is_read(pair: tuple[str, EntiteJuridique | None]) -> TypeGuard[tuple[str, EntiteJuridique]]:
    """Whether the entity at this pointer could be read (the rules judge it)."""
    return pair[1] is not None


class Source(abc.ABC, Generic[_R]):
    """Where the values to judge come from, and what report they make."""

    context: RequestContext | None = None
    """What the request-level rules know of the request (``None``: nothing)."""
    open_keys: bool = False
    """The entity objects are an editor's own: keys of its own are allowed
    (docs: embedded.md)."""
    envelope: bool = False
    """The source is a request's envelope: the rules of its own keys apply there
    (`segur_certificats.rules.check_dates`)."""

    def values(self, reading: Reading) -> Sequence[tuple[str, Any]]:
        """The legal-entity objects to read, each with its JSON Pointer. What reading
        the source finds wrong (a syntax error, a damaged cell) is noted in
        ``reading``; a value the source loses is set aside there. The pipeline
        takes the list over: it lets go of each value once read, so a source
        returns a list of its own making, never one it keeps."""
        return []

    def read_into(self, reading: Reading) -> None:
        """Read the source's values into ``reading`` (open): by default each legal-entity
        object of `values` at its pointer, by the converter's hook for a legal entity
        (`read_entity`, called once an entity without the converter's dispatch)."""
        values = self.values(reading)
        if type(values) is not list:
            values = list(values)
        entities = reading.entities
        for index, (here, value) in enumerate(values):
            # Let go of each value once read: the parsed document is freed as the
            # entities are made, not held whole beside them.
            values[index] = _READ
            entities.append((here, read_entity(value, here, reading)))

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """The problems, each with where its value came from (by default: unchanged).
        A source replaces them in ``problems`` itself and returns it, so that a
        report of many problems never holds two copies of them."""
        return problems

    @abc.abstractmethod
    def report(self, problems: tuple[Problem, ...], entities: Entities, reading: Reading) -> _R:
        """The source's report of these problems (ordered and located)."""

    @abc.abstractmethod
    def failed(self, problem: Problem) -> _R:
        """The report of a source the package failed on: ``problem`` is its
        ``internal-error``. It must not fail itself."""

    def run(self, *, rules: bool = True, max_problems: int | None = None) -> _R:
        """Read, judge (the business rules too, unless ``rules`` is false) and report:
        at most ``max_problems`` problems, the first found, when given (or when the
        `Budget` the run is `within` gives it), with every problem counted in the
        report's `Report.tally`. Never raises — a failure of this package is an
        ``internal-error`` problem —, but `Expired` past the budget's deadline."""
        budget = _BUDGET.get()
        if max_problems is None and budget is not None:
            max_problems = budget.max_problems
        try:
            return self._run(rules, max_problems, budget)
        except Exception as exc:  # the last guard of a promise; the fuzz tests hunt what hits it
            failed = self.failed(internal_error(exc))
        if max_problems is not None and isinstance(failed, Report):
            errors = len(failed.errors)
            tally = Tally(errors, len(failed.problems) - errors)
            return attrs.evolve(failed, tally=tally)
        return failed

    def _run(self, rules: bool, max_problems: int | None, budget: Budget | None) -> _R:
        reading = Reading(open_keys=self.open_keys)
        timed = budget is not None and budget.deadline is not None
        check = budget.check if budget is not None and timed else _unchecked
        kept: _Kept | None = None
        if max_problems is not None or timed:
            bound = sys.maxsize // 4 if max_problems is None else max(0, max_problems)
            kept = _Kept(bound, check, _reading_order(reading))
            reading.problems = kept
            reading.entities = _Checked(check)
        with reading.open():
            self.read_into(reading)
        entities = reading.entities
        problems = list(reading.problems) if kept is None else kept.continued()
        if rules:
            readable = list(filter(_is_read, entities))  # the same pairs, not copies
            aside = reading.aside
            if self.envelope and self.context is not None:
                problems += check_dates(self.context)
            problems.extend(
                problem
                for problem in each_problem(
                    self.context, _judged(readable, check) if timed else readable
                )
                if not aside or anchor_of(problem.path, aside) is None
            )
        found = ordered(with_warnings(problems, reading.warnings), [h for h, _ in entities])
        tally = None
        if isinstance(found, _Kept) and max_problems is not None:
            tally = found.finish(max_problems)
        del problems  # what `locate` replaces is then freed as it goes
        result = self.report(tuple(self.locate(found)), entities, reading)
        if tally is not None and isinstance(result, Report):
            return attrs.evolve(result, tally=tally)
        return result
