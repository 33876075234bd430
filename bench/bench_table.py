"""The SDK against plain ``json.loads`` and against what a user would write instead.

Run: ``python bench/bench_table.py [--sizes 1000 10000 100000] [--repeat R]``.

For generated requests (70 % of the legal entities ordering a certificate) it
prints, at each size, the time per entity of each step and its ratio to
``json.loads`` of the same text and to ``bench/pydantic_model.py`` (a pydantic
v2 model of the same rules, kept honest by ``tests/test_bench_baseline.py``),
all measured in the same run:

- ``validate`` with unique administrators and with 50 distinct ones repeated
  (the field checks' cache at work), valid and with 10 % of the orders wrong;
- ``loads``, ``dumps`` (against ``json.dumps`` of the same value);
- ``validate_embedded`` and ``replace_blocks`` (1 block, and 10 % of them)
  on the same entities inside an editor's document, and ``validate_embedded``
  over ``validate`` measured by turns (the two differ by a few per cent, less
  than a shared machine's drift between two rows);
- the floor: phonenumbers and email-validator called alone on the same values.

The field caches are cleared before each repeat, so no run profits from the one
before it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import timeit
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import email_validator
import phonenumbers

import segur_certificats as sc
from segur_certificats import finess
from segur_certificats.format.keys import BLOCK_KEYS
from segur_certificats.rules import fields

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pydantic_model

_EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "ms2-editeur-carte-obligatoire.json"
)
_PHONES = ["06 03 33 41 74", "0692 12 34 56", "01 42 34 56 78", "0590 82 12 34", "+32 2 555 12 12"]


def _admin(i: int) -> dict[str, Any]:
    scenario = i % 4
    return {
        "contracutualisationOG": scenario in {2, 3},
        "StatutAdminTechnique": "E" if scenario % 2 else "S",
        "contractualisationEditeur": scenario in {1, 3},
        "certificatServeur": {
            "numeroCarteCPX": f"80{i % 10**8:08d}",
            "nomAdminTechnique": "LE GALL" if i % 2 else "Marie-Hélène",
            # 06 00 … to 06 38 …: metropolitan mobiles (0639 and 069x are overseas).
            "telAdminTechnique": f"06 {i % 39:02d} {i // 39 % 100:02d} {i // 3900 % 100:02d} 74"
            if i % 5
            else _PHONES[i % len(_PHONES)],
            "emailAdminTechnique": f"admin{i}@editeur{i % 97}.fr",
            "utiliteCertificat": ["DMP", "INS", "DMP,INS"][i % 3],
        },
    }


def request(entities: int, distinct_admins: int | None, wrong: float) -> dict[str, Any]:
    """A request of ``entities`` legal entities, 70 % ordering."""
    rng = random.Random(entities)
    items = []
    for i in range(entities):
        head = f"{10000000 + i:08d}"
        item: dict[str, Any] = {"finessJuridique": head + finess.calc_check_digit(head)}
        if rng.random() < 0.7:
            admin = _admin(i if distinct_admins is None else i % distinct_admins)
            item.update({"demandeCertificatServeur": True, **json.loads(json.dumps(admin))})
            if rng.random() < wrong:
                item["certificatServeur"]["telAdminTechnique"] = "0123"
        else:
            item["demandeCertificatServeur"] = False
            item.update(dict.fromkeys(list(BLOCK_KEYS)[1:]))
        items.append(item)
    envelope: dict[str, Any] = json.loads(_EXAMPLE.read_text(encoding="utf-8"))
    return {**envelope, "entitesJuridiques": items}


def _floor(value: dict[str, Any]) -> Callable[[], None]:
    """phonenumbers and email-validator alone, on the same values, as the SDK calls them."""
    certificats = [
        e["certificatServeur"] for e in value["entitesJuridiques"] if e.get("certificatServeur")
    ]

    def run() -> None:
        for certificat in certificats:
            number = phonenumbers.parse(certificat["telAdminTechnique"], "FR")
            phonenumbers.is_valid_number(number)
            email_validator.validate_email(
                certificat["emailAdminTechnique"], check_deliverability=False
            )

    return run


def _best(step: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(step, setup=fields.clear_cache, number=1, repeat=repeat))


def table(size: int, repeat: int) -> None:
    """Print the rows for one size."""
    unique = request(size, None, 0.0)
    text = json.dumps(unique, ensure_ascii=False, indent=2)
    repeated = json.dumps(request(size, 50, 0.0), ensure_ascii=False, indent=2)
    wrong = json.dumps(request(size, None, 0.1), ensure_ascii=False, indent=2)
    repeated_wrong = json.dumps(request(size, 50, 0.1), ensure_ascii=False, indent=2)
    demande = sc.loads(text)
    plain = json.loads(text)
    editor = json.dumps(
        {"dossier": {"montant": 1500.10, "beneficiaires": plain["entitesJuridiques"]}}, indent=2
    )
    blocs = [b for b in sc.validate_embedded(editor).blocs if b.entite and b.entite.administrateur]

    def renamed(bloc: sc.Bloc) -> sc.EntiteJuridique:
        assert bloc.entite is not None
        assert bloc.entite.administrateur is not None
        return bloc.entite.evolve(administrateur=bloc.entite.administrateur.evolve(nom="VIE"))

    one = {blocs[-1].path: renamed(blocs[-1])}
    tenth = {b.path: renamed(b) for b in blocs[:: max(1, len(blocs) // max(1, len(blocs) // 10))]}
    baseline = _best(lambda: json.loads(text), repeat)
    # Each row: its step, and the pydantic model on the same document (if any).
    pydantic = {
        doc: _best(partial(pydantic_model.is_valid, doc), repeat) for doc in (text, repeated)
    }
    rows: list[tuple[str, Callable[[], object], str | None]] = [
        ("json.loads", lambda: json.loads(text), None),
        ("pydantic (same rules)", partial(pydantic_model.is_valid, text), text),
        ("pydantic, 50 admins", partial(pydantic_model.is_valid, repeated), repeated),
        ("floor: phone + e-mail", _floor(unique), text),
        ("sc.validate", partial(sc.validate, text), text),
        ("sc.validate, 50 admins", partial(sc.validate, repeated), repeated),
        ("sc.validate, 10% wrong", partial(sc.validate, wrong), text),
        ("sc.validate, 50, 10% wrong", partial(sc.validate, repeated_wrong), repeated),
        ("sc.loads", partial(sc.loads, text), text),
        ("sc.dumps", partial(sc.dumps, demande), None),
        ("json.dumps (same value)", partial(json.dumps, plain, ensure_ascii=False, indent=2), None),
        ("sc.validate_embedded", partial(sc.validate_embedded, editor), text),
        ("sc.replace_blocks, 1", partial(sc.replace_blocks, editor, one), None),
        (f"sc.replace_blocks, {len(tenth)}", partial(sc.replace_blocks, editor, tenth), None),
    ]
    print(f"\n{size} legal entities, {len(text) / 1e6:.1f} MB, best of {repeat}")
    print(
        f"{'step':28} {'µs/entity':>10} {'entities/s':>11} {'× json.loads':>13}"
        f" {'× pydantic':>11} {'peak MiB':>9}"
    )
    for name, step, against in rows:
        if name == "json.loads":
            best = baseline
        elif name.startswith("pydantic") and against is not None:
            best = pydantic[against]  # the same measure as the ratios' denominator
        else:
            best = _best(step, repeat)
        ratio = f"{best / pydantic[against]:>11.2f}" if against else f"{'':>11}"
        print(
            f"{name:28} {best / size * 1e6:>10.1f} {size / best:>11.0f}"
            f" {best / baseline:>13.1f} {ratio} {_peak(step):>9.1f}",
            flush=True,
        )
    embedded = _interleaved(
        partial(sc.validate, text), partial(sc.validate_embedded, editor), repeat
    )
    print(f"validate_embedded / validate, measured alternately: {embedded:.2f}", flush=True)


def _interleaved(first: Callable[[], object], second: Callable[[], object], repeat: int) -> float:
    """Best time of ``second`` over best time of ``first``, the two run by turns so
    that a busy spell of a shared machine weighs on both."""
    firsts, seconds = [], []
    for _ in range(max(repeat, 5)):
        firsts.append(_best(first, 1))
        seconds.append(_best(second, 1))
    return min(seconds) / min(firsts)


def _peak(step: Callable[[], object]) -> float:
    """The most memory the step holds at once, in MiB (tracemalloc)."""
    fields.clear_cache()
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        table(size, args.repeat)


if __name__ == "__main__":
    main()
