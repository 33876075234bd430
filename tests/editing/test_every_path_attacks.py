"""Hostile requests on every path that writes administrators into a request (docs:
editing.md#who-may-change, editing.md#dated, sheets.md#into, validating.md#dates):
duplicate and escaped envelope keys, the dates anywhere in the envelope, every
layout (BOM, CRLF, tabs, one line, random white space), odd statuses, arguments of
the wrong type, a request filed in the future, a FINESS juridique held twice,
editors' documents — and the property that what is written is exactly the request
with its changed blocks and its day, every other byte kept."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import EditRefused, InvalidArgument, RequestContext, sheets
from segur_certificats.cli import main
from segur_certificats.rules import modification_refused
from segur_certificats.serialize import converter
from segur_certificats.strategies import administrateurs, demandes

from ..conftest import ROOT

GUIDE = (ROOT / "examples" / "ms2-editeur-carte-obligatoire.json").read_text(encoding="utf-8")
DOSSIER = ROOT / "examples" / "embedded" / "dossier-editeur.json"
DAY = dt.date(2026, 12, 8)
ORDER = sc.loads(GUIDE).entites_juridiques[0]
NUMBER = ORDER.finess_juridique or ""
# The guide's entity, its order removed: the block written in the null form.
REMOVED = {
    "finessJuridique": NUMBER,
    "demandeCertificatServeur": False,
    "contracutualisationOG": None,
    "StatutAdminTechnique": None,
    "contractualisationEditeur": None,
    "certificatServeur": None,
}


def _sheet(*entities: sc.EntiteJuridique) -> bytes:
    return sheets.write_template(None, list(entities), format=".csv")


REMOVE = _sheet(ORDER.evolve(administrateur=None))  # changes the block
SAME = _sheet(ORDER)  # changes nothing


def _read(into: str | bytes, sheet: bytes = REMOVE, **options: Any) -> sheets.SheetReport:
    options.setdefault("date_modification", DAY)
    return sheets.read(sheet, name="c.csv", into=into, **options)


def _body(written: str | bytes | None) -> str:
    assert written is not None
    text = written.decode("utf-8") if isinstance(written, bytes) else written
    return text.removeprefix("\ufeff")


def _expected(text: str) -> dict[str, Any]:
    """The guide's request as the REMOVE sheet leaves it, dated DAY."""
    value: dict[str, Any] = json.loads(text.removeprefix("\ufeff"))
    value["dateModification"] = DAY.isoformat()
    value["entitesJuridiques"] = [REMOVED]
    return value


# -- duplicate and escaped keys in the envelope ------------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        '"dateModification": "2023-11-01"',
        '"date\\u004dodification": null',
        '"dateModification": null',
    ],
)
def test_a_date_modification_given_twice_is_refused_and_nothing_written(second):
    into = GUIDE.replace('"dateModification": null,', f'"dateModification": null, {second},')
    for sheet in (REMOVE, SAME):
        report = _read(into, sheet)
        assert report.written is None
        assert [(p.path, p.code) for p in report.errors] == [
            ("/dateModification", "json.duplicate-key")
        ]


@pytest.mark.parametrize(
    ("spelt", "absent"),
    [
        ('"\\u0064ateDepot"', False),
        ('"\\u0064ateDepot"', True),
        ('"date\\u004Dodification"', False),
        (
            '"\\u0064\\u0061\\u0074\\u0065\\u004d\\u006f\\u0064\\u0069\\u0066\\u0069\\u0063'
            '\\u0061\\u0074\\u0069\\u006f\\u006e"',
            False,
        ),
    ],
)
def test_escaped_date_keys_are_the_keys_they_spell(spelt, absent):
    into = GUIDE
    if absent:
        into = into.replace('  "dateModification": null,\n', "")
    plain = "dateDepot" if "ateDepot" in spelt else "dateModification"
    into = into.replace(f'"{plain}"', spelt)
    report = _read(into)
    assert report.ok, str(report)
    body = _body(report.written)
    assert json.loads(body) == _expected(into)
    # One dateModification: the escaped key keeps its spelling, the value replaced.
    assert body.count("odification") == 1 or spelt.count("\\u") > 2
    assert spelt in body
    assert sc.validate(body).ok


