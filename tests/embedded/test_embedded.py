"""Blocks inside an editor's own document (docs: embedded.md)."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import (
    AdministrateurTechnique,
    BlockRefused,
    EntiteJuridique,
    InvalidDocument,
    TypeDemande,
    replace_blocks,
    validate_embedded,
)
from segur_certificats._codec import jsontext
from segur_certificats._codec.find import find_entities
from segur_certificats._codec.spans import locate
from segur_certificats._embedded.replace import replace_parsed
from segur_certificats._problems.errors import InvalidArgument
from segur_certificats._problems.pointer import split_pointer
from segur_certificats._vocabulary.keys import BLOCK_KEYS
from segur_certificats.cli import main
from segur_certificats.model import RequestContext
from segur_certificats.serialize import converter
from segur_certificats.strategies import administrateurs, finess_juridiques

from ..conftest import ROOT
from ..fuzz.strategies import json_values

DOSSIER = ROOT / "examples" / "embedded" / "dossier-editeur.json"
TEXT = DOSSIER.read_text(encoding="utf-8")


def found(report):
    return [(p.path, p.code) for p in report.problems]


def test_the_example_editor_document_is_valid_through_the_cli(capsys):
    status = main(
        ["check", "--embedded", "--couloir", "MS1", "--date-depot", "2024-01-15", str(DOSSIER)]
    )
    assert status == 0
    assert capsys.readouterr().out == f"{DOSSIER}: aucune erreur\n"


def test_entities_are_found_wherever_they_stand():
    report = validate_embedded(TEXT)
    assert [(b.path, b.entite.finess_juridique if b.entite else None) for b in report.blocks] == [
        ("/demande/beneficiaires/0", "750712184"),
        ("/demande/beneficiaires/1", "970421038"),
        ("/organismeGestionnaire", "2A0000154"),
    ]


def test_problems_are_located_in_the_editors_document():
    doc = json.loads(TEXT)
    doc["organismeGestionnaire"]["certificatServeur"]["telAdminTechnique"] = "0123"
    doc["demande"]["beneficiaires"][0]["StatutAdminTechnique"] = "Editeur"
    assert found(validate_embedded(json.dumps(doc))) == [
        ("/demande/beneficiaires/0/StatutAdminTechnique", "enum"),
        ("/organismeGestionnaire/certificatServeur/telAdminTechnique", "tel.invalid"),
    ]


def test_unknown_keys_of_the_editor_are_allowed_but_not_inside_certificat_serveur():
    doc = json.loads(TEXT)
    doc["organismeGestionnaire"]["certificatServeur"]["numeroCarteCPS"] = "1"
    assert found(validate_embedded(doc)) == [
        ("/organismeGestionnaire/certificatServeur/numeroCarteCPS", "unknown-key")
    ]


def test_a_misspelt_block_key_in_the_editors_object_is_a_warning():
    doc = json.loads(TEXT)
    doc["demande"]["beneficiaires"][1]["contractualisationOG"] = True  # the real key is misspelt
    report = validate_embedded(doc)
    assert found(report) == [("/demande/beneficiaires/1/contractualisationOG", "unknown-key")]
    assert report.ok
    assert '"contracutualisationOG"' in report.problems[0].message()


def test_request_rules_run_only_as_far_as_the_context_is_known():
    assert validate_embedded(TEXT).ok
    assert validate_embedded(TEXT, RequestContext(couloir="MS3")).ok  # type unknown
    ms3 = RequestContext(type_demande=TypeDemande.AVANCE, couloir="MS3")
    assert {code for _, code in found(validate_embedded(TEXT, ms3))} == {"demande.not-eligible"}
    early = RequestContext(date_depot=dt.date(2023, 1, 2))
    assert [path for path, _ in found(validate_embedded(TEXT, early))] == [
        "/demande/beneficiaires/0/demandeCertificatServeur",
        "/organismeGestionnaire/demandeCertificatServeur",
    ]


def test_two_orders_for_one_finess_anywhere_in_the_document_are_refused():
    doc = json.loads(TEXT)
    doc["annexe"] = {"copie": copy.deepcopy(doc["organismeGestionnaire"])}
    assert found(validate_embedded(doc)) == [("/annexe/copie/finessJuridique", "finess.duplicate")]


def test_embedded_validation_never_raises_on_odd_input():
    assert found(validate_embedded("{")) == [("", "json.syntax")]
    assert validate_embedded("[1, 2]").blocks == ()
    assert found(validate_embedded('{"finessJuridique": 12}')) == [("/finessJuridique", "type")]


# -- writing back -----------------------------------------------------------------------


def _blocs(text):
    return {b.path: b.entite for b in validate_embedded(text).blocks}


def test_writing_unchanged_blocks_gives_back_the_same_text():
    assert replace_blocks(TEXT, _blocs(TEXT)) == TEXT


def test_changing_one_name_changes_one_line_of_the_example():
    blocks = _blocs(TEXT)
    path = "/demande/beneficiaires/0"
    changed = blocks[path].evolve(administrateur=blocks[path].administrateur.evolve(nom="VIE"))
    out = replace_blocks(TEXT, {path: changed})
    removed = [line for line in TEXT.splitlines() if line not in out.splitlines()]
    added = [line for line in out.splitlines() if line not in TEXT.splitlines()]
    assert (removed, added) == (
        ['          "nomAdminTechnique": "STU",'],
        ['          "nomAdminTechnique": "VIE",'],
    )
    # No float reformatting: json.dumps would write 1500.0, 0.1.
    assert all(number in out for number in ["1500.00", "0.10", "65.0}", "71.50"])


def test_a_new_order_is_inserted_right_after_the_finess_in_the_documents_style():
    compact = '{"a": [{"x": 1.50, "finessJuridique": "970421038", "y": [1e5, -0.0]}]}'
    entite = EntiteJuridique(
        finess_juridique="970421038", administrateur=AdministrateurTechnique(nom="Payet")
    )
    out = replace_blocks(compact, {"/a/0": entite})
    assert out.startswith(
        '{"a": [{"x": 1.50, "finessJuridique": "970421038", "demandeCertificatServeur": true, '
    )
    assert out.endswith('"utiliteCertificat": null}, "y": [1e5, -0.0]}]}')
    assert _blocs(out)["/a/0"] == entite


def test_deleting_an_order_writes_the_explicit_false_form():
    path = "/organismeGestionnaire"
    out = replace_blocks(TEXT, {path: _blocs(TEXT)[path].evolve(administrateur=None)})
    entity = json.loads(out)["organismeGestionnaire"]
    assert [entity[k] for k in BLOCK_KEYS] == [False, None, None, None, None]
    assert list(entity)[-1] == "commentaire"


def refused(text, blocks):
    with pytest.raises(BlockRefused) as caught:
        replace_blocks(text, blocks)
    assert isinstance(caught.value, ValueError)
    return caught.value.code


def test_the_finess_is_never_changed_and_pointers_must_name_entities():
    blocks = _blocs(TEXT)
    other = {"/organismeGestionnaire": EntiteJuridique(finess_juridique="750712184")}
    assert refused(TEXT, other) == "block.finess-fixed"
    assert refused(TEXT, {"/fournisseur": blocks["/organismeGestionnaire"]}) == "block.not-found"
    with pytest.raises(InvalidDocument):
        replace_blocks("{", {})


def test_an_ascii_document_stays_ascii():
    text = json.dumps({"e": {"finessJuridique": "2A0000154"}})
    entite = EntiteJuridique(
        finess_juridique="2A0000154", administrateur=AdministrateurTechnique(nom="Hélène")
    )
    out = replace_blocks(text, {"/e": entite})
    assert out.isascii()
    assert _blocs(out)["/e"] == entite


# -- properties ---------------------------------------------------------------------------

_keys = st.text("abcdefxyz_", min_size=1, max_size=6)


@st.composite
def entity_objects(draw):
    number = draw(finess_juridiques())
    admin = draw(st.none() | administrateurs())
    own = converter.unstructure(EntiteJuridique(finess_juridique=number, administrateur=admin))
    if admin is None and draw(st.booleans()):
        own = {"finessJuridique": number}  # no block keys at all
    extra = draw(st.dictionaries(_keys, json_values, max_size=3))
    items = list(own.items())
    position = draw(st.integers(0, len(extra)))
    extras = list(extra.items())
    return dict(extras[:position] + items + extras[position:])


editor_documents = st.recursive(
    entity_objects(),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(_keys, children | json_values, min_size=1, max_size=3)
    ),
    max_leaves=6,
).filter(lambda doc: any(True for _ in find_entities(doc)))


def _text(draw, doc):
    return json.dumps(
        doc, indent=draw(st.sampled_from([None, 2, 4])), ensure_ascii=draw(st.booleans())
    )


@given(editor_documents, st.data())
def test_reading_then_writing_unchanged_blocks_gives_back_the_text(doc, data):
    text = _text(data.draw, doc)
    assert replace_blocks(text, _blocs(text)) == text


@given(editor_documents, st.data())
def test_changing_one_block_changes_only_that_block(doc, data):
    text = _text(data.draw, doc)
    blocks = _blocs(text)
    path = data.draw(st.sampled_from(sorted(blocks)))
    old = blocks[path]
    new = old.evolve(administrateur=data.draw(st.none() | administrateurs()))
    out = replace_blocks(text, {path: new})
    assert _blocs(out)[path] == new
    # Outside the entity's object, not one byte moved.
    (node,) = locate(text, [split_pointer(path)])
    assert node is not None
    tail = len(text) - node.end
    assert out[: node.start] == text[: node.start]
    assert out[len(out) - tail :] == text[node.end :]
    # Inside it, only the block keys changed, and the other keys kept their order.
    before, after = json.loads(text), json.loads(out)
    entity_before, entity_after = before, after
    for part in split_pointer(path):
        key = int(part) if isinstance(entity_before, list) else part
        entity_before, entity_after = entity_before[key], entity_after[key]
    others = [k for k in entity_before if k not in BLOCK_KEYS]
    assert [k for k in entity_after if k not in BLOCK_KEYS] == others
    assert {k: entity_after[k] for k in others} == {k: entity_before[k] for k in others}
    if new != old:
        assert {k: entity_after[k] for k in BLOCK_KEYS} == {
            k: v for k, v in converter.unstructure(new).items() if k in BLOCK_KEYS
        }
    else:
        assert out == text


@given(json_values)
def test_embedded_validation_never_raises_for_any_json_value(value):
    for source in (value, json.dumps(value)):
        report = validate_embedded(source)
        assert all(p.message() and p.message("en") for p in report.problems)


@given(editor_documents, st.data())
def test_embedded_validation_never_raises_when_a_block_value_is_replaced(doc, data):
    blocks = [path for path, _ in find_entities(doc)]
    entity = doc
    for part in split_pointer(data.draw(st.sampled_from(blocks))):
        entity = entity[int(part)] if isinstance(entity, list) else entity[part]
    entity[data.draw(st.sampled_from(BLOCK_KEYS))] = data.draw(json_values)
    report = validate_embedded(json.dumps(doc))
    assert all(p.path.startswith("/") for p in report.problems)


# -- replace_blocks: strict pointers, nothing lost, the document's own style ------------

B0 = "/demande/beneficiaires/0"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("#demande/beneficiaires/0", "block.pointer"),
        ("demande/beneficiaires/0", "block.pointer"),
        ("/demande/beneficiaires/0~2", "block.pointer"),
        ("/demande/beneficiaires/00", "block.not-found"),
        ("/demande/beneficiaires/+0", "block.not-found"),
        ("/demande/beneficiaires/\u0660", "block.not-found"),  # Arabic-Indic zero
        ("/demande/beneficiaires/0/", "block.not-found"),
        ("/demande/beneficiaires", "block.not-found"),
    ],
)
def test_pointers_follow_rfc_6901_and_name_a_listed_block(path, code):
    entite = _blocs(TEXT)[B0]
    assert refused(TEXT, {path: entite}) == code


def test_an_object_with_a_finess_inside_another_block_is_not_a_block():
    doc = json.loads(TEXT)
    doc["demande"]["beneficiaires"][0]["certificatServeur"] = {"finessJuridique": "750712184"}
    text = json.dumps(doc)
    inner = B0 + "/certificatServeur"
    assert inner not in _blocs(text)
    assert refused(text, {inner: EntiteJuridique(finess_juridique="750712184")}) == (
        "block.not-found"
    )


def test_nested_blocks_are_refused_together_before_anything_is_written():
    text = json.dumps(
        {"finessJuridique": "330058066", "sub": {"x": [{"finessJuridique": "750712184"}]}}
    )
    blocks = _blocs(text)
    assert set(blocks) == {"", "/sub/x/0"}
    assert refused(text, {"": blocks[""], "/sub/x/0": blocks["/sub/x/0"]}) == "block.overlap"
    assert replace_blocks(text, {"/sub/x/0": blocks["/sub/x/0"]}) == text


@pytest.mark.parametrize("value", [None, {"finessJuridique": "750712184"}, "750712184", 1])
def test_a_value_that_is_not_an_entity_is_an_invalid_argument(value):
    with pytest.raises(sc.InvalidArgument):
        replace_blocks(TEXT, {B0: value})
    with pytest.raises(sc.InvalidArgument):
        replace_blocks(TEXT, {1: _blocs(TEXT)[B0]})  # type: ignore[dict-item]


def test_keys_the_model_does_not_hold_are_kept_where_they_are():
    text = TEXT.replace('"numeroCarteCPX": "8001234567",', '"numeroCarteCPS": "8001234567",')
    entite = _blocs(text)[B0]
    assert entite is not None
    admin = entite.administrateur.evolve(nom="VIE", numero_carte_cpx="8009999999")
    out = replace_blocks(text, {B0: entite.evolve(administrateur=admin)})
    certificat = json.loads(out)["demande"]["beneficiaires"][0]["certificatServeur"]
    assert certificat["numeroCarteCPS"] == "8001234567"  # the editor's key, untouched
    assert certificat["numeroCarteCPX"] == "8009999999"
    assert certificat["nomAdminTechnique"] == "VIE"
    removed = [line for line in text.splitlines() if line not in out.splitlines()]
    assert removed == ['          "nomAdminTechnique": "STU",']


def test_removing_an_order_never_drops_keys_the_sdk_does_not_know():
    text = TEXT.replace('"numeroCarteCPX": "8001234567",', '"numeroCarteCPS": "8001234567",')
    entite = _blocs(text)[B0]
    assert refused(text, {B0: entite.evolve(administrateur=None)}) == "block.unknown-keys"


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("unit", ["\t", "    ", " "])
def test_new_lines_follow_the_documents_line_ends_and_indentation(newline, unit):
    doc = {"dossier": {"entites": [{"finessJuridique": "750712184", "nom": "x"}]}}
    text = json.dumps(doc, indent=unit).replace("\n", newline)
    entite = EntiteJuridique(
        finess_juridique="750712184", administrateur=AdministrateurTechnique(nom="STU")
    )
    out = replace_blocks(text, {"/dossier/entites/0": entite})
    assert json.loads(out)["dossier"]["entites"][0]["certificatServeur"]["nomAdminTechnique"]
    lines = out.split(newline)
    assert all("\r" not in line and "\n" not in line for line in lines)
    members = [line for line in lines if "StatutAdminTechnique" in line]
    inner = [line for line in lines if "emailAdminTechnique" in line or "utilite" in line]
    assert len(members) == 1
    assert len(inner) == 2
    for depth, line in [(4, members[0]), (5, inner[0]), (5, inner[1])]:
        assert line.startswith(unit * depth)
        assert not line[len(unit * depth) :].startswith((" ", "\t"))


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_bytes_in_give_bytes_out_and_a_bom_stays(bom):
    data = bom + TEXT.encode("utf-8")
    entite = _blocs(TEXT)[B0]
    admin = entite.administrateur.evolve(nom="Hélène")
    out = replace_blocks(data, {B0: entite.evolve(administrateur=admin)})
    assert isinstance(out, bytes)
    assert out.startswith(bom + b"{")
    assert out.decode("utf-8-sig") == replace_blocks(
        TEXT, {B0: entite.evolve(administrateur=admin)}
    )
    text_out = replace_blocks(bom.decode("utf-8") + TEXT, {B0: entite.evolve(administrateur=admin)})
    assert text_out.encode("utf-8") == out


def test_a_lone_surrogate_in_a_new_value_is_written_escaped():
    entite = _blocs(TEXT)[B0]
    admin = entite.administrateur.evolve(nom="A\ud800")
    out = replace_blocks(TEXT, {B0: entite.evolve(administrateur=admin)})
    out.encode("utf-8")  # a document that can be saved
    assert json.loads(out)["demande"]["beneficiaires"][0]["certificatServeur"][
        "nomAdminTechnique"
    ] == ("A\ud800")


@pytest.mark.parametrize(
    "text", ["null", "true", "0", "-1e999", "123456789012345678901234567890", '"x"', "[1, [null]]"]
)
def test_a_document_that_is_no_object_holds_no_entity(text):
    # A lone scalar at the root was an internal error: it is a document with no
    # entity, like {} or [].
    parsed = json.loads(text)
    # A parsed text would be read as JSON text: only the others are given parsed.
    sources = [text, text.encode()] + ([] if isinstance(parsed, str) else [parsed])
    for source in sources:
        report = sc.validate_embedded(source)
        assert report.ok
        assert report.blocks == ()
        assert report.problems == ()


# -- writing what the caller parsed and read already (the sheets' entry) -----------------


def _outcome(write, *arguments):
    try:
        return write(*arguments)
    except (BlockRefused, InvalidDocument, InvalidArgument) as exc:
        return type(exc), getattr(exc, "code", None), str(exc)


@given(editor_documents, st.data())
def test_writing_a_parsed_document_is_writing_its_text(doc, data):
    text = _text(data.draw, doc)
    if data.draw(st.booleans()):
        text = "\ufeff" + text
    source = text.encode("utf-8") if data.draw(st.booleans()) else text
    parsed = jsontext.parse(source)
    found = _blocs(text)
    chosen = data.draw(st.lists(st.sampled_from(sorted(found)), unique=True))
    blocks = {}
    for path in chosen:
        old = found[path]
        change = data.draw(st.sampled_from(["same", "admin", "finess", "null"]))
        if change == "admin":
            blocks[path] = old.evolve(administrateur=data.draw(st.none() | administrateurs()))
        elif change == "finess":
            blocks[path] = old.evolve(finess_juridique=data.draw(finess_juridiques()))
        elif change == "null":
            blocks[path] = old.evolve(administrateur=None)
        else:
            blocks[path] = old
    if data.draw(st.booleans()):  # a pointer that names no block, or a block inside one
        blocks[data.draw(st.sampled_from(["/x", "", "/0/certificatServeur", "~2"]))] = next(
            iter(found.values())
        )
    # What the caller read: every block, some, or none (each one missing read here).
    read = {path: entite for path, entite in found.items() if data.draw(st.booleans())}
    expected = _outcome(replace_blocks, source, blocks)
    assert _outcome(replace_parsed, source, parsed, blocks, read) == expected


def test_a_document_not_parsed_is_refused_as_replace_blocks_refuses_it():
    with pytest.raises(InvalidDocument):
        replace_parsed("{", jsontext.parse("{"), {}, {})
