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
import json
from collections.abc import Callable
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
from segur_certificats.codec.writer import dumps
from segur_certificats.format.codes import TypeDemande, UtiliteCertificat
from segur_certificats.format.context import FEATURE_START, MS_COULOIRS
from segur_certificats.format.keys import ADMIN_PATHS, ENTITE, ENVELOPPE
from segur_certificats.format.model import (
    STATUT_A_MODIFIER,
    STATUT_EN_COURS,
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
)
from segur_certificats.rules.scenarios import SCENARIOS, Requirement, scenario_of

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


def noms() -> st.SearchStrategy[str]:
    """Names the name rule accepts (docs: format.md#name): words of letters joined
    by single spaces, hyphens or apostrophes, at most 25 characters."""
    word = st.text(_LETTERS, min_size=1, max_size=8)
    return st.builds(
        lambda first, rest: first + "".join(sep + w for sep, w in rest),
        word,
        st.lists(st.tuples(st.sampled_from([" ", "-", "'", "’"]), word), max_size=2),
    ).filter(lambda name: len(name) <= 25)


REGIONS: tuple[str, ...] = ("FR", *telephone.OVERSEAS)
"""The regions whose numbers `telephones()` draws: metropolitan France and every
overseas region that dials in France's national format."""
_TYPES = (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE)


def _national_digits(region: str, kind: int) -> str:
    example = phonenumbers.example_number_for_type(region, kind)
    return str(example.national_number) if example is not None else ""


@st.composite
def _phone(draw: st.DrawFn, region: str) -> str:
    digits = draw(st.sampled_from([d for d in (_national_digits(region, t) for t in _TYPES) if d]))
    digits = digits[:-4] + draw(st.text(_DIGITS, min_size=4, max_size=4))
    national = "0" + digits
    code = phonenumbers.country_code_for_region(region)
    return draw(
        st.sampled_from(
            [
                national,
                " ".join(national[i : i + 2] for i in range(0, len(national), 2)),
                f"+{code} {digits}",
                f"+{code}{digits}",
            ]
        )
    )


def telephones(regions: tuple[str, ...] = REGIONS) -> st.SearchStrategy[str]:
    """Valid phone numbers of ``regions`` (every one of `REGIONS` by default),
    written nationally (``0262 30 40 50``) or internationally (``+262 262…``),
    as the phone rule accepts them (docs: format.md#telephone)."""
    return st.sampled_from(regions).flatmap(_phone).filter(telephone.is_valid)


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


@st.composite
def administrateurs(draw: st.DrawFn, row: int | None = None) -> AdministrateurTechnique:
    """A complete administrator row, in one of the table's ordering scenarios
    (rows 2 to 9, or the given ``row``), with a card number whenever the row
    makes it mandatory."""
    ordering = [s for s in SCENARIOS if s.demande_certificat_serveur]
    scenario = SCENARIOS[row - 1] if row is not None else draw(st.sampled_from(ordering))
    card_needed = scenario.numero_carte_cpx is Requirement.MANDATORY
    return AdministrateurTechnique(
        contractualisation_og=scenario.contractualisation_og,
        statut=scenario.statut,
        contractualisation_editeur=scenario.contractualisation_editeur,
        numero_carte_cpx=draw(cartes() if card_needed else st.none() | cartes()),
        nom=draw(noms()),
        telephone=draw(telephones()),
        email=draw(emails()),
        utilite=draw(st.sampled_from(UtiliteCertificat)),
    )


@st.composite
def entites(draw: st.DrawFn, ordering: bool | None = None) -> EntiteJuridique:
    """A legal entity that orders a certificate, or not (``ordering``; either
    when ``None``)."""
    if ordering is None:
        ordering = draw(st.booleans())
    admin = draw(administrateurs()) if ordering else None
    return EntiteJuridique(finess_juridique=draw(finess_juridiques()), administrateur=admin)