def test_escaped_status_and_validation_keys_still_refuse():
    for into, code in (
        (GUIDE.replace('"statut": "A modifier"', '"\\u0073tatut": "En cours"'), "edit.read-only"),
        (
            GUIDE.replace(
                '"blocAdministrateursValide": false', '"blocAdministrateursValide": tru\\u0065'
            ),
            None,
        ),
        (
            GUIDE.replace(
                '"blocAdministrateursValide": false', '"\\u0062locAdministrateursValide": true'
            ),
            "edit.validated",
        ),
        (GUIDE.replace('"A modifier"', '"A\\u0020modifier"'), None),
    ):
        report = _read(into)
        if code is None and "tru\\u0065" in into:  # not JSON: a syntax error, nothing written
            assert report.written is None
            assert [p.code for p in report.errors] == ["json.syntax"]
            continue
        assert [p.code for p in report.errors] == ([] if code is None else [code])
        assert (report.written is None) == (code is not None)


# -- the dates anywhere in the envelope, in every layout ------------------------------------


def _reordered(keys: list[str]) -> dict[str, Any]:
    value = json.loads(GUIDE)
    del value["dateModification"]
    return {key: value[key] for key in keys}


_KEYS = [k for k in json.loads(GUIDE) if k != "dateModification"]
_ORDERS = {
    "depot-first": ["dateDepot", *[k for k in _KEYS if k != "dateDepot"]],
    "depot-last": [*[k for k in _KEYS if k != "dateDepot"], "dateDepot"],
    "entities-first": ["entitesJuridiques", *[k for k in _KEYS if k != "entitesJuridiques"]],
}
_LAYOUTS: dict[str, dict[str, Any]] = {
    "indent-2": {"indent": 2},
    "tabs": {"indent": "\t"},
    "huge": {"indent": 64},
    "indent-0": {"indent": 0},
    "one-line": {},
    "minified": {"separators": (",", ":")},
}


@pytest.mark.parametrize("order", list(_ORDERS))
@pytest.mark.parametrize("layout", list(_LAYOUTS))
@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_the_day_is_written_after_date_depot_wherever_it_stands(order, layout, crlf, bom, as_bytes):
    value = _reordered(_ORDERS[order])
    text = json.dumps(value, ensure_ascii=False, **_LAYOUTS[layout])
    if crlf:
        text = text.replace("\n", "\r\n")
    text = ("\ufeff" if bom else "") + text
    into: str | bytes = text.encode("utf-8") if as_bytes else text
    report = _read(into)
    assert report.ok, str(report)
    written = report.written
    assert type(written) is type(into)
    shown = written.decode("utf-8") if isinstance(written, bytes) else written
    assert shown.startswith("\ufeff") == bom
    body = _body(written)
    assert json.loads(body) == _expected(text)
    keys = list(value)
    keys.insert(keys.index("dateDepot") + 1, "dateModification")
    assert list(json.loads(body)) == keys
    # The new member looks like its neighbour dateDepot: same line start, same colon.
    depot = re.search(r'([ \t]*)"dateDepot"(\s*:\s*)"2023-10-02"', body)
    assert depot is not None
    indent, colon = depot.groups()
    tail = body[depot.end() :]
    before = re.escape(indent) if "\n" in text else " ?"
    assert re.match(rf',(\r?\n)?{before}"dateModification"{re.escape(colon)}"{DAY}"', tail), repr(
        tail[:80]
    )
    # Every byte before the first edit (the block, or the day) is kept; the line ends too.
    source = text.removeprefix("\ufeff")
    head = source[: min(source.index('"2023-10-02"'), source.index('"entitesJuridiques"'))]
    assert body.startswith(head)
    if not crlf:
        assert "\r" not in body
    else:
        assert "\n" not in body.replace("\r\n", "")
    assert sc.validate(written).ok


