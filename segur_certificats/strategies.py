"""Hypothesis strategies for the format, for the test suites of the code that
produces these documents (docs: testing.md#strategies).

Installed with ``pip install 'segur-certificats[hypothesis]'``. Every value
drawn is valid for the rules of this package, unless asked otherwise:
`documents(valid=False)` draws documents with known problems, each with the
``(code, path)`` of every error `validate()` must report.

```pycon
>>> from hypothesis import given
>>> import segur_certificats as sc
>>> @given(demandes())
... def test_my_producer_round_trips(demande):
...     assert sc.loads(sc.dumps(demande)) == demande
>>> test_my_producer_round_trips()

```
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Collection
from typing import Any

import attrs
import phonenumbers

try:
    from hypothesis import strategies as st
except ImportError as _missing:  # pragma: no cover - depends on the installation
    raise ImportError(
        "segur_certificats.strategies needs Hypothesis: pip install 'segur-certificats[hypothesis]'"
    ) from _missing

from segur_certificats import finess, telephone
from segur_certificats._problems.arguments import cannot, of_type, wrong_type
from segur_certificats._problems.errors import InvalidTelephone
from segur_certificats._vocabulary.keys import (
    ADMIN_PATHS,
    CERTIFICAT_SERVEUR,
    DEMANDE_CERTIFICAT_SERVEUR,
    ENTITES_JURIDIQUES,
    FINESS_JURIDIQUE,
    NUMERO_DEMANDE,
    STATUT,
)
from segur_certificats.model import (
    STATUT_A_MODIFIER,
    STATUT_EN_COURS,
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats.rules import FEATURE_START, MS_COULOIRS, SCENARIOS, Requirement, scenario_of
from segur_certificats.serialize import dumps

__all__ = [
    "FAULT_CODES",
    "REGIONS",
    "Document",
    "administrateurs",
    "cartes",
    "demandes",
    "documents",
    "emails",
    "entites",
    "finess_juridiques",
    "noms",
    "telephones",
]

_DIGITS = "0123456789"
# Letters of the languages an administrator's name is commonly written in.
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâäîïôöùûüçÉÈÀÇŒœÆæñ"


@st.composite
def finess_juridiques(draw: st.DrawFn) -> str:
    """Valid FINESS juridique numbers, compact: metropolitan, Corsican (``2A``,
    ``2B``) and overseas (``970``), with the right Luhn key."""
    head = draw(
        st.one_of(
            st.text(_DIGITS, min_size=2, max_size=2),
            st.sampled_from(["2A", "2B"]),
            st.just("970"),
        )
    )
    body = draw(st.text(_DIGITS, min_size=8 - len(head), max_size=8 - len(head)))
    return head + body + finess.calc_check_digit(head + body)


# Combining marks a letter of a name may carry (docs: format.md#name): Yoruba tones
# over a dotted vowel, marks below and carons. NFC composes some with their letter
# and keeps the others apart: "ọ̀" is "ọ" then U+0300.
_MARKS = ("\u0323\u0300", "\u0323\u0301", "\u0300", "\u0301", "\u0331", "\u030c", "\u0304")


@st.composite
def _word(draw: st.DrawFn) -> str:
    letters = list(draw(_LETTERS_TEXT))
    if draw(_THIRD) == 0:  # a third of the words carry marks
        marked = st.integers(0, len(letters) - 1)
        for index in draw(st.lists(marked, min_size=1, max_size=2, unique=True)):
            letters[index] += draw(_MARK)
    return "".join(letters)


def noms() -> st.SearchStrategy[str]:
    """Names the name rule accepts (docs: format.md#name): words of letters, each
    letter with the combining marks it may carry, joined by single spaces, hyphens
    or apostrophes, at most 25 characters; in NFC, as the model holds them
    (``Adéṣọ̀lá``: its ``ọ̀`` is ``ọ`` then a combining grave accent)."""
    return st.builds(
        lambda first, rest: unicodedata.normalize(
            "NFC", first + "".join(sep + w for sep, w in rest)
        ),
        _word(),
        st.lists(st.tuples(st.sampled_from([" ", "-", "'", "’"]), _word()), max_size=2),
    ).filter(lambda name: len(name) <= 25)


REGIONS: tuple[str, ...] = ("FR", *telephone.OVERSEAS)
"""The regions whose numbers `telephones()` draws: metropolitan France and every
overseas region that dials in France's national format."""
_LAST = 4  # the digits drawn freely after a head


def _region_of(number: str) -> str | None:
    try:
        return telephone.region(number)
    except InvalidTelephone:
        return None


@functools.cache
def _heads(region: str) -> tuple[str, ...]:
    """The heads of national numbers (all digits but the last four) of fixed and
    mobile lines that are ``region``'s: read from phonenumbers' patterns for the
    region, around its example numbers, and kept where `telephone.region` says
    ``region`` (Saint-Martin's example numbers are Saint-Barthélemy's, and the
    mobiles of +590 read as Guadeloupe's)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    heads: list[str] = []
    for lines in (metadata.fixed_line, metadata.mobile) if metadata is not None else ():
        if lines is None or not lines.example_number or not lines.national_number_pattern:
            continue
        example = lines.example_number
        pattern = re.compile(lines.national_number_pattern)
        lead, free = example[:2], len(example) - _LAST - 2
        for middle in range(10**free):
            head = f"{lead}{middle:0{free}d}"
            if pattern.fullmatch(head + "0" * _LAST) and _region_of(f"0{head}0000") == region:
                heads.append(head)
    return tuple(heads)


@functools.cache
def _phones(region: str) -> st.SearchStrategy[str]:
    """Valid numbers of ``region``, made once a region (its heads are read once)."""
    heads = st.sampled_from(_heads(region))
    last = st.text(_DIGITS, min_size=_LAST, max_size=_LAST)
    code = phonenumbers.country_code_for_region(region)

    @st.composite
    def phone(draw: st.DrawFn) -> str:
        digits = draw(heads) + draw(last)
        national = "0" + digits
        grouped = " ".join(national[i : i + 2] for i in range(0, len(national), 2))
        forms = (national, grouped, f"+{code} {digits}", f"+{code}{digits}")
        return forms[draw(st.integers(0, len(forms) - 1))]

    return phone().filter(lambda number: _region_of(number) == region)


def telephones(regions: Collection[str] = REGIONS) -> st.SearchStrategy[str]:
    """Valid phone numbers of ``regions`` (every one of `REGIONS` by default, each
    as often), written nationally (``0262 30 40 50``) or internationally
    (``+262 262…``), as the phone rule accepts them (docs: format.md#telephone);
    `telephone.region` of each is its region. A region outside `REGIONS`, or
    none, is an `InvalidArgument`."""
    if isinstance(regions, str) or not isinstance(regions, Collection):
        raise wrong_type("regions", regions, tuple)
    chosen = tuple(dict.fromkeys(regions))
    unknown = [r for r in chosen if r not in REGIONS]
    if unknown or not chosen:
        raise cannot(
            "regions",
            regions,
            f"régions possibles : {', '.join(REGIONS)}",
            f"the regions drawn are {', '.join(REGIONS)}",
        )
    return st.sampled_from(chosen).flatmap(_phones)


def emails() -> st.SearchStrategy[str]:
    """Plain valid e-mail addresses."""
    return st.builds(
        lambda local, domain, tld: f"{local}@{domain}.{tld}",
        st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12),
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
        st.sampled_from(["fr", "com", "re", "gp", "org"]),
    )


def cartes() -> st.SearchStrategy[str]:
    """CPx card numbers: 10 digits."""
    return st.text(_DIGITS, min_size=10, max_size=10)


_ORDERING = tuple(s for s in SCENARIOS if s.demande_certificat_serveur)


def administrateurs(row: int | None = None) -> st.SearchStrategy[AdministrateurTechnique]:
    """A complete administrator row, in one of the table's ordering scenarios
    (rows 2 to 9, or the given ``row``), with a card number whenever the row
    makes it mandatory. A ``row`` that orders nothing, or is not in the table,
    is an `InvalidArgument`."""
    if row is not None:
        if isinstance(row, bool) or not isinstance(row, int):
            raise wrong_type("row", row, int)
        if row not in {s.number for s in _ORDERING}:
            numbers = ", ".join(str(s.number) for s in _ORDERING)
            raise cannot(
                "row",
                row,
                f"les lignes du tableau qui commandent : {numbers}",
                f"the rows of the table that order: {numbers}",
            )
    return _administrateurs(row)


@st.composite
def _administrateurs(draw: st.DrawFn, row: int | None) -> AdministrateurTechnique:
    scenario = SCENARIOS[row - 1] if row is not None else draw(st.sampled_from(_ORDERING))
    card_needed = scenario.numero_carte_cpx is Requirement.MANDATORY
    return AdministrateurTechnique(
        contractualisation_og=scenario.contractualisation_og,
        statut=scenario.statut,
        contractualisation_editeur=scenario.contractualisation_editeur,
        numero_carte_cpx=draw(_CARTE if card_needed else _MAYBE_CARTE),
        nom=draw(_NOM),
        telephone=draw(_TELEPHONE),
        email=draw(_EMAIL),
        utilite=draw(_UTILITE),
    )


def entites(ordering: bool | None = None) -> st.SearchStrategy[EntiteJuridique]:
    """A legal entity that orders a certificate, or not (``ordering``; either
    when ``None``)."""
    if ordering is not None:
        of_type("ordering", ordering, bool)
    return _entites(ordering)


@st.composite
def _entites(draw: st.DrawFn, ordering: bool | None) -> EntiteJuridique:
    if ordering is None:
        ordering = draw(st.booleans())
    admin = draw(_ADMIN) if ordering else None
    return EntiteJuridique(finess_juridique=draw(_NUMBERS), administrateur=admin)


def _count(max_entities: object) -> int:
    if isinstance(max_entities, bool) or not isinstance(max_entities, int):
        raise wrong_type("max_entities", max_entities, int)
    if max_entities < 0:
        raise cannot("max_entities", max_entities, "au moins 0", "at least 0")
    return max_entities


def demandes(max_entities: int = 4) -> st.SearchStrategy[Demande]:
    """Valid requests: an MS1/MS2 advance in which certificates can be ordered
    (filed, or modified, on or after 2023-09-21), one FINESS juridique per entity,
    0 to ``max_entities`` entities (a negative count is an `InvalidArgument`)."""
    return _demandes(_count(max_entities))


@st.composite
def _demandes(draw: st.DrawFn, max_entities: int) -> Demande:
    numbers = draw(st.lists(_NUMBERS, max_size=max_entities, unique=True))
    entities = [
        EntiteJuridique(finess_juridique=number, administrateur=draw(_MAYBE_ADMIN))
        for number in numbers
    ]
    depot = draw(_DEPOT)
    modification = draw(st.none() | st.dates(max(depot, FEATURE_START), _dt.date(2027, 12, 31)))
    if depot < FEATURE_START and modification is None:
        modification = FEATURE_START
    return Demande(
        numero_demande=draw(_NUMERO),
        type_demande=TypeDemande.AVANCE,
        couloir=draw(st.sampled_from(sorted(MS_COULOIRS))),
        date_depot=depot,
        date_modification=modification,
        statut=draw(st.none() | st.sampled_from([STATUT_A_MODIFIER, STATUT_EN_COURS])),
        bloc_administrateurs_valide=draw(st.booleans()),
        entites_juridiques=entities,
    )


# Strategies made once and shared by the draws above (a strategy made in each draw
# is validated again in each draw).
_LETTERS_TEXT = st.text(_LETTERS, min_size=1, max_size=8)
_THIRD = st.integers(0, 2)
_MARK = st.sampled_from(_MARKS)
_NUMBERS = finess_juridiques()
_NOM = noms()
_TELEPHONE = telephones()
_EMAIL = emails()
_CARTE = cartes()
_MAYBE_CARTE = st.none() | _CARTE
_UTILITE = st.sampled_from(UtiliteCertificat)
_ADMIN = _administrateurs(None)
_MAYBE_ADMIN = st.none() | _ADMIN
_DEPOT = st.dates(_dt.date(2022, 1, 1), _dt.date(2026, 12, 31))
_NUMERO = st.none() | st.from_regex(r"FINMS[0-9]{7}M[0-9]", fullmatch=True)


# -- Documents with known problems ------------------------------------------------------


@attrs.frozen
class Document:
    """A JSON request document, and the errors `validate()` must report in it."""

    text: str
    """The document's JSON text."""
    problems: frozenset[tuple[str, str]]
    """``(code, path)`` of every error, in no particular order; empty when valid."""


# A fault: (what it needs of an entity, how it changes the entity's JSON object,
# and the problem it causes, as (code, path relative to the entity)).
_Fault = tuple[str, Callable[[dict[str, Any]], None], tuple[str, str]]
_CERT = CERTIFICAT_SERVEUR.json
_FINESS = FINESS_JURIDIQUE.json
_FLAG = "/" + DEMANDE_CERTIFICAT_SERVEUR.json
_ENTITIES = ENTITES_JURIDIQUES.json


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(entity: dict[str, Any]) -> None:
        *parents, last = path.strip("/").split("/")
        node = entity
        for part in parents:
            node = node[part]
        node[last] = value

    return change


def _wrong_key(entity: dict[str, Any]) -> None:
    number = entity[_FINESS]
    key = finess.calc_check_digit(number[:8])
    entity[_FINESS] = number[:8] + str((int(key) + 1) % 10)


_ORDER_FAULTS: tuple[_Fault, ...] = (
    ("any", _wrong_key, ("finess.checksum", "/" + _FINESS)),
    (
        "order",
        _set(ADMIN_PATHS["contractualisation_og"], "Oui"),
        ("type", ADMIN_PATHS["contractualisation_og"]),
    ),
    ("order", _set(ADMIN_PATHS["utilite"], "DMP, INS"), ("enum", ADMIN_PATHS["utilite"])),
    ("order", _set(ADMIN_PATHS["nom"], None), ("required", ADMIN_PATHS["nom"])),
    ("order", _set(ADMIN_PATHS["nom"], "A" * 26), ("max-length", ADMIN_PATHS["nom"])),
    ("order", _set(ADMIN_PATHS["nom"], "STU 2"), ("nom.format", ADMIN_PATHS["nom"])),
    ("order", _set(ADMIN_PATHS["telephone"], "0123"), ("tel.invalid", ADMIN_PATHS["telephone"])),
    ("order", _set(ADMIN_PATHS["email"], "a.stu@"), ("email.invalid", ADMIN_PATHS["email"])),
    (
        "order",
        _set(f"/{_CERT}/numeroCarteCPS", "8001234567"),
        ("unknown-key", f"/{_CERT}/numeroCarteCPS"),
    ),
    (
        "mandatory",
        _set(ADMIN_PATHS["numero_carte_cpx"], None),
        ("cpx.required", ADMIN_PATHS["numero_carte_cpx"]),
    ),
    ("none", _set(ADMIN_PATHS["statut"], "E"), ("must-be-null", ADMIN_PATHS["statut"])),
    ("any", _set(_FLAG, "true"), ("type", _FLAG)),
)
_ENVELOPE_FAULTS: tuple[tuple[str, Any, str], ...] = (
    (NUMERO_DEMANDE.json, 12, "type"),
    (STATUT.json, False, "type"),
    ("numeroDemandes", "FINMS2009167M1", "unknown-key"),
)


# Faults are chosen with a Random that Hypothesis drives: every fault about as
# often as the others (``sampled_from`` favours the first ones).
_randoms = st.randoms(use_true_random=False)


def _applies(need: str, entity: EntiteJuridique) -> bool:
    admin = entity.administrateur
    if need == "order":
        return admin is not None
    if need == "mandatory":
        row = scenario_of(admin) if admin is not None else None
        return row is not None and row.numero_carte_cpx is Requirement.MANDATORY
    if need == "none":
        return admin is None
    return True


FAULT_CODES: frozenset[str] = frozenset(
    {fault[2][0] for fault in _ORDER_FAULTS} | {fault[2] for fault in _ENVELOPE_FAULTS}
)
"""The codes `documents(valid=False)` draws problems of."""
# An entity for each need, when the request has none a fault can apply to.
_ENTITY_FOR: dict[str, Callable[[], st.SearchStrategy[EntiteJuridique]]] = {
    "any": entites,
    "order": lambda: entites(ordering=True),
    "none": lambda: entites(ordering=False),
    "mandatory": lambda: st.builds(
        EntiteJuridique,
        finess_juridique=finess_juridiques(),
        administrateur=administrateurs(row=8),
    ),
}


def documents(
    valid: bool = True,
    max_entities: int = 4,
    codes: Collection[str] | None = None,
) -> st.SearchStrategy[Document]:
    """Request documents as JSON text, with the errors `validate()` must report.

    ``valid=True``: a document of `demandes()`, without errors. ``valid=False``:
    such a document with one to four known faults — at most one per legal
    entity, and one in the envelope — so that `Document.problems` holds
    exactly the ``(code, path)`` of every error it has, all reported at once.
    ``codes`` limits the faults to problems of these codes (some of
    `FAULT_CODES`). A document has at most ``max_entities`` legal entities;
    with ``max_entities=0`` it has none, and its faults are the envelope's.

    What cannot be drawn is an `InvalidArgument` (``argument.value``): ``codes``
    empty, outside `FAULT_CODES`, or given with ``valid=True``; a negative
    ``max_entities``; ``max_entities=0`` with only codes of an entity's faults.

    ```pycon
    >>> from hypothesis import given
    >>> @given(documents(valid=False, codes={"tel.invalid"}))
    ... def test_my_reader_rejects(document):
    ...     assert {code for code, path in document.problems} == {"tel.invalid"}
    >>> test_my_reader_rejects()

    ```
    """
    of_type("valid", valid, bool)
    count = _count(max_entities)
    if codes is None:
        return _documents(valid, count, FAULT_CODES if not valid else frozenset())
    if isinstance(codes, str) or not isinstance(codes, Collection):
        raise wrong_type("codes", codes, frozenset)
    wanted = frozenset(codes)
    if valid:
        raise cannot(
            "codes",
            codes,
            "un document valide n'a pas de défaut : valid=False",
            "a valid document has no fault: valid=False",
        )
    if not wanted or not wanted <= FAULT_CODES:
        unknown = ", ".join(sorted(map(str, wanted - FAULT_CODES)))
        raise cannot(
            "codes",
            codes,
            f"{unknown or 'aucun code'} ; codes possibles : {', '.join(sorted(FAULT_CODES))}",
            f"{unknown or 'no code'}; the codes drawn are {', '.join(sorted(FAULT_CODES))}",
        )
    if count == 0 and not wanted & _ENVELOPE_CODES:
        raise cannot(
            "max_entities",
            max_entities,
            "ces défauts sont ceux d'une entité juridique",
            "these faults are a legal entity's",
        )
    return _documents(valid, count, wanted)


_ENVELOPE_CODES = frozenset(fault[2] for fault in _ENVELOPE_FAULTS)


@st.composite
def _documents(draw: st.DrawFn, valid: bool, max_entities: int, wanted: frozenset[str]) -> Document:
    entity_faults = [f for f in _ORDER_FAULTS if f[2][0] in wanted] if max_entities else []
    envelope_faults = [f for f in _ENVELOPE_FAULTS if f[2] in wanted]
    demande = draw(demandes(max_entities=max_entities))
    entities = list(demande.entites_juridiques)
    pick = draw(_randoms)

    def applicable() -> list[int]:
        return [i for i, e in enumerate(entities) if any(_applies(f[0], e) for f in entity_faults)]

    if not valid and entity_faults and (not applicable() or not envelope_faults):
        # An entity a fault applies to, with a FINESS juridique of its own: one
        # more, or in place of the last when there are max_entities already.
        need = pick.choice(entity_faults)[0]
        full = len(entities) >= max_entities
        taken = {e.finess_juridique for e in (entities[:-1] if full else entities)}
        extra = draw(_ENTITY_FOR[need]().filter(lambda e: e.finess_juridique not in taken))
        entities = [*entities[:-1], extra] if full else [*entities, extra]
        demande = demande.evolve(entites_juridiques=entities)
    value = json.loads(dumps(demande))
    expected: set[tuple[str, str]] = set()
    if not valid:
        indexes = applicable()
        pick.shuffle(indexes)
        for index in indexes[: pick.randint(1, 3)]:
            faults = [f for f in entity_faults if _applies(f[0], entities[index])]
            _, change, (code, path) = pick.choice(faults)
            change(value[_ENTITIES][index])
            expected.add((code, f"/{_ENTITIES}/{index}{path}"))
        if envelope_faults and (not expected or pick.random() < 0.3):
            key, wrong, code = pick.choice(envelope_faults)
            value[key] = wrong
            expected.add((code, f"/{key}"))
    return Document(json.dumps(value, ensure_ascii=False, indent=2), frozenset(expected))
