"""Hypothesis strategies for valid requests (docs: format.md, scenarios.md)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from segur_certificats import finess
from segur_certificats.model import (
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats.rules import FEATURE_START, SCENARIOS, Requirement

_DIGITS = "0123456789"


@st.composite
def finess_numbers(draw: st.DrawFn) -> str:
    """Valid FINESS juridique numbers: metropolitan, Corsican (2A/2B) and overseas (970)."""
    head = draw(
        st.one_of(
            st.text(_DIGITS, min_size=2, max_size=2),
            st.sampled_from(["2A", "2B"]),
            st.just("970"),
        )
    )
    body = draw(st.text(_DIGITS, min_size=8 - len(head), max_size=8 - len(head)))
    return head + body + finess.calc_check_digit(head + body)


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâäîïôöùûüçÉÈÀÇŒœÆæñ"
_word = st.text(_LETTERS, min_size=1, max_size=8)

#: Names as the name rule accepts them (docs: format.md#name): letters with single joiners between
#: them.
names = st.builds(
    lambda first, rest: first + "".join(sep + word for sep, word in rest),
    _word,
    st.lists(st.tuples(st.sampled_from([" ", "-", "'", "’"]), _word), max_size=2),
).filter(lambda n: len(n) <= 25)

#: Real phone formats, metropolitan and overseas (national format) and international.
phones = st.sampled_from(
    [
        "0603334174",
        "06 03 33 41 74",
        "01 42 34 56 78",
        "0262 30 40 50",  # Réunion, fixed
        "0692 12 34 56",  # Réunion, mobile
        "0590 82 12 34",  # Guadeloupe, fixed
        "0690 12 34 56",  # Guadeloupe, mobile
        "0596 63 12 34",  # Martinique, fixed
        "0696 12 34 56",  # Martinique, mobile
        "0594 29 12 34",  # Guyane, fixed
        "0694 12 34 56",  # Guyane, mobile
        "0269 61 12 34",  # Mayotte, fixed
        "0639 69 12 34",  # Mayotte, mobile
        "+33 6 03 33 41 74",
        "+32 2 555 12 12",
        "+508 41 23 45",
    ]
)

emails = st.builds(
    lambda local, domain, tld: f"{local}@{domain}.{tld}",
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
    st.sampled_from(["fr", "com", "re", "gp", "org"]),
)

cards = st.text(_DIGITS, min_size=10, max_size=10)


@st.composite
def administrateurs(draw: st.DrawFn, row: int | None = None) -> AdministrateurTechnique:
    """An administrator row of one of the table's ordering scenarios (rows 2 to 9)."""
    ordering = [s for s in SCENARIOS if s.demande_certificat_serveur]
    scenario = SCENARIOS[row - 1] if row is not None else draw(st.sampled_from(ordering))
    card_needed = scenario.numero_carte_cpx is Requirement.MANDATORY
    return AdministrateurTechnique(
        contractualisation_og=scenario.contractualisation_og,
        statut=scenario.statut,
        contractualisation_editeur=scenario.contractualisation_editeur,
        numero_carte_cpx=draw(cards if card_needed else st.none() | cards),
        nom=draw(names),
        telephone=draw(phones),
        email=draw(emails),
        utilite=draw(st.sampled_from(UtiliteCertificat)),
    )


@st.composite
def demandes(draw: st.DrawFn, max_entities: int = 4) -> Demande:
    """Valid requests: an MS1/MS2 advance in force, distinct FINESS per order."""
    numbers = draw(st.lists(finess_numbers(), max_size=max_entities, unique=True))
    entities = [
        EntiteJuridique(finess_juridique=number, administrateur=draw(st.none() | administrateurs()))
        for number in numbers
    ]
    depot = draw(st.dates(dt.date(2022, 1, 1), dt.date(2026, 12, 31)))
    modification = draw(st.none() | st.dates(max(depot, FEATURE_START), dt.date(2027, 12, 31)))
    if depot < FEATURE_START and modification is None:
        modification = FEATURE_START
    return Demande(
        numero_demande=draw(st.none() | st.from_regex(r"FINMS[0-9]{7}M[0-9]", fullmatch=True)),
        type_demande=TypeDemande.AVANCE,
        couloir=draw(st.sampled_from(["MS1", "MS2"])),
        date_depot=depot,
        date_modification=modification,
        statut=draw(st.none() | st.sampled_from(["A modifier", "En cours"])),
        bloc_administrateurs_valide=draw(st.booleans()),
        entites_juridiques=entities,
    )


#: Any JSON value, nested a little (for "never crashes" properties).
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