# -- random white space and escaped keys everywhere: a property ------------------------------

_WS = st.text(" \t\r\n", max_size=3)


class _Emitter:
    """JSON text with random white space between tokens and keys partly escaped,
    remembering where each value stands."""

    def __init__(self, draw: Any, escape: bool, tight: bool) -> None:
        self.draw, self.escape, self.tight = draw, escape, tight
        self.parts: list[str] = []
        self.spans: dict[tuple[str, ...], tuple[int, int]] = {}
        self.size = 0

    def put(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def space(self) -> None:
        self.put("" if self.tight else self.draw(_WS))

    def key(self, key: str) -> None:
        if not self.escape:
            self.put(json.dumps(key))
            return
        escapes = self.draw(st.lists(st.booleans(), min_size=len(key), max_size=len(key)))
        self.put(
            '"'
            + "".join(f"\\u{ord(c):04x}" if e else c for c, e in zip(key, escapes, strict=True))
            + '"'
        )

    def value(self, value: Any, path: tuple[str, ...] = ()) -> None:
        start = self.size
        if isinstance(value, dict):
            self.put("{")
            self.space()
            for index, (key, item) in enumerate(value.items()):
                if index:
                    self.put(",")
                    self.space()
                self.key(key)
                self.space()
                self.put(":")
                self.space()
                self.value(item, (*path, key))
                self.space()
            self.put("}")
        elif isinstance(value, list):
            self.put("[")
            self.space()
            for index, item in enumerate(value):
                if index:
                    self.put(",")
                    self.space()
                self.value(item, (*path, str(index)))
                self.space()
            self.put("]")
        else:
            self.put(json.dumps(value, ensure_ascii=self.draw(st.booleans())))
        self.spans[path] = (start, self.size)

    def text(self) -> str:
        return "".join(self.parts)


@st.composite
def _cases(draw: st.DrawFn) -> tuple[dict[str, Any], list[sc.EntiteJuridique]]:
    demande = draw(demandes(max_entities=3).filter(lambda d: bool(d.entites_juridiques)))
    value = converter.unstructure(demande)
    dated = draw(st.sampled_from(["absent", "null", "kept"]))
    if dated == "absent":
        del value["dateModification"]
    elif dated == "null":
        value["dateModification"] = None
    statut = draw(st.sampled_from(["absent", "A modifier", " A modifier ", "", "En cours"]))
    if statut == "absent":
        del value["statut"]
    else:
        value["statut"] = statut
    if draw(st.booleans()):
        del value["blocAdministrateursValide"]
    keys = draw(st.permutations(list(value)))
    value = {key: value[key] for key in keys}
    rows = []
    for entite in demande.entites_juridiques:
        what = draw(st.sampled_from(["none", "keep", "remove", "new"]))
        if what == "keep":
            rows.append(entite)
        elif what == "remove":
            rows.append(entite.evolve(administrateur=None))
        elif what == "new":
            rows.append(entite.evolve(administrateur=draw(administrateurs())))
    assume(rows)
    return value, rows


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    case=_cases(),
    day=st.dates(dt.date(2023, 9, 21), dt.date(2030, 12, 31)),
    layout=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
    data=st.data(),
)
def test_what_is_written_is_the_request_with_its_blocks_and_day_and_nothing_else(
    case, day, layout, data
):
    escape, tight, bom, as_bytes = layout
    value, rows = case
    emitter = _Emitter(data.draw, escape, tight)
    emitter.space()
    emitter.value(value)
    emitter.space()
    text = emitter.text()
    shown = ("\ufeff" if bom else "") + text
    into: str | bytes = shown.encode("utf-8") if as_bytes else shown
    note(repr(shown))
    report = sheets.read(_sheet(*rows), name="c.csv", into=into, date_modification=day)
    demande = sc.loads(into)
    assert list(report.entites) == rows
    entities = list(demande.entites_juridiques)
    where = {e.finess_juridique: i for i, e in enumerate(entities)}
    new = list(entities)
    for row in rows:
        new[where[row.finess_juridique]] = row
    changed = [i for i, entite in enumerate(entities) if new[i] != entite]
    refused = modification_refused(demande)
    if not changed:  # nothing modified, whatever the status: byte for byte, or not at all
        assert not {p.code for p in report.errors} & {
            "edit.read-only",
            "edit.validated",
            "demande.modified-before-filing",
        }
        assert report.written == (into if report.ok else None)
        return
    expected_refusals = set()
    if refused is not None:
        expected_refusals.add(refused.code)
    if day < demande.date_depot:
        expected_refusals.add("demande.modified-before-filing")
    codes = {p.code for p in report.errors}
    assert expected_refusals <= codes, str(report)
    if not report.ok:
        assert report.written is None
        assert "internal-error" not in codes
        return
    assert not expected_refusals
    written = report.written
    assert type(written) is type(into)
    assert (written.decode("utf-8") if isinstance(written, bytes) else written).startswith(
        "\ufeff"
    ) == bom
    body = _body(written)
    # json.loads(written) is exactly the request with its changed blocks and its day.
    expected = json.loads(text)
    expected["dateModification"] = day.isoformat()
    for index in changed:
        expected["entitesJuridiques"][index] = converter.unstructure(new[index])
    assert json.loads(body) == expected
    assert sc.validate(written).ok
    # Every byte outside the changed blocks and the date is kept.
    regions = [(*emitter.spans[("entitesJuridiques", str(i))], "block") for i in changed]
    if ("dateModification",) in emitter.spans:
        regions.append((*emitter.spans[("dateModification",)], "date"))
    else:
        end = emitter.spans[("dateDepot",)][1]
        regions.append((end, end, "inserted"))
    decoder = json.JSONDecoder()
    kept, at = 0, 0
    for start, end, kind in sorted(regions):
        assert body.startswith(text[kept:start], at), kind
        at += start - kept
        if kind == "inserted":
            member = re.compile(rf'(,)[ \t\r\n]*"dateModification" ?: ?"{day}"').match(body, at)
            assert member is not None, repr(body[at : at + 60])
            at = member.end()
        else:
            _, value_end = decoder.raw_decode(body, at)
            if kind == "date":
                assert body[at:value_end] == json.dumps(day.isoformat())
            at = value_end
        kept = end
    assert body[at:] == text[kept:]


