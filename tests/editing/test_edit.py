"""The modification screen as an API (docs: editing.md#rules)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import AdministrateurTechnique as Admin
from segur_certificats import EditRefused, InvalidRow, StatutAdminTechnique, UtiliteCertificat
from segur_certificats.rules import FEATURE_START, check_entite
from segur_certificats.strategies import administrateurs, demandes

from ..conftest import ROOT

PLUSIEURS = sc.loads((ROOT / "examples" / "ms1-plusieurs-entites.json").read_text(encoding="utf-8"))
NO_ROW = "750712184"  # the entity of that example that orders nothing
WITH_ROW = "690781810"

FULL = Admin(
    contractualisation_og=False,
    statut=StatutAdminTechnique.STRUCTURE,
    contractualisation_editeur=False,
    nom="Marie-Hélène",
    telephone="0692 12 34 56",
    email="mh@structure.re",
    utilite=UtiliteCertificat.DMP_INS,
)


def refusal(call, *args, **kwargs):
    with pytest.raises(EditRefused) as caught:
        call(*args, **kwargs)
    return caught.value.code


# -- opening (docs: editing.md#read-only, editing.md#validated-block) ------------------------------


@pytest.mark.parametrize("statut", ["En cours", "a modifier", "Validée", "A modifier."])
def test_only_requests_to_be_modified_can_be_edited(statut):
    assert refusal(sc.edit, PLUSIEURS.evolve(statut=statut)) == "edit.read-only"


def test_a_request_being_built_has_no_status_and_can_be_edited():
    # docs: editing.md#who-may-change: no status is a request being built, not a read-only one.
    session = sc.edit(PLUSIEURS.evolve(statut=None))
    session.add(NO_ROW, FULL)
    assert session.confirm().statut is None


def test_a_validated_administrators_block_is_read_only():
    code = refusal(sc.edit, PLUSIEURS.evolve(bloc_administrateurs_valide=True))
    assert code == "edit.validated"


def test_refusals_say_why_in_both_languages():
    with pytest.raises(EditRefused) as caught:
        sc.edit(PLUSIEURS.evolve(statut="En cours"))
    assert "A modifier" in str(caught.value)
    assert "read-only" in caught.value.message("en").lower()


# -- add (docs: editing.md#rows) -------------------------------------------------------------------


def test_add_starts_from_an_all_empty_draft_and_saves_only_a_valid_row():
    session = sc.edit(PLUSIEURS)
    draft = session.draft(NO_ROW)
    assert draft == Admin()
    with pytest.raises(InvalidRow) as caught:
        session.add(NO_ROW, draft)
    assert ("/StatutAdminTechnique", "required") in [
        (p.path, p.code) for p in caught.value.problems
    ]
    assert not session.changes
    draft = draft.evolve(contractualisation_og=False, statut=StatutAdminTechnique.STRUCTURE)
    draft = draft.evolve(contractualisation_editeur=False, nom="Marie-Hélène")
    assert [p.path for p in session.check_row(NO_ROW, draft)] == [
        "/certificatServeur/telAdminTechnique",
        "/certificatServeur/emailAdminTechnique",
        "/certificatServeur/utiliteCertificat",
    ]
    session.add(NO_ROW, FULL)
    assert [e.finess_juridique for e in session.changes.added] == [NO_ROW]
    assert session.row(NO_ROW) == FULL
    assert PLUSIEURS.entites_juridiques[0].administrateur is None  # untouched


def test_add_is_refused_outside_the_request_or_where_a_row_exists():
    session = sc.edit(PLUSIEURS)
    assert refusal(session.add, "330058066", FULL) == "edit.unknown-finess"
    assert refusal(session.add, WITH_ROW, FULL) == "edit.row-exists"
    assert refusal(session.draft, WITH_ROW) == "edit.row-exists"
    assert not session.changes


def test_the_finess_may_be_typed_in_its_display_form():
    session = sc.edit(PLUSIEURS)
    session.add("75 071 218 4", FULL)
    assert session.row(NO_ROW) == FULL


# -- modify --------------------------------------------------------------------------------


def test_modify_lists_each_changed_field_with_old_and_new_values():
    session = sc.edit(PLUSIEURS)
    before = session.row(WITH_ROW)
    session.modify(WITH_ROW, nom="N'DIAYE-SOW", utilite=UtiliteCertificat.DMP)
    (row,) = session.changes.modified
    assert row.finess_juridique == WITH_ROW
    assert [(f.field, f.path, f.old, f.new) for f in row.fields] == [
        ("nom", "/certificatServeur/nomAdminTechnique", before.nom, "N'DIAYE-SOW"),
        ("utilite", "/certificatServeur/utiliteCertificat", before.utilite, UtiliteCertificat.DMP),
    ]


def test_modifying_back_to_the_original_value_is_no_change():
    session = sc.edit(PLUSIEURS)
    nom = session.row(WITH_ROW).nom
    session.modify(WITH_ROW, nom="AUTRE")
    session.modify(WITH_ROW, nom=nom)
    assert not session.changes


def test_the_finess_of_a_row_is_fixed():
    session = sc.edit(PLUSIEURS)
    assert refusal(session.modify, WITH_ROW, finess_juridique=NO_ROW) == "edit.finess-fixed"


def test_a_modification_with_an_error_is_not_saved():
    session = sc.edit(PLUSIEURS)
    with pytest.raises(InvalidRow) as caught:
        session.modify(WITH_ROW, telephone="0123", email="x")
    assert [p.code for p in caught.value.problems] == ["tel.invalid", "email.invalid"]
    assert not session.changes


def test_a_modification_that_makes_the_card_mandatory_needs_the_card():
    session = sc.edit(PLUSIEURS)  # row of WITH_ROW: OG false, E, editor false, no card
    with pytest.raises(InvalidRow) as caught:
        session.modify(WITH_ROW, contractualisation_editeur=True)
    assert [p.code for p in caught.value.problems] == ["cpx.required"]
    session.modify(WITH_ROW, contractualisation_editeur=True, numero_carte_cpx="8001234567")


def test_modify_and_delete_need_a_row():
    session = sc.edit(PLUSIEURS)
    assert refusal(session.modify, NO_ROW, nom="X") == "edit.no-row"
    assert refusal(session.delete, NO_ROW) == "edit.no-row"
    assert refusal(session.delete, "330058066") == "edit.unknown-finess"


# -- delete, confirm, cancel (docs: editing.md#rows, editing.md#confirm-or-cancel) -----------------


def test_delete_turns_the_order_off_until_confirmed():
    session = sc.edit(PLUSIEURS)
    session.delete(WITH_ROW)
    assert [e.finess_juridique for e in session.changes.deleted] == [WITH_ROW]
    assert WITH_ROW not in [e.finess_juridique for e in session.rows]
    confirmed = session.confirm()
    entity = next(e for e in confirmed.entites_juridiques if e.finess_juridique == WITH_ROW)
    assert not entity.demande_certificat_serveur
    assert WITH_ROW in [e.finess_juridique for e in PLUSIEURS.commandes]


def test_confirm_returns_a_new_request_and_closes_the_session():
    session = sc.edit(PLUSIEURS)
    session.add(NO_ROW, FULL)
    pending = session.changes
    confirmed = session.confirm()
    assert confirmed != PLUSIEURS
    assert sc.diff(PLUSIEURS, confirmed) == pending
    assert sc.validate(confirmed).ok
    assert refusal(session.add, NO_ROW, FULL) == "edit.closed"
    assert refusal(session.confirm) == "edit.closed"


def test_cancel_drops_every_pending_change():
    session = sc.edit(PLUSIEURS)
    session.add(NO_ROW, FULL)
    session.delete(WITH_ROW)
    assert session.cancel() is PLUSIEURS
    assert not session.changes
    assert session.preview == PLUSIEURS


def test_confirm_revalidates_the_whole_request_at_the_modification_date():
    old = PLUSIEURS.evolve(date_depot=dt.date(2023, 5, 2), date_modification=None)
    session = sc.edit(old)
    session.add(NO_ROW, FULL)
    with pytest.raises(sc.InvalidDocument) as caught:
        session.confirm(date_modification=dt.date(2023, 9, 20))  # back-dated before the feature
    assert {(p.code, p.variant) for p in caught.value.problems} == {
        ("demande.before-feature", "modified")
    }
    assert "20/09/2023" in caught.value.problems[0].message()
    with pytest.raises(sc.InvalidDocument) as caught:
        session.confirm(date_modification=dt.date(2023, 5, 1))  # before the filing date
    assert {
        p.path for p in caught.value.problems if p.code == "demande.modified-before-filing"
    } == {"/dateModification"}
    assert session.changes  # nothing applied, still pending
    confirmed = session.confirm(date_modification=dt.date(2023, 10, 16))
    assert confirmed.date_modification == dt.date(2023, 10, 16)


def test_a_modification_dates_the_request_today_by_default():
    # docs: editing.md#dated
    session = sc.edit(PLUSIEURS)
    session.delete(WITH_ROW)
    before = dt.date.today()
    confirmed = session.confirm()
    assert confirmed.date_modification is not None
    assert before <= confirmed.date_modification <= dt.date.today()
    assert PLUSIEURS.date_modification != confirmed.date_modification


# -- properties ----------------------------------------------------------------------------

_admin_or_broken = administrateurs() | administrateurs().map(lambda a: a.evolve(nom="N0M"))


@st.composite
def operations(draw, demande):
    numbers = [e.finess_juridique for e in demande.entites_juridiques] + ["330058066"]
    ops = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["add", "modify", "delete"]))
        number = draw(st.sampled_from(numbers))
        ops.append((kind, number, draw(_admin_or_broken)))
    return ops


def _expected(admins, kind, number, admin):
    """The same change applied to the model directly; None when the portal refuses it."""
    indexes = [i for i, (n, _) in enumerate(admins) if n == number]
    if not indexes:
        return None
    ordering = [i for i in indexes if admins[i][1] is not None]
    if kind == "add" and ordering:
        return None
    if kind != "add" and not ordering:
        return None
    index = indexes[0] if kind == "add" else ordering[0]
    if kind == "modify":
        admin = attrs.evolve(admin)
    new = None if kind == "delete" else admin
    if new is not None and any(
        p.severity.value == "error"
        for p in check_entite(sc.EntiteJuridique(finess_juridique=number, administrateur=new))
    ):
        return None
    changed = list(admins)
    changed[index] = (number, new)
    return changed


@given(
    demandes().map(lambda d: d.evolve(statut="A modifier", bloc_administrateurs_valide=False)),
    st.data(),
)
def test_random_edits_confirm_to_the_same_request_as_direct_changes(demande, data):
    session = sc.edit(demande)
    admins = [(e.finess_juridique, e.administrateur) for e in demande.entites_juridiques]
    for kind, number, admin in data.draw(operations(demande)):
        before = (session.preview, session.changes)
        expected = _expected(admins, kind, number, admin)
        try:
            if kind == "add":
                session.add(number, admin)
            elif kind == "modify":
                session.modify(
                    number, **{f.name: getattr(admin, f.name) for f in attrs.fields(Admin)}
                )
            else:
                session.delete(number)
        except (EditRefused, InvalidRow):
            assert expected is None
            assert (session.preview, session.changes) == before  # a refusal changes nothing
            continue
        assert expected is not None
        event(f"{kind} saved")
        admins = expected
    direct = demande.evolve(
        entites_juridiques=[
            e.evolve(administrateur=admin)
            for e, (_, admin) in zip(demande.entites_juridiques, admins, strict=True)
        ]
    )
    assert session.preview == direct
    assert sc.diff(demande, direct) == session.changes
    day = max(demande.date_depot, FEATURE_START)
    # A modification dates the request; no change modifies nothing (docs: editing.md#dated).
    expected = demande if direct == demande else direct.evolve(date_modification=day)
    assert session.confirm(date_modification=day) == expected


@given(
    demandes().map(lambda d: d.evolve(statut="A modifier", bloc_administrateurs_valide=False)),
    st.data(),
)
def test_cancel_always_gives_back_the_original(demande, data):
    session = sc.edit(demande)
    for kind, number, admin in data.draw(operations(demande)):
        try:
            if kind == "add":
                session.add(number, admin)
            elif kind == "delete":
                session.delete(number)
        except (EditRefused, InvalidRow):
            pass
    assert session.cancel() == demande
    assert not session.changes


# -- wrong arguments are refusals of this package, never bare TypeErrors ------------------

_HOSTILE = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.binary(max_size=4),
    st.lists(st.integers(), max_size=2),
    st.text(max_size=12),
    st.just(object()),
    st.just(dt.datetime(2024, 1, 1)),  # a datetime is not a date
)


def _session():
    return sc.edit(attrs.evolve(PLUSIEURS, statut="A modifier"))


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda s: s.modify(None, nom="X"), "finess_juridique"),
        (lambda s: s.modify(690781810, nom="X"), "finess_juridique"),
        (lambda s: s.modify(WITH_ROW, nom=1), "nom"),
        (lambda s: s.modify(WITH_ROW, foo="X"), "foo"),
        (lambda s: s.modify(WITH_ROW, statut="E"), "statut"),
        (lambda s: s.add(NO_ROW, None), "administrateur"),
        (lambda s: s.add(NO_ROW, {"nom": "X"}), "administrateur"),
        (lambda s: s.delete(None), "finess_juridique"),
        (lambda s: s.draft(b"750712184"), "finess_juridique"),
        (lambda s: s.row(1.5), "finess_juridique"),
        (lambda s: s.confirm(date_modification="2024-01-01"), "date_modification"),
        (lambda s: sc.edit({"statut": "A modifier"}), "demande"),  # type: ignore[arg-type]
    ],
)
def test_wrong_arguments_are_invalid_argument_naming_the_argument(call, argument):
    with pytest.raises(sc.InvalidArgument) as caught:
        call(_session())
    assert isinstance(caught.value, TypeError)
    assert caught.value.message().startswith(argument)
    assert caught.value.message("en").startswith(argument)


@given(st.sampled_from(["modify", "add", "delete", "draft", "row", "confirm"]), _HOSTILE, _HOSTILE)
def test_any_argument_gives_a_result_or_a_refusal_of_this_package(method, first, second):
    session = _session()
    before = session.preview
    calls = {
        "modify": lambda: session.modify(first, nom=second),
        "add": lambda: session.add(first, second),
        "delete": lambda: session.delete(first),
        "draft": lambda: session.draft(first),
        "row": lambda: session.row(first),
        "confirm": lambda: session.confirm(date_modification=first),
    }
    try:
        calls[method]()
    except sc.SegurCertificatsError as exc:
        assert exc.args  # a refusal with its code
        assert session.preview == before  # and nothing changed
