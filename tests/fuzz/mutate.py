"""The fast engine of the long campaign: a corpus made once by the strategies,
then each input is a corpus document with a few random mutations of its text
(hostile tokens inserted, spans deleted or repeated, strings and values
replaced). Thousands of inputs a second, where generating each one with
Hypothesis gives tens."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings

import segur_certificats as sc
from segur_certificats.strategies import administrateurs

from . import fast_paths, targets
from .strategies import HTML, RAW_NUMBERS, editor_texts, envelope_texts, sheet_files

_TEXTS = [
    "",
    " ",
    "\x00",
    "\ud800",
    "\ufeff",
    "\u202eX",
    "x" * 100_000,
    "DMP, INS",
    "Editeur",
    "33 005 806 6",
    "0692 12 34 56",
    "a@b",
    *HTML,
]
_TOKENS = [
    *RAW_NUMBERS,
    *(json.dumps(text) for text in _TEXTS),
    *(json.dumps(text, ensure_ascii=False) for text in _TEXTS),
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"',
    "\\",
    "\\u0000",
    "\ufeff",
    "\r\n",
    "[" * 70,
    "null",
    "true",
    '"finessJuridique": "330058066", ',
    '"demandeCertificatServeur": true, ',
    '"\\u0066inessJuridique": "750712184", ',
]
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SCALAR = re.compile(r"(?<=: )(?:\"(?:[^\"\\]|\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)")


def mutate(rng: random.Random, text: str) -> str:
    """``text`` with one to four random mutations."""
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(text))
        action = rng.randrange(6)
        if action == 0:
            text = text[:at] + rng.choice(_TOKENS) + text[at:]
        elif action == 1:
            text = text[:at] + text[at + rng.randint(1, 30) :]
        elif action == 2:
            text = text[:at] + text[at : at + rng.randint(1, 200)] + text[at:]
        else:  # the next string or value from a random place
            match = (_STRING if action == 3 else _SCALAR).search(text, at)
            if match:
                text = text[: match.start()] + rng.choice(_TOKENS) + text[match.end() :]
    return text


def _corpus(strategy: Any, size: int, rng: random.Random) -> list[Any]:
    found: list[Any] = []

    @settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    while len(found) < size:
        collect.hypothesis.fuzz_one_input(rng.randbytes(2048))
    return found


def _pick(rng: random.Random, admins: list[Any]) -> targets.Pick:
    arguments = [None, 1, 1.5, b"x", "", "330058066", "750712184", *_TEXTS]
    kinds: dict[str, Callable[[], Any]] = {
        "bool": lambda: rng.random() < 0.5,
        "admin": lambda: rng.choice(admins),
        "text": lambda: rng.choice([None, *_TEXTS]),
        "argument": lambda: rng.choice(arguments),
    }
    return lambda kind: kinds[kind]()


def _sheets(rng: random.Random) -> Callable[[], None]:
    """Filled sheets: a CSV's text mutated, or an XLSX's bytes flipped."""
    files = _corpus(sheet_files(), 120, rng)

    def one() -> None:
        case = rng.choice(files)
        data, suffix = case.data, case.suffix
        if suffix == ".csv":
            try:
                text, encoding = data.decode("utf-8", "surrogatepass"), "utf-8"
            except UnicodeDecodeError:  # Windows-1252
                text, encoding = data.decode("latin-1"), "latin-1"
            data = mutate(rng, text).encode(
                encoding, "surrogatepass" if encoding == "utf-8" else "replace"
            )
        else:
            flipped = bytearray(data)
            for _ in range(rng.randint(0, 2)):
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
            data = bytes(flipped)
        targets.sheet(attrs.evolve(case, data=data, rows=None))

    return one


def engine(name: str, seed: int) -> Callable[[], None]:
    """One input of target ``name`` per call."""
    rng = random.Random(f"{seed}-{name}")
    if name == "sheets":
        return _sheets(rng)
    if name == "fast-paths":

        def fast() -> None:
            fast_paths.phone(fast_paths.random_phone(rng))
            fast_paths.email(fast_paths.random_email(rng))

        return fast
    editor = name in {"embedded", "replace"}
    corpus: list[str] = _corpus(editor_texts() if editor else envelope_texts(), 300, rng)
    admins = [None, *_corpus(administrateurs(), 40, rng)]
    admins += [sc.AdministrateurTechnique(nom=t, telephone=t, email=t) for t in _TEXTS]
    pick = _pick(rng, admins)
    demandes = [d for text in corpus if (d := sc.validate(text).demande) is not None]

    def one() -> None:
        text = mutate(rng, rng.choice(corpus))
        if name == "validate":
            targets.validate_text(text)
        elif name == "values":
            targets.validate_value(text)
        elif name == "bytes":
            data = bytearray(text.encode("utf-8", "surrogatepass"))
            for _ in range(rng.randint(0, 3)):
                if data:
                    data[rng.randrange(len(data))] = rng.randrange(256)
            targets.validate_text(bytes(data))
            targets.embedded_text(bytes(data))
        elif name == "embedded":
            targets.embedded_text(text)
        elif name == "replace":
            targets.replace(text, targets.choose_blocks(pick))
        else:  # edit-html
            targets.edit_and_screens(rng.choice(demandes), pick)

    return one