# -- the status, as the request says it -----------------------------------------------------


@pytest.mark.parametrize(
    "statut",
    [
        "A modifier ",
        " A modifier",
        "\tA modifier\n",
        "A modifier\u00a0",
        "A  modifier",
        "a modifier",
        "A MODIFIER",
        "À modifier",
        unicodedata.normalize("NFD", "À modifier"),
        "A modifier\x00",
        "A modifier\ud800",
        "\u202eA modifier",
        "En cours\n\x1b[31m",
        "",
        "   ",
    ],
)
def test_a_requests_status_is_judged_as_the_model_reads_it_on_both_paths(statut):
    into = GUIDE.replace('"A modifier"', json.dumps(statut))
    demande = sc.loads(into)
    refused = modification_refused(demande)
    report = _read(into)
    assert [p.code for p in report.errors] == ([] if refused is None else [refused.code])
    assert (report.written is None) == (refused is not None)
    try:
        sc.edit(demande)
    except EditRefused as exc:
        assert refused is not None
        assert exc.code == refused.code
    else:
        assert refused is None
    if refused is not None:
        # The message shows the status, escaped: no raw control character, no NUL.
        message = next(p for p in report.errors).message()
        assert not re.search(r"[\x00-\x1f\x7f\u202e\ud800]", message)
        assert "\\u" in message or unicodedata.normalize("NFC", statut.strip()) in message


