"""The guide's workflow on every path that writes administrators into a request
(docs: editing.md#who-may-change, editing.md#dated): the edit session, a sheet read
into a request (Python and ``import --into``), the API's sheet import, and
``replace_blocks``. One rule, `rules.modification_refused`, gives every verdict;
a modification dates the request; what changes nothing modifies nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import EditRefused, RequestContext, sheets
from segur_certificats._problems.problem import Position
from segur_certificats.cli import main
from segur_certificats.rules import FEATURE_START, modification_refused
from segur_certificats.serialize import converter
from segur_certificats.strategies import demandes

from ..conftest import ROOT

GUIDE_EXAMPLE = ROOT / "examples" / "ms2-editeur-carte-obligatoire.json"
PLUSIEURS = ROOT / "examples" / "ms1-plusieurs-entites.json"
DAY = dt.date(2026, 12, 8)


def _guide() -> tuple[dict[str, Any], sc.EntiteJuridique]:
    """The guide's request FINMS2009167M1 as its list shows it (filed 28/12/2022, last
    modified 02/05/2023, "A modifier"), before its administrator is collected; and the
    order the sheet brings."""
    text = GUIDE_EXAMPLE.read_text(encoding="utf-8")
    order = sc.loads(text).entites_juridiques[0]
    value = json.loads(text)
    value.update(dateDepot="2022-12-28", dateModification="2023-05-02")
    value["entitesJuridiques"] = [{"finessJuridique": order.finess_juridique}]
    return value, order


def _sheet(*entities: sc.EntiteJuridique) -> bytes:
    return sheets.write_template(None, list(entities), format=".csv")


def _text(value: dict[str, Any], **changes: Any) -> str:
    value = {**value, **changes}
    for key in [k for k, v in changes.items() if v is _ABSENT]:
        del value[key]
    return json.dumps(value, ensure_ascii=False, indent=2)


_ABSENT = object()
STATUTS = ["En cours", "A modifier", _ABSENT, "Validée", "a modifier"]


# -- the guide's own request takes an order once modified ------------------------------------


def test_the_guides_request_takes_an_order_when_modified_now_from_python():
    value, order = _guide()
    report = sheets.read(_sheet(order), name="clients.csv", into=_text(value))
    assert report.ok, str(report)
    assert isinstance(report.written, str)
    written = json.loads(report.written)
    assert written["dateModification"] == dt.date.today().isoformat()
    assert sc.loads(report.written).commandes == (order,)
    assert sc.validate(report.written).ok


def test_the_guides_request_takes_an_order_with_the_edit_session():
    value, order = _guide()
    session = sc.edit(sc.loads(_text(value)))
    assert session.draft(order.finess_juridique or "") == sc.AdministrateurTechnique()
    session.add(order.finess_juridique or "", order.administrateur)  # type: ignore[arg-type]
    confirmed = session.confirm()
    assert confirmed.date_modification == dt.date.today()
    assert sc.validate(confirmed).ok


def test_the_guides_request_takes_an_order_from_the_command_line(tmp_path, capsys):
    value, order = _guide()
    request, sheet, out = tmp_path / "demande.json", tmp_path / "clients.csv", tmp_path / "o.json"
    request.write_text(_text(value), encoding="utf-8")
    sheet.write_bytes(_sheet(order))
    # --date-modification says the day of the modification, without --embedded.
    args = ["import", str(sheet), "--into", str(request), "-o", str(out)]
    assert main([*args, "--date-modification", DAY.isoformat()]) == 0, capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["dateModification"] == DAY.isoformat()
    assert main(args) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["dateModification"] == (
        dt.date.today().isoformat()
    )
    capsys.readouterr()
    # Back-dated before the feature, it cannot order: the message says both dates.
    out.unlink()
    assert main([*args, "--date-modification", "2023-09-20", "--lang", "en"]) == 1
    said = capsys.readouterr().out
    assert "[demande.before-feature]" in said
    assert "2022-12-28" in said
    assert "2023-09-20" in said
    assert not out.exists()


def test_a_modification_day_before_the_filing_is_refused_at_date_modification(tmp_path, capsys):
    value, order = _guide()
    report = sheets.read(
        _sheet(order), name="clients.csv", into=_text(value), date_modification=dt.date(2022, 1, 1)
    )
    found = {(p.path, p.code) for p in report.problems}
    assert ("/dateModification", "demande.modified-before-filing") in found
    assert report.written is None
    line = next(p for p in report.problems if p.path == "/dateModification")
    assert line.location == Position(line=6, column=3)  # its key, in the request's text


# -- read-only on every path ------------------------------------------------------------------


@pytest.mark.parametrize("statut", STATUTS, ids=lambda s: "absent" if s is _ABSENT else s)
@pytest.mark.parametrize("validated", [False, True])
def test_sheets_into_a_request_follow_the_one_rule(statut, validated):
    value, order = _guide()
    into = _text(value, statut=statut, blocAdministrateursValide=validated)
    report = sheets.read(_sheet(order), name="clients.csv", into=into)
    context = sc.loads(into).context
    refused = modification_refused(context)
    codes = [p.code for p in report.problems if p.code.startswith("edit.")]
    assert codes == ([] if refused is None else [refused.code])
    assert (report.written is None) == (refused is not None)
    # The edit session refuses the same requests, with the same codes.
    try:
        sc.edit(sc.loads(into))
    except EditRefused as exc:
        assert refused is not None
        assert exc.code == refused.code
    else:
        assert refused is None
    if refused is not None:
        problem = next(p for p in report.problems if p.code == refused.code)
        assert problem.path == refused.path  # at its key, located in the request's text
        assert problem.location is not None


def test_a_read_only_request_is_refused_and_every_other_problem_said_too():
    value, order = _guide()
    assert order.administrateur is not None
    wrong = order.evolve(administrateur=order.administrateur.evolve(telephone="0123"))
    report = sheets.read(_sheet(wrong), name="clients.csv", into=_text(value, statut="En cours"))
    assert {p.code for p in report.errors} == {"edit.read-only", "tel.invalid"}


def test_a_sheet_that_changes_nothing_modifies_nothing():
    # Not refused even when read-only, not dated: the request comes back byte for byte.
    text = PLUSIEURS.read_text(encoding="utf-8")
    demande = sc.loads(text)
    for statut in ("En cours", "A modifier"):
        into = text.replace('"A modifier"', json.dumps(statut))
        report = sheets.read(_sheet(*demande.entites_juridiques), name="c.csv", into=into)
        assert report.ok, str(report)
        assert report.written == into


def test_a_request_being_built_is_written_into():
    value, order = _guide()
    into = _text(value, statut=_ABSENT, dateModification=_ABSENT)
    report = sheets.read(_sheet(order), name="clients.csv", into=into, date_modification=DAY)
    assert report.ok, str(report)
    assert isinstance(report.written, str)
    # dateModification, absent, is written after dateDepot in the request's layout.
    assert f'"dateDepot": "2022-12-28",\n  "dateModification": "{DAY}",\n' in report.written


def test_the_command_line_refuses_a_read_only_request_and_writes_nothing(tmp_path, capsys):
    value, order = _guide()
    request, sheet, out = tmp_path / "demande.json", tmp_path / "clients.csv", tmp_path / "o.json"
    request.write_text(_text(value, statut="En cours"), encoding="utf-8")
    sheet.write_bytes(_sheet(order))
    assert main(["import", str(sheet), "--into", str(request), "-o", str(out)]) == 1
    said = capsys.readouterr().out
    assert f"{request}:7:3: /statut: [edit.read-only]" in said
    assert not out.exists()


def test_the_command_line_says_what_an_editors_document_is(tmp_path, capsys):
    dossier = ROOT / "examples" / "embedded" / "dossier-editeur.json"
    found = sc.validate_embedded(dossier.read_text(encoding="utf-8"))
    entites = [b.entite for b in found.blocks if b.entite is not None]
    sheet, out = tmp_path / "clients.csv", tmp_path / "o.json"
    sheet.write_bytes(_sheet(*[e.evolve(administrateur=None) for e in entites]))
    base = ["import", str(sheet), "--into", str(dossier), "--embedded", "-o", str(out)]
    assert main([*base, "--statut", "En cours"]) == 1
    assert f"{dossier}: /: [edit.read-only]" in capsys.readouterr().out
    assert main([*base, "--bloc-administrateurs-valide"]) == 1
    assert "[edit.validated]" in capsys.readouterr().out
    assert not out.exists()
    assert main([*base, "--statut", "A modifier"]) == 0, capsys.readouterr().out
    # The editor's dates are its own: nothing but the blocks is written.
    assert "dateModification" not in out.read_text(encoding="utf-8")
    # What an editor's document is goes with --embedded; the day of a modification not.
    with pytest.raises(SystemExit):
        main(["import", str(sheet), "--into", str(dossier), "--statut", "En cours"])
    assert "--embedded" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*base, "--date-depot", "2024-01-10", "--date-modification", "2024-01-09"])
    assert "01/2024" in capsys.readouterr().err


def test_replace_blocks_refuses_what_its_context_says_is_read_only():
    dossier = (ROOT / "examples" / "embedded" / "dossier-editeur.json").read_text(encoding="utf-8")
    block = next(b for b in sc.validate_embedded(dossier).blocks if b.entite is not None)
    assert block.entite is not None
    new = {block.path: block.entite.evolve(administrateur=None)}
    for context, code in (
        (RequestContext(statut="En cours"), "edit.read-only"),
        (RequestContext(bloc_administrateurs_valide=True), "edit.validated"),
    ):
        with pytest.raises(EditRefused) as caught:
            sc.replace_blocks(dossier, new, context=context)
        assert caught.value.code == code
    assert sc.replace_blocks(dossier, new, context=RequestContext(statut="A modifier")) == (
        sc.replace_blocks(dossier, new)
    )


@given(
    statut=st.none() | st.sampled_from(["A modifier", "En cours", "a modifier"]) | st.text(),
    validated=st.none() | st.booleans(),
)
def test_one_rule_decides_for_the_session_and_replace_blocks(statut, validated):
    context = RequestContext(statut=statut, bloc_administrateurs_valide=validated)
    refused = modification_refused(context)
    expected = None if refused is None else refused.code
    if context.statut is not None and context.statut != "A modifier":
        assert expected == "edit.read-only"
    elif validated:
        assert expected == "edit.validated"
    else:
        assert expected is None
    demande = sc.Demande(
        type_demande=sc.TypeDemande.AVANCE,
        couloir="MS1",
        date_depot=FEATURE_START,
        statut=statut,
        bloc_administrateurs_valide=bool(validated),
        entites_juridiques=[],
    )
    try:
        sc.edit(demande)
        session_code = None
    except EditRefused as exc:
        session_code = exc.code
    # The request's own status: normalised as the model reads it (blank is none).
    assert session_code == getattr(modification_refused(demande), "code", None)
    try:
        sc.replace_blocks("{}", {}, context=context)
        blocks_code = None
    except EditRefused as exc:
        blocks_code = exc.code
    assert blocks_code == expected


# -- the FINESS juridique of a row the request does not have -----------------------------------


def test_a_wrong_check_key_keeps_its_diagnosis_and_the_near_number(tmp_path):
    value, order = _guide()
    number = order.finess_juridique or ""
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    report = sheets.read(
        _sheet(order.evolve(finess_juridique=wrong)), name="clients.csv", into=_text(value)
    )
    codes = [(p.code, p.variant) for p in report.problems if p.cell == "clients!A2"]
    assert codes == [("sheet.unknown-finess", "near"), ("finess.checksum", None)]
    assert (
        number
        in report.problems[
            [p.code for p in report.problems].index("sheet.unknown-finess")
        ].message()
    )


# -- the date, written in the request's own layout -------------------------------------------


_LAYOUTS = st.tuples(
    st.sampled_from([None, 0, 2, 4, "\t"]),  # indent
    st.booleans(),  # compact separators (on one line)
    st.booleans(),  # CRLF line ends
)


@given(
    demande=demandes(max_entities=4).filter(lambda d: bool(d.commandes)),
    layout=_LAYOUTS,
    dated=st.sampled_from(["absent", "null", "date"]),
    day=st.dates(dt.date(2023, 9, 21), dt.date(2030, 12, 31)),
)
def test_a_modification_writes_its_day_in_the_requests_layout(demande, layout, dated, day):
    indent, compact, crlf = layout
    demande = demande.evolve(
        statut="A modifier",
        bloc_administrateurs_valide=False,
        date_depot=min(demande.date_depot, day),
        date_modification=None,
    )
    value = converter.unstructure(demande)
    if dated == "absent":
        del value["dateModification"]
    elif dated == "date":
        value["dateModification"] = demande.date_depot.isoformat()
    separators = (",", ":") if compact and indent is None else None
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    if crlf:
        text = text.replace("\n", "\r\n")
    # Every order removed by the sheet: a modification.
    entities = [e.evolve(administrateur=None) for e in demande.entites_juridiques]
    report = sheets.read(_sheet(*entities), name="c.csv", into=text, date_modification=day)
    assert report.ok, str(report)
    written = report.written
    assert isinstance(written, str)
    expected = demande.evolve(entites_juridiques=entities, date_modification=day)
    assert sc.loads(written) == expected
    keys = [k for k in value if k != "dateModification"]
    keys.insert(
        keys.index("dateDepot") + 1 if dated == "absent" else list(value).index("dateModification"),
        "dateModification",
    )
    assert list(json.loads(written)) == keys
    # Before the envelope's dates, every byte as it was; the line ends kept.
    head = text[: text.index('"dateDepot"')]
    assert written.startswith(head)
    assert ("\r\n" in written) == crlf or "\n" not in written


class _Counted(dict[str, str]):
    looked_up = 0

    def __contains__(self, key: object) -> bool:
        type(self).looked_up += 1
        return super().__contains__(key)


@given(st.text(max_size=30) | st.integers(9, 2_000_000).map(lambda n: "7" * n))
def test_the_near_number_costs_a_constant_number_of_look_ups(typed):
    # docs: sheets.md#problems — however long the value a row holds, however many entities.
    from segur_certificats._rows.source import _near  # noqa: PLC0415

    known = _Counted({"750712184": "/entitesJuridiques/0", "330058066": "/entitesJuridiques/1"})
    _Counted.looked_up = 0
    _near(typed, known)
    assert _Counted.looked_up <= 9 * 12 + 8  # every slip of a character, every swap
    assert _near("750712185", known) == "750712184"  # one character typed wrong
    assert _near("570712184", known) == "750712184"  # two neighbours swapped
    assert _near("750712184" + "0", known) is None


def test_what_is_written_is_judged_whole_as_a_confirmed_edit_is():
    # docs: sheets.md#into — an ok report never hands back a request validate() refuses.
    text = PLUSIEURS.read_text(encoding="utf-8")
    value = json.loads(text)
    ordering = [i for i, e in enumerate(value["entitesJuridiques"]) if e["certificatServeur"]]
    value["entitesJuridiques"][ordering[1]]["certificatServeur"]["telAdminTechnique"] = "0123"
    broken = json.dumps(value, ensure_ascii=False, indent=2)
    demande = sc.loads(broken)
    first = demande.entites_juridiques[ordering[0]]
    sheet = _sheet(first.evolve(administrateur=None))  # one row: remove the first order
    report = sheets.read(sheet, name="clients.csv", into=broken)
    assert report.written is None
    (problem,) = [p for p in report.problems if p.code == "tel.invalid"]
    where = f"/entitesJuridiques/{ordering[1]}/certificatServeur/telAdminTechnique"
    assert problem.path == where
    assert problem.location is not None  # in the request's text
    session = sc.edit(demande)
    session.delete(first.finess_juridique or "")
    with pytest.raises(sc.InvalidDocument):
        session.confirm()
    # Dates out of order, nothing changed: refused too, as confirm() refuses it.
    value = json.loads(text)
    value["dateModification"] = "2024-01-09"
    value["dateDepot"] = "2024-01-10"
    dated = json.dumps(value, ensure_ascii=False, indent=2)
    same = sc.loads(dated)
    report = sheets.read(_sheet(*same.entites_juridiques), name="clients.csv", into=dated)
    assert [p.code for p in report.errors] == ["demande.modified-before-filing"]
    assert report.written is None
