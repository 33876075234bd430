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
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from typing import Any, Generic, TypeGuard, TypeVar

from segur_certificats._codec.entity import read_entity
from segur_certificats._codec.order import ordered, with_warnings
from segur_certificats._codec.reading import Reading
from segur_certificats._problems.pointer import anchor_of
from segur_certificats._problems.problem import Problem, internal_error
from segur_certificats.model import EntiteJuridique, RequestContext
from segur_certificats.rules import check_dates, each_problem

__all__ = ["Entities", "Source"]

_R = TypeVar("_R")

Entities = list[tuple[str, EntiteJuridique | None]]
"""The legal entities read from a source: each one's pointer, and the entity
(``None`` where the value is not an object)."""

_READ = ("", None)


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

    def run(self, *, rules: bool = True) -> _R:
        """Read, judge (the business rules too, unless ``rules`` is false) and report.
        Never raises: a failure of this package is an ``internal-error`` problem."""
        try:
            return self._run(rules)
        except Exception as exc:  # the last guard of a promise; the fuzz tests hunt what hits it
            return self.failed(internal_error(exc))

    def _run(self, rules: bool) -> _R:
        reading = Reading(open_keys=self.open_keys)
        with reading.open():
            self.read_into(reading)
        entities = reading.entities
        problems = list(reading.problems)
        if rules:
            readable = list(filter(_is_read, entities))  # the same pairs, not copies
            aside = reading.aside
            if self.envelope and self.context is not None:
                problems += check_dates(self.context)
            problems += [
                problem
                for problem in each_problem(self.context, readable)
                if not aside or anchor_of(problem.path, aside) is None
            ]
        found = ordered(with_warnings(problems, reading.warnings), [h for h, _ in entities])
        del problems  # what `locate` replaces is then freed as it goes
        return self.report(tuple(self.locate(found)), entities, reading)