def test_a_very_long_status_gives_a_bounded_message():
    into = GUIDE.replace('"A modifier"', json.dumps("x" * 200_000))
    report = _read(into)
    (problem,) = report.errors
    assert problem.code == "edit.read-only"
    for lang in ("fr", "en"):
        assert len(problem.message(lang)) < 1000
    with pytest.raises(EditRefused) as caught:
        sc.edit(sc.loads(into))
    assert len(str(caught.value)) < 1000
    assert len(caught.value.message("en")) < 1000


# -- the day of a modification, of the wrong type --------------------------------------------


class _Day(dt.date):
    pass


_NOT_DAYS = [
    dt.datetime(2026, 12, 8, 10, 0),
    "2026-12-08",
    20261208,
    True,
    _Day(2026, 12, 8),
]


@pytest.mark.parametrize("day", _NOT_DAYS, ids=repr)
def test_a_day_of_the_wrong_type_is_refused_before_anything(day):
    with pytest.raises(InvalidArgument, match="date_modification"):
        sheets.read(REMOVE, name="c.csv", into=GUIDE, date_modification=day)
    with pytest.raises(InvalidArgument, match="date_modification"):
        sheets.read(SAME, name="c.csv", into=GUIDE, date_modification=day)
    for change in (True, False):
        session = sc.edit(sc.loads(GUIDE))
        if change:
            session.delete(NUMBER)
        with pytest.raises(InvalidArgument, match="date_modification"):
            session.confirm(date_modification=day)
        # Still open, nothing applied: a right day confirms it.
        assert session.confirm(date_modification=DAY).date_modification == (DAY if change else None)


# -- a request filed in the future ---------------------------------------------------------


def test_a_request_filed_in_the_future_cannot_be_modified_today():
    today = dt.date.today()
    future = today + dt.timedelta(days=400)
    into = GUIDE.replace("2023-10-02", future.isoformat())
    report = sheets.read(REMOVE, name="c.csv", into=into)  # today, by default
    assert [(p.path, p.code) for p in report.errors] == [
        ("/dateModification", "demande.modified-before-filing")
    ]
    assert report.written is None
    problem = report.errors[0]
    assert today.strftime("%d/%m/%Y") in problem.message()
    assert future.isoformat() in problem.message("en")
    # A sheet that changes nothing modifies nothing: not refused.
    assert _read(into, SAME, date_modification=None).written == into
    # The session says the same, and stays open.
    session = sc.edit(sc.loads(into))
    session.delete(NUMBER)
    with pytest.raises(sc.InvalidDocument) as caught:
        session.confirm()
    assert [p.code for p in caught.value.problems] == ["demande.modified-before-filing"]
    assert session.confirm(date_modification=future).date_modification == future


def test_modifications_that_cancel_out_modify_nothing():
    demande = sc.loads(GUIDE)
    admin = demande.entites_juridiques[0].administrateur
    assert admin is not None
    session = sc.edit(demande)
    session.modify(NUMBER, nom="VIE")
    session.modify(NUMBER, nom=admin.nom)
    assert session.confirm(date_modification=DAY) is demande
    session = sc.edit(demande)
    session.delete(NUMBER)
    session.add(NUMBER, admin)
    assert session.confirm() is demande


# -- a FINESS juridique held twice, one the request does not have ----------------------------


@pytest.mark.parametrize("sheet", [REMOVE, SAME], ids=["changes", "same"])
def test_a_finess_held_twice_by_the_request_is_refused_even_unchanged(sheet):
    value = json.loads(GUIDE)
    value["entitesJuridiques"].append(dict(REMOVED))
    into = json.dumps(value, indent=2, ensure_ascii=False)
    report = _read(into, sheet)
    assert [(p.path, p.code, p.variant) for p in report.errors] == [
        ("/entitesJuridiques/1/finessJuridique", "finess.duplicate", "twice")
    ]
    assert report.errors[0].location is not None
    assert report.written is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("330058067", [("sheet.unknown-finess", "near"), ("finess.checksum", None)]),
        ("330085066", [("sheet.unknown-finess", "near"), ("finess.checksum", None)]),
        ("2A0000154", [("sheet.unknown-finess", None)]),
        ("3300580660", [("sheet.unknown-finess", None), ("finess.format", None)]),
    ],
)
def test_a_finess_the_request_does_not_have_is_said_in_both_languages(typed, expected):
    sheet = SAME.replace(NUMBER.encode(), typed.encode(), 1)
    report = _read(GUIDE, sheet)
    at_cell = [(p.code, p.variant) for p in report.errors if p.cell == "c!A2"]
    assert at_cell == expected
    assert report.written is None
    unknown = next(p for p in report.errors if p.code == "sheet.unknown-finess")
    assert typed in unknown.message()
    assert typed in unknown.message("en")
    near = unknown.variant == "near"
    assert (f'"{NUMBER}"' in unknown.message()) == near
    assert ("vouliez-vous" in unknown.message()) == near
    assert ("did you mean" in unknown.message("en")) == near
    # The request's entity no row speaks of: kept, said as a warning.
    assert [p.code for p in report.warnings] == ["sheet.missing-row"]


