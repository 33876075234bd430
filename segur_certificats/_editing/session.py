"""The portal's modification screen as an API (docs: editing.md#rules).

An `EditSession` works over an immutable request: rows are added,
modified and deleted in the session, and nothing reaches the request until
`confirm()`, which returns a new request; `cancel()`
drops every pending change.

```pycon
>>> import segur_certificats as sc
>>> demande = sc.loads(open("examples/ms2-editeur-carte-obligatoire.json").read())
>>> session = sc.edit(demande)
>>> session.modify("330058066", nom="VIE", telephone="0613434174")
>>> [(f.field, f.old, f.new) for f in session.changes.modified[0].fields]
[('nom', 'STU', 'VIE'), ('telephone', '0603334174', '0613434174')]
>>> session.modify("330058066", nom="VIE 2")
Traceback (most recent call last):
    ...
segur_certificats.InvalidRow: 1 problème(s):
  /certificatServeur/nomAdminTechnique: [nom.format] Nom "VIE 2" non accepté : ...
>>> nouvelle = session.confirm()
>>> nouvelle.commandes[0].administrateur.nom, demande.commandes[0].administrateur.nom
('VIE', 'STU')

```
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from segur_certificats import finess
from segur_certificats._codec.reading import Reading
from segur_certificats._editing.changes import Changes, diff
from segur_certificats._pipeline.source import Entities, Source
from segur_certificats._pipeline.validate import validate
from segur_certificats._problems.arguments import evolved, of_type
from segur_certificats._problems.errors import EditRefused, InvalidDocument, InvalidRow
from segur_certificats._problems.problem import Problem
from segur_certificats._view import html as _html
from segur_certificats._vocabulary.keys import ADMIN_PATHS
from segur_certificats._vocabulary.labels import CAPTION, COLUMNS
from segur_certificats.model import (
    AdministrateurChanges,
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    row_cells,
)
from segur_certificats.rules import modification_day, modification_refused
from segur_certificats.serialize import converter

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11; mypy ships it

__all__ = ["EditSession", "edit"]


def _same(a: str | None, b: str) -> bool:
    return a is not None and finess.compact(a) == finess.compact(b)


class EditSession:
    """Pending changes to the administrators block of one request.

    Opening a session is refused (`EditRefused`) when the request's status is
    known and is not "A modifier" (docs: editing.md#read-only), or when the
    gestionnaire has validated the administrators block (docs:
    editing.md#validated-block): `segur_certificats.rules.modification_refused`.
    A request with no status is one being built. Rows are named by their FINESS
    juridique.
    """

    def __init__(self, demande: Demande) -> None:
        of_type("demande", demande, Demande)
        refused = modification_refused(demande)  # the rule every path applies
        if refused is not None:
            raise EditRefused(refused.code, **refused.params)
        self._original = demande
        self._entites = demande.entites_juridiques
        self._closed = False

    # -- what the session holds --------------------------------------------------

    @property
    def original(self) -> Demande:
        """The request as it was opened; never changed by the session."""
        return self._original

    @property
    def preview(self) -> Demande:
        """The request as it would be if the pending changes were confirmed."""
        return attrs.evolve(self._original, entites_juridiques=self._entites)

    @property
    def rows(self) -> tuple[EntiteJuridique, ...]:
        """The rows of the table, pending changes included."""
        return tuple(e for e in self._entites if e.administrateur is not None)

    @property
    def changes(self) -> Changes:
        """The pending changes: rows added, deleted, and modified field by field."""
        return diff(self._original, self.preview)

    def row(self, finess_juridique: str) -> AdministrateurTechnique:
        """The administrator row of a FINESS juridique (pending changes included)."""
        return self._row_at(self._index(finess_juridique, row=True))

    def __repr__(self) -> str:
        changes = self.changes
        state = "confirmée" if self._closed else "en cours"
        return (
            f"<EditSession {self._original.numero_demande or ''} {state}: "
            f"{len(changes.added)} ajout(s), {len(changes.deleted)} suppression(s), "
            f"{len(changes.modified)} modification(s)>"
        )

    def _repr_html_(self) -> str:
        """The modification screen, for Jupyter: added rows and modified fields in green
        and marked, deleted rows struck through, until confirmation (docs:
        editing.md#marks)."""
        return _screen(self)

    # -- the portal's actions -------------------------------------------------------

    def draft(self, finess_juridique: str) -> AdministrateurTechnique:
        """The empty row of the "add" pop-in, every field null, after checking that a
        row may be added for this FINESS juridique."""
        self._index(finess_juridique, row=False)
        return AdministrateurTechnique()

    def check_row(
        self, finess_juridique: str, administrateur: AdministrateurTechnique
    ) -> list[Problem]:
        """The problems a row would have, paths relative to its entity (docs:
        format.md#field-rules, scenarios.md)."""
        of_type("finess_juridique", finess_juridique, str)
        of_type("administrateur", administrateur, AdministrateurTechnique)
        entite = EntiteJuridique(finess_juridique=finess_juridique, administrateur=administrateur)
        return list(_Row(entite).run())

    def add(self, finess_juridique: str, administrateur: AdministrateurTechnique) -> None:
        """Add a row (docs: editing.md#rows): refused for a FINESS juridique that is not a legal
        entity of the request or already has a row; saved only when it has no error."""
        of_type("administrateur", administrateur, AdministrateurTechnique)
        index = self._index(finess_juridique, row=False)
        self._save(index, administrateur)

    def modify(self, finess_juridique: str, /, **changes: Unpack[AdministrateurChanges]) -> None:
        """Change fields of a row (any field of `AdministrateurTechnique`);
        its FINESS juridique is fixed. Saved only when the row has no error."""
        if "finess_juridique" in changes:
            raise EditRefused("edit.finess-fixed", finess=finess_juridique)
        index = self._index(finess_juridique, row=True)
        self._save(index, evolved(self._row_at(index), changes))

    def delete(self, finess_juridique: str) -> None:
        """Delete a row: its entity's ``demandeCertificatServeur`` becomes false."""
        index = self._index(finess_juridique, row=True)
        self._replace(index, None)

    def confirm(self, *, date_modification: _dt.date | None = None) -> Demande:
        """Apply the pending changes: the new request, dated and re-validated as a whole.

        A modification dates the request (docs: editing.md#dated): its
        ``dateModification`` becomes ``date_modification``, today unless given —
        so a request filed before 2023-09-21 takes orders once modified. With no
        pending change nothing is modified: the request is the original, undated.
        Raises `InvalidDocument` (and applies nothing) if the new request has
        errors; the session is closed once confirmed.
        """
        self._check_open()
        day = modification_day(date_modification)
        dated = evolved(self.preview, {"date_modification": day})  # the day's type checked
        modified = self._entites != self._original.entites_juridiques
        demande = dated if modified else self._original
        report = validate(demande)
        if not report.ok:
            raise InvalidDocument(report.problems)
        self._closed = True
        return demande

    def cancel(self) -> Demande:
        """Drop every pending change and return the original request (docs:
        editing.md#confirm-or-cancel)."""
        self._check_open()
        self._entites = self._original.entites_juridiques
        return self._original

    # -- inside ---------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise EditRefused("edit.closed")

    def _index(self, number: str, *, row: bool) -> int:
        """The entity of ``number`` that has a row (``row``) or may get one."""
        self._check_open()
        of_type("finess_juridique", number, str)
        indexes = [i for i, e in enumerate(self._entites) if _same(e.finess_juridique, number)]
        if not indexes:
            raise EditRefused("edit.unknown-finess", finess=number)
        ordering = [i for i in indexes if self._entites[i].administrateur is not None]
        if row and not ordering:
            raise EditRefused("edit.no-row", finess=number)
        if not row and ordering:
            raise EditRefused("edit.row-exists", finess=number)
        return ordering[0] if row else indexes[0]

    def _row_at(self, index: int) -> AdministrateurTechnique:
        admin = self._entites[index].administrateur
        if admin is None:  # pragma: no cover - _index(row=True) only gives rows
            raise EditRefused("edit.no-row", finess=self._entites[index].finess_juridique or "")
        return admin

    def _save(self, index: int, administrateur: AdministrateurTechnique) -> None:
        entite = self._entites[index]
        problems = self.check_row(entite.finess_juridique or "", administrateur)
        errors = [p for p in problems if p.is_error]
        if errors:
            raise InvalidRow(errors)
        self._replace(index, administrateur)

    def _replace(self, index: int, administrateur: AdministrateurTechnique | None) -> None:
        entites = list(self._entites)
        entites[index] = attrs.evolve(entites[index], administrateur=administrateur)
        self._entites = tuple(entites)


def edit(demande: Demande) -> EditSession:
    """Open the modification screen on a request (see `EditSession`)."""
    return EditSession(demande)


class _Row(Source[tuple[Problem, ...]]):
    """One administrator row of the modification screen, judged as the legal entity
    it would make (paths relative to it)."""

    def __init__(self, entite: EntiteJuridique) -> None:
        self.entite = entite

    def values(self, reading: Reading) -> Sequence[tuple[str, Any]]:
        return [("", converter.unstructure(self.entite))]

    def report(
        self, problems: tuple[Problem, ...], entities: Entities, reading: Reading
    ) -> tuple[Problem, ...]:
        return problems

    def failed(self, problem: Problem) -> tuple[Problem, ...]:
        return (problem,)


# -- the modification screen ---------------------------------------------------------------

_FIELDS = tuple(ADMIN_PATHS)
_MARKS = {"added": "✚ ajoutée", "modified": "✎ modifiée", "deleted": "✖ supprimée"}


def _screen(session: EditSession) -> str:
    changes = session.changes
    added = {e.finess_juridique for e in changes.added}
    deleted = {e.finess_juridique for e in changes.deleted}
    modified = {r.finess_juridique: {f.field for f in r.fields} for r in changes.modified}
    original = {e.finess_juridique: e for e in session.original.commandes}
    rows: list[_html.Row] = []
    for entite in session.preview.entites_juridiques:
        number = entite.finess_juridique
        data = {"finess": number or ""}
        if entite.administrateur is not None:
            state = "added" if number in added else "modified" if number in modified else ""
            before = row_cells(original[number]) if state == "modified" else []
            changed = modified.get(number, set())
            cells = [
                _cell(state, field, value, before[column] if field in changed else None)
                for column, (field, value) in enumerate(
                    zip(("", *_FIELDS), row_cells(entite), strict=True)
                )
            ]
            cells.append(_html.Cell(_MARKS.get(state, "")))
            rows.append(_html.Row(cells, css_class=f"sc-{state or 'unchanged'}", data=data))
        elif number in deleted:
            cells = [
                _html.Cell(value, tag="del", tone="muted") for value in row_cells(original[number])
            ]
            cells.append(_html.Cell(_MARKS["deleted"]))
            rows.append(_html.Row(cells, css_class="sc-deleted", data=data))
    caption = CAPTION + " — modification en cours"
    return _html.div(
        "sc-session",
        _html.definitions(session.preview.header(), "sc-demande-info"),
        _html.table(caption, (*COLUMNS, "Modification"), rows, "sc-session"),
    )


def _cell(state: str, field: str, value: str, before: str | None) -> _html.Cell:
    """A cell of the modification screen: an added row's in green; a modified field
    (``before`` its old value) in green and marked ✎, the old value in its title
    and label."""
    if state == "added":
        return _html.Cell(value, tag="ins", tone="added")
    if before is None:
        return _html.Cell(value)
    return _html.Cell(
        value,
        tag="ins",
        tag_title="avant : " + before,
        after=" ✎",
        tone="added",
        css_class="sc-changed",
        label=f"{value} (modifié, avant : {before})",
        data={"field": field},
    )
