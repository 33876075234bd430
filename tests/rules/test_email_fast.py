"""Plain e-mail addresses are accepted without email-validator
(`_rules.email_fast`), and only those it accepts (docs: format.md#e-mail).

Every single-character edit of real addresses — each of the 128 ASCII characters
and look-alikes, inserted, substituted or deleted at every position — that the
fast path takes must be one email-validator accepts: an upgrade that refused such
an address would fail here.
"""

from __future__ import annotations

import email_validator
import pytest
from email_validator import rfc_constants
from hypothesis import given

import segur_certificats as sc
from segur_certificats._rules import email_fast, fields
from segur_certificats.strategies import emails

_BASES = (
    "a.stu@mail.com",
    "dupont@editeur.fr",
    "mh.legall@ehpad-lagon.re",
    "x_y+z@sub.domain-1.example.org",
    "admin99@editeur97.fr",
)
# Characters that look like ASCII ones, and spaces that do not look like anything.
_LOOK_ALIKES = "аеорсхАВЕКМНОРСТХ０１ⅰ․‐‑–—＠．\u00a0\u200b\u202f\u2060\ufeffé"
_CHARACTERS = [chr(code) for code in range(128)] + list(_LOOK_ALIKES)


def accepted(text: str) -> bool:
    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


def _edits(base: str) -> set[str]:
    found = set()
    for position in range(len(base) + 1):
        found.add(base[:position] + base[position + 1 :])
        for char in _CHARACTERS:
            found.add(base[:position] + char + base[position:])
            found.add(base[:position] + char + base[position + 1 :])
    return found


@pytest.mark.parametrize("base", _BASES)
def test_every_single_character_edit_the_fast_path_takes_is_accepted(base):
    edits = _edits(base)
    taken = [text for text in edits if email_fast.is_plain_address(text)]
    wrong = [text for text in taken if not accepted(text)]
    assert not wrong, wrong[:20]
    assert len(edits) > 4_000
    assert len(taken) > len(edits) // 10  # the fast path does take the usual addresses


@given(emails())
def test_the_drawn_addresses_take_the_fast_path(address):
    assert email_fast.is_plain_address(address)
    assert accepted(address)


def test_the_limits_and_special_names_are_never_looser_than_email_validators():
    # Whatever email-validator version is installed (the declared minimum allows a
    # domain of 255 characters, later ones 253): the fast path takes no address
    # it would refuse, and leaves it every other.
    assert set(email_validator.SPECIAL_USE_DOMAIN_NAMES) <= set(email_fast.RESERVED_DOMAINS)
    assert email_fast._LOCAL_MAX <= rfc_constants.LOCAL_PART_MAX_LENGTH
    assert email_fast._ADDRESS_MAX <= rfc_constants.EMAIL_MAX_LENGTH
    assert email_fast._DOMAIN_MAX <= rfc_constants.DOMAIN_MAX_LENGTH
    assert rfc_constants.DNS_LABEL_LENGTH_LIMIT >= 63


@pytest.mark.parametrize(
    "text",
    [
        "a" * 64 + "@mail.com",
        "a" * 65 + "@mail.com",
        "a@" + "b" * 63 + ".fr",
        "a@" + "b" * 64 + ".fr",
        "a@" + ".".join(["b" * 60] * 4) + ".fr",
        "a@mail.test",
        "a@mail.TEST",
        "a@b.co",
        "a@b-c.fr",
        "a@xn--bcher-kva.ch",
        "a@ab--cd.fr",
    ],
)
def test_lengths_and_names_at_their_edges(text):
    if email_fast.is_plain_address(text):
        assert accepted(text)
    sc.clear_cache()
    assert (fields._email_refusal(text) is None) == accepted(text)


def test_email_validator_is_imported_only_when_an_address_needs_it():
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    script = (
        "import sys, segur_certificats as sc\n"
        "report = sc.validate(open('examples/ms1-plusieurs-entites.json').read())\n"
        "assert report.ok\n"
        "print('email_validator' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_the_fast_path_holds_no_state_a_call_could_change():
    import ast  # noqa: PLC0415
    import inspect  # noqa: PLC0415

    tree = ast.parse(inspect.getsource(email_fast))
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Global, ast.Nonlocal))]
    values = {name: value for name, value in vars(email_fast).items() if not name.startswith("__")}
    assert not [name for name, value in values.items() if isinstance(value, (list, dict, set))]
    for base in _BASES:
        email_fast.is_plain_address(base)
    after = {name: value for name, value in vars(email_fast).items() if not name.startswith("__")}
    assert all(after[name] is value for name, value in values.items())