# -- an editor's own document ----------------------------------------------------------------


def _dossier_entities() -> list[sc.EntiteJuridique]:
    found = sc.validate_embedded(DOSSIER.read_text(encoding="utf-8"))
    return [b.entite for b in found.blocks if b.entite is not None]


@pytest.mark.parametrize(
    "context",
    [
        None,
        RequestContext(statut="En cours"),
        RequestContext(bloc_administrateurs_valide=True),
        RequestContext(date_depot=dt.date(2030, 1, 1)),
    ],
)
def test_an_editors_document_unchanged_comes_back_byte_for_byte(context):
    text = DOSSIER.read_text(encoding="utf-8")
    sheet = _sheet(*_dossier_entities())
    for into in (
        text,
        text.encode("utf-8"),
        "\ufeff" + text,
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    ):
        report = sheets.read(
            sheet, name="c.csv", into=into, embedded=True, context=context, date_modification=DAY
        )
        assert report.ok, str(report)
        assert report.written == into


def test_an_editors_document_changed_keeps_its_dates_and_every_other_byte():
    text = DOSSIER.read_text(encoding="utf-8")
    entities = _dossier_entities()
    sheet = _sheet(*[e.evolve(administrateur=None) for e in entities])
    for context in (None, RequestContext(statut="A modifier", bloc_administrateurs_valide=False)):
        report = sheets.read(
            sheet, name="c.csv", into=text, embedded=True, context=context, date_modification=DAY
        )
        assert report.ok, str(report)
        written = report.written
        assert isinstance(written, str)
        assert "dateModification" not in written
        assert written.startswith(text[: text.index('"beneficiaires"')])
        assert written.endswith('"commentaire": "Contrat ANS signé en 2022"\n  }\n}\n')
    for context, code in (
        (RequestContext(statut="En cours"), "edit.read-only"),
        (RequestContext(bloc_administrateurs_valide=True), "edit.validated"),
        (RequestContext(date_depot=dt.date(2030, 1, 1)), "demande.modified-before-filing"),
    ):
        report = sheets.read(
            sheet, name="c.csv", into=text, embedded=True, context=context, date_modification=DAY
        )
        assert [(p.path, p.code) for p in report.errors] == [("", code)]
        assert report.written is None


