"""What type checkers catch (docs: api.md#typing). mypy runs over this file in CI
with ``warn_unused_ignores``: each ``type: ignore`` below must stay an error, so
a typing regression (a constructor taking ``object``, ``evolve`` taking anything)
fails CI. At run time the same mistakes raise `InvalidArgument`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pytest

import segur_certificats as sc
from segur_certificats import model

if TYPE_CHECKING:
    from typing_extensions import assert_type


def _checked_by_mypy(session: sc.EditSession) -> None:  # never called: read by mypy
    admin = sc.AdministrateurTechnique(nom="STU")
    assert_type(admin.evolve(nom="VIE"), sc.AdministrateurTechnique)
    admin.evolve(non="VIE")  # type: ignore[call-arg]
    admin.evolve(nom=3)  # type: ignore[arg-type]
    entite = sc.EntiteJuridique(finess_juridique="330058066")
    sc.EntiteJuridique(finess_juridique=330058066)  # type: ignore[arg-type]
    entite.evolve(finess="330058066")  # type: ignore[call-arg]
    demande = sc.Demande(
        type_demande=sc.TypeDemande.AVANCE,
        couloir="MS1",
        date_depot=dt.date(2023, 10, 2),
        entites_juridiques=[entite],
    )
    demande.evolve(couloir=None)  # type: ignore[arg-type]
    session.modify("330058066", nom="VIE")
    session.modify("330058066", non="VIE")  # type: ignore[call-arg]
    session.modify("330058066", finess_juridique="750712184")  # type: ignore[call-arg]
    sc.validate_embedded(3)  # type: ignore[arg-type]


def test_the_changes_name_every_field() -> None:
    # The TypedDicts that type evolve() list exactly the fields of their class.
    pairs: list[tuple[type, type]] = [
        (sc.AdministrateurTechnique, model.AdministrateurChanges),
        (sc.EntiteJuridique, model.EntiteChanges),
        (sc.Demande, model.DemandeChanges),
    ]
    for cls, changes in pairs:
        assert list(changes.__annotations__) == [f.name for f in attrs.fields(cls)]


def test_at_run_time_the_same_mistakes_are_refused() -> None:
    admin = sc.AdministrateurTechnique(nom="STU")
    with pytest.raises(sc.InvalidArgument, match="non"):
        admin.evolve(non="VIE")  # type: ignore[call-arg]
    with pytest.raises(sc.InvalidArgument, match="finess_juridique"):
        sc.EntiteJuridique(finess_juridique=330058066)  # type: ignore[arg-type]