@st.composite
def demandes(draw: st.DrawFn, max_entities: int = 4) -> Demande:
    """Valid requests: an MS1/MS2 advance in which certificates can be ordered
    (filed, or modified, on or after 2023-09-21), one FINESS juridique per entity."""
    numbers = draw(st.lists(finess_juridiques(), max_size=max_entities, unique=True))
    entities = [
        EntiteJuridique(finess_juridique=number, administrateur=draw(st.none() | administrateurs()))
        for number in numbers
    ]
    depot = draw(st.dates(_dt.date(2022, 1, 1), _dt.date(2026, 12, 31)))
    modification = draw(st.none() | st.dates(max(depot, FEATURE_START), _dt.date(2027, 12, 31)))
    if depot < FEATURE_START and modification is None:
        modification = FEATURE_START
    return Demande(
        numero_demande=draw(st.none() | st.from_regex(r"FINMS[0-9]{7}M[0-9]", fullmatch=True)),
        type_demande=TypeDemande.AVANCE,
        couloir=draw(st.sampled_from(sorted(MS_COULOIRS))),
        date_depot=depot,
        date_modification=modification,
        statut=draw(st.none() | st.sampled_from([STATUT_A_MODIFIER, STATUT_EN_COURS])),
        bloc_administrateurs_valide=draw(st.booleans()),
        entites_juridiques=entities,
    )


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
_CERT = ENTITE["certificat"]
_FINESS = ENTITE["finess_juridique"]
_FLAG = "/" + ENTITE["demande_certificat_serveur"]
_ENTITIES = ENVELOPPE["entites_juridiques"]


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
    (ENVELOPPE["numero_demande"], 12, "type"),
    (ENVELOPPE["statut"], False, "type"),
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
    codes: frozenset[str] | set[str] | None = None,
) -> st.SearchStrategy[Document]:
    """Request documents as JSON text, with the errors `validate()` must report.

    ``valid=True``: a document of `demandes()`, without errors. ``valid=False``:
    such a document with one to four known faults — at most one per legal
    entity, and one in the envelope — so that `Document.problems` holds
    exactly the ``(code, path)`` of every error it has, all reported at once.
    ``codes`` limits the faults to problems of these codes (some of
    `FAULT_CODES`).

    ```pycon
    >>> from hypothesis import given
    >>> @given(documents(valid=False, codes={"tel.invalid"}))
    ... def test_my_reader_rejects(document):
    ...     assert {code for code, path in document.problems} == {"tel.invalid"}
    >>> test_my_reader_rejects()

    ```
    """
    wanted = FAULT_CODES if codes is None else frozenset(codes)
    if not valid and not wanted <= FAULT_CODES:
        raise ValueError(f"no fault of code {', '.join(sorted(wanted - FAULT_CODES))}")
    return _documents(valid, max_entities, wanted)


@st.composite
def _documents(draw: st.DrawFn, valid: bool, max_entities: int, wanted: frozenset[str]) -> Document:
    entity_faults = [f for f in _ORDER_FAULTS if f[2][0] in wanted]
    envelope_faults = [f for f in _ENVELOPE_FAULTS if f[2] in wanted]
    demande = draw(demandes(max_entities=max_entities))
    entities = list(demande.entites_juridiques)
    pick = draw(_randoms)
    applicable = [
        i for i, e in enumerate(entities) if any(_applies(f[0], e) for f in entity_faults)
    ]
    if not valid and entity_faults and (not applicable or not envelope_faults):
        # An entity a fault applies to, with a FINESS juridique of its own.
        need = pick.choice(entity_faults)[0]
        taken = {e.finess_juridique for e in entities}
        extra = draw(_ENTITY_FOR[need]().filter(lambda e: e.finess_juridique not in taken))
        entities.append(extra)
        demande = demande.evolve(entites_juridiques=entities)
        applicable.append(len(entities) - 1)
    value = json.loads(dumps(demande))
    expected: set[tuple[str, str]] = set()
    if not valid:
        pick.shuffle(applicable)
        for index in applicable[: pick.randint(1, 3)]:
            faults = [f for f in entity_faults if _applies(f[0], entities[index])]
            _, change, (code, path) = pick.choice(faults)
            change(value[_ENTITIES][index])
            expected.add((code, f"/{_ENTITIES}/{index}{path}"))
        if envelope_faults and (not expected or pick.random() < 0.3):
            key, wrong, code = pick.choice(envelope_faults)
            value[key] = wrong
            expected.add((code, f"/{key}"))
    return Document(json.dumps(value, ensure_ascii=False, indent=2), frozenset(expected))