# -- the command line, in French and in English ----------------------------------------------


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        (
            ('"A modifier"', '"En cours"'),
            "edit.read-only",
            ("Demande en lecture seule", "Read-only request"),
        ),
        (
            ('"blocAdministrateursValide": false', '"blocAdministrateursValide": true'),
            "edit.validated",
            ("validé par le gestionnaire", "validated the technical administrators block"),
        ),
        (
            ("2023-10-02", "2027-06-01"),
            "demande.modified-before-filing",
            ("antérieure à la date de dépôt 01/06/2027", "before the filing date 2027-06-01"),
        ),
    ],
)
def test_the_command_line_says_why_in_french_and_english(tmp_path, capsys, change, code, words):
    request, sheet, out = tmp_path / "demande.json", tmp_path / "c.csv", tmp_path / "o.json"
    request.write_text(GUIDE.replace(*change), encoding="utf-8")
    sheet.write_bytes(REMOVE)
    args = ["import", str(sheet), "--into", str(request), "-o", str(out)]
    args += ["--date-modification", DAY.isoformat()]
    for lang, expected in zip(("fr", "en"), words, strict=True):
        assert main([*args, "--lang", lang]) == 1
        said = capsys.readouterr().out
        assert f"{request}:" in said
        assert f"[{code}]" in said
        assert expected in said
        assert not out.exists()
    # JSON Lines: one object, the problem located in the request's text.
    assert main([*args, "--format", "json", "--lang", "en"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    found = json.loads(line)
    assert found["ok"] is False
    assert [(p["code"], p["line"] > 0) for p in found["problems"]] == [(code, True)]


def test_the_command_line_writes_the_day_into_a_crlf_bom_request(tmp_path, capsys):
    request, sheet, out = tmp_path / "demande.json", tmp_path / "c.csv", tmp_path / "o.json"
    into = b"\xef\xbb\xbf" + GUIDE.replace("\n", "\r\n").encode("utf-8")
    request.write_bytes(into)
    sheet.write_bytes(REMOVE)
    args = ["import", str(sheet), "--into", str(request), "-o", str(out)]
    assert main([*args, "--date-modification", DAY.isoformat()]) == 0, capsys.readouterr()
    written = out.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in written.replace(b"\r\n", b"")
    assert json.loads(written.decode("utf-8-sig")) == _expected(GUIDE)
    # Only the day and the block changed.
    head = into[: into.index(b'"dateModification"')]
    assert written.startswith(head + b'"dateModification": "' + DAY.isoformat().encode())
    for wrong in ("2026-02-30", "20261208", "2026-12-08T10:00", " 2026-12-08"):
        with pytest.raises(SystemExit):
            main([*args, "--date-modification", wrong])
        assert "--date-modification" in capsys.readouterr().err


# -- the HTTP API ----------------------------------------------------------------------------


def test_the_api_refuses_and_writes_as_the_python_api_does():
    pytest.importorskip("starlette", reason="the [serve] extra is not installed")
    from starlette.testclient import TestClient  # noqa: PLC0415

    from segur_certificats.serve._app import create_app  # noqa: PLC0415

    dossier = DOSSIER.read_text(encoding="utf-8")
    dossier_sheet = _sheet(*[e.evolve(administrateur=None) for e in _dossier_entities()])
    with TestClient(create_app(), raise_server_exceptions=False) as client:

        def post(params: dict[str, str], into: str, sheet: bytes, embedded: bool) -> Any:
            response = client.post(
                "/api/v1/sheets/import",
                params=params,
                files={"sheet": ("c.csv", sheet), "request": ("r.json", into.encode())},
                data={"embedded": "true"} if embedded else {},
            )
            assert response.status_code == 200, response.text
            return response.json()

        day = {"dateModification": DAY.isoformat()}
        answer = post(day, GUIDE.replace('"A modifier"', '"En cours"'), REMOVE, False)
        assert answer["written"] is None
        assert [p["code"] for p in answer["problems"]] == ["edit.read-only"]
        answer = post(day, "\ufeff" + GUIDE.replace("\n", "\r\n"), REMOVE, False)
        assert json.loads(answer["written"].removeprefix("\ufeff")) == _expected(GUIDE)
        assert answer["written"] == _read("\ufeff" + GUIDE.replace("\n", "\r\n")).written
        for params, code in (
            ({"statut": "En cours"}, "edit.read-only"),
            ({"blocAdministrateursValide": "TRUE"}, "edit.validated"),
            ({"statut": "A modifier", "blocAdministrateursValide": "false"}, None),
        ):
            answer = post({**params, **day}, dossier, dossier_sheet, True)
            errors = [
                (p["path"], p["code"]) for p in answer["problems"] if p["severity"] == "error"
            ]
            assert errors == ([] if code is None else [("", code)])
            assert (answer["written"] is None) == (code is not None)
