"""The SDK against plain ``json.loads``, against the libraries it calls, and against what
a careful user would write instead — every figure of the README's performance table.

Run: ``python bench/bench_table.py [--sizes 1000 10000 100000] [--rounds R]``.

For generated requests (70 % of the legal entities ordering a certificate) it
prints, at each size, the time per entity of each step, its ratio to
``json.loads`` of the same text and, for the checks, the fair model's time over
ours: ``bench/pydantic_model.py`` is a pydantic v2 model of the same rules,
written as a careful user writes it (phones read France first) and kept honest
by ``tests/project/test_bench_baseline.py``, which holds it to ``validate()``'s
verdict. Every step runs once a round, the rounds in turn, and the best of the
rounds is kept, so that a busy spell of a shared machine weighs on all alike;
the field checks' caches are emptied before each call of ours (``fresh``), except
in the ``50 admins`` rows, where 50 administrators serve every entity and the
caches work within the call.

Rows: the fair model and ``validate``, fresh and with 50 administrators repeated; the
floor (phonenumbers and email-validator called alone, as the model calls them); the
SDK's own work (``validate`` with the phone and e-mail checks answering at once);
``validate`` with 10 % of the orders wrong; ``loads``; ``dumps`` against ``json.dumps``;
``validate_embedded`` on the same entities in an editor's document; ``replace_blocks``;
reading the request's sheet as CSV and as .xlsx, alone (the goal's figure, as the
performance issue measured it) and with its rows written into the request (printed
beside it); the fair model and ``validate`` again with Python's cyclic garbage collector
paused during the call (what the collector's scans cost, which grow with what the
process holds). The inputs of a size — the requests as Python values, their models — are
frozen out of the collector's scans (``gc.freeze()``) while its steps run, so that each
step pays for the objects it makes and not for what the harness holds for the others.
Then ``import segur_certificats`` and a one-entity ``validate`` against ``python -c
pass``, memory peaks, and the goals, each with its verdict.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import email_validator
import phonenumbers

import segur_certificats as sc
from segur_certificats import finess, sheets
from segur_certificats._rules import fields
from segur_certificats._vocabulary.keys import BLOCK_KEYS

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
    """phonenumbers and email-validator alone, on the same values, as the fair model
    calls them for a metropolitan number (one parse, one type look-up)."""
    certificats = [
        e["certificatServeur"] for e in value["entitesJuridiques"] if e.get("certificatServeur")
    ]

    def run() -> None:
        for certificat in certificats:
            number = phonenumbers.parse(certificat["telAdminTechnique"], "FR")
            phonenumbers.number_type(number)
            email_validator.validate_email(
                certificat["emailAdminTechnique"], check_deliverability=False
            )

    return run


@contextlib.contextmanager
def _answering_at_once() -> Iterator[None]:
    """The phone and e-mail checks answer at once: what is left is the SDK's own work."""
    phone, email = fields._phone_fault, fields._email_refusal
    fields._phone_fault = lambda text: (True, None)
    fields._email_refusal = lambda text: None
    try:
        yield
    finally:
        fields._phone_fault, fields._email_refusal = phone, email


def _own_work(text: str) -> Callable[[], object]:
    def run() -> object:
        with _answering_at_once():
            return sc.validate(text)

    return run


def _sheet(kind: str, text: str, folder: Path, into: bool) -> Callable[[], object]:
    """Reading the request's own sheet, filled; ``into``: its rows written into the
    request (which is read as well)."""
    path = folder / f"clients.{kind}"
    sheets.write_template(path, sc.loads(text))
    return partial(sheets.read, path, into=text.encode("utf-8") if into else None)


def _paused(step: Callable[[], object]) -> Callable[[], object]:
    """``step`` with the cyclic garbage collector paused while it runs."""

    def run() -> object:
        gc.disable()
        try:
            return step()
        finally:
            gc.enable()

    return run


def _rounds(steps: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The best time of each step over ``rounds`` rounds, each step once a round, in
    turn; the caches emptied before each call."""
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(rounds):
        for name, step in steps.items():
            sc.clear_cache()
            start = time.perf_counter()
            step()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def _peak(step: Callable[[], object]) -> float:
    """The most memory the step holds at once, in MiB (tracemalloc)."""
    sc.clear_cache()
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def table(size: int, rounds: int, folder: Path) -> dict[str, float]:
    """Print the rows for one size; the ratios the goals are judged on."""
    unique = request(size, None, 0.0)
    text = json.dumps(unique, ensure_ascii=False, indent=2)
    repeated = json.dumps(request(size, 50, 0.0), ensure_ascii=False, indent=2)
    wrong = json.dumps(request(size, None, 0.1), ensure_ascii=False, indent=2)
    demande = sc.loads(text)
    plain = json.loads(text)
    editor = json.dumps(
        {"dossier": {"montant": 1500.10, "beneficiaires": plain["entitesJuridiques"]}}, indent=2
    )
    found = sc.validate_embedded(editor).blocks
    blocks = [b for b in found if b.entite and b.entite.administrateur]

    def renamed(block: sc.Block) -> sc.EntiteJuridique:
        assert block.entite is not None
        assert block.entite.administrateur is not None
        return block.entite.evolve(administrateur=block.entite.administrateur.evolve(nom="VIE"))

    one = {blocks[-1].path: renamed(blocks[-1])}
    steps: dict[str, Callable[[], object]] = {
        "json.loads": partial(json.loads, text),
        "fair pydantic model, fresh": partial(pydantic_model.is_valid, text),
        "fair pydantic model, 50 admins": partial(pydantic_model.is_valid, repeated),
        "floor: phonenumbers + e-mail": _floor(unique),
        "sc.validate, fresh": partial(sc.validate, text),
        "sc.validate, 50 admins": partial(sc.validate, repeated),
        "own work (checks stubbed)": _own_work(text),
        "sc.validate, 10% wrong": partial(sc.validate, wrong),
        "sc.validate_embedded": partial(sc.validate_embedded, editor),
        "sc.loads": partial(sc.loads, text),
        "sc.dumps": partial(sc.dumps, demande),
        "json.dumps (same value)": partial(json.dumps, plain, ensure_ascii=False, indent=2),
        "sc.replace_blocks, 1 block": partial(sc.replace_blocks, editor, one),
        "sheet CSV": _sheet("csv", text, folder, into=False),
        "sheet .xlsx": _sheet("xlsx", text, folder, into=False),
        "sheet CSV into the request": _sheet("csv", text, folder, into=True),
        "sheet .xlsx into the request": _sheet("xlsx", text, folder, into=True),
        "fair model, fresh, gc paused": _paused(partial(pydantic_model.is_valid, text)),
        "sc.validate, fresh, gc paused": _paused(partial(sc.validate, text)),
    }
    # The inputs above (the requests as Python values, their models, the sheets' text)
    # are moved out of the cyclic collector's reach: each step then pays for the
    # objects it makes, not for the millions the harness holds for the other steps
    # (a long-running application does the same with gc.freeze() after start-up).
    gc.collect()
    gc.freeze()
    try:
        best = _rounds(steps, rounds)
        peaks = {name: _peak(steps[name]) for name in ("json.loads", "sc.validate, fresh")}
    finally:
        gc.unfreeze()
    baseline = best["json.loads"]
    model = {
        "sc.validate, fresh": best["fair pydantic model, fresh"],
        "sc.validate, 50 admins": best["fair pydantic model, 50 admins"],
        "sc.validate, 10% wrong": best["fair pydantic model, fresh"],
        "sc.validate, fresh, gc paused": best["fair model, fresh, gc paused"],
    }
    print(f"\n{size} legal entities, {len(text) / 1e6:.1f} MB, best of {rounds} rounds")
    print(f"{'step':32} {'µs/entity':>10} {'× json.loads':>13} {'model ÷ ours':>13}")
    for name, seconds in best.items():
        against = f"{model[name] / seconds:>13.2f}" if name in model else f"{'':>13}"
        print(f"{name:32} {seconds / size * 1e6:>10.1f} {seconds / baseline:>13.1f} {against}")
    validate_peak = peaks["sc.validate, fresh"]
    print(f"peak MiB: json.loads {peaks['json.loads']:.1f}, validate {validate_peak:.1f}")
    validate = best["sc.validate, fresh"]
    return {
        "fresh: model ÷ ours": model["sc.validate, fresh"] / validate,
        "50 admins: model ÷ ours": model["sc.validate, 50 admins"] / best["sc.validate, 50 admins"],
        "own work × json.loads": best["own work (checks stubbed)"] / baseline,
        "validate_embedded × validate": best["sc.validate_embedded"] / validate,
        "sheet CSV × validate": best["sheet CSV"] / validate,
        "sheet .xlsx × validate": best["sheet .xlsx"] / validate,
        "sheet CSV into the request × validate": best["sheet CSV into the request"] / validate,
        "sheet .xlsx into the request × validate": best["sheet .xlsx into the request"] / validate,
        "dumps × json.dumps": best["sc.dumps"] / best["json.dumps (same value)"],
        "10% wrong × valid": best["sc.validate, 10% wrong"] / validate,
        "memory peak × json.loads": peaks["sc.validate, fresh"] / peaks["json.loads"],
        "µs/entity, fresh": validate / size * 1e6,
    }


def _start_up(rounds: int) -> tuple[float, float]:
    """``import segur_certificats`` and ``validate`` of a one-entity request, and the
    floor of it (``import attrs, phonenumbers``), each over ``python -c pass``: best
    of ``rounds`` runs each (at least 10), in turn."""
    one = _EXAMPLE.read_text(encoding="utf-8")
    commands = {
        "bare": "pass",
        "floor": "import attrs, phonenumbers",
        "ours": f"import segur_certificats as sc; sc.validate({one!r})",
    }
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(max(rounds, 10)):
        for kept, command in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", command], check=True)
            best[kept] = min(best[kept], time.perf_counter() - start)
    return best["ours"] / best["bare"], best["floor"] / best["bare"]


#: The goals of the performance work, as (figure, bound, at least or at most).
GOALS: tuple[tuple[str, float, str], ...] = (
    ("fresh: model ÷ ours", 2.0, "≥"),
    ("50 admins: model ÷ ours", 4.0, "≥"),
    ("own work × json.loads", 10.0, "≤"),
    ("validate_embedded × validate", 1.15, "≤"),
    ("sheet CSV × validate", 1.3, "≤"),
    ("sheet .xlsx × validate", 2.0, "≤"),
    ("dumps × json.dumps", 1.5, "≤"),
    ("10% wrong × valid", 1.5, "≤"),
    ("memory peak × json.loads", 2.0, "≤"),
)


def main() -> None:
    """Measure and print the tables, then each goal and its verdict."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = {size: table(size, args.rounds, Path(folder)) for size in args.sizes}
    start_up, floor = _start_up(args.rounds)
    print("\ngoals (every size):")
    for name, bound, sense in GOALS:
        values = [figures[size][name] for size in args.sizes]
        met = all(v >= bound if sense == "≥" else v <= bound for v in values)
        shown = " / ".join(f"{v:.2f}" for v in values)
        print(f"  {'✓' if met else '✗'} {name} {sense} {bound}: {shown}")
    for kind in ("CSV", ".xlsx"):
        name = f"sheet {kind} into the request × validate"
        shown = " / ".join(f"{figures[size][name]:.2f}" for size in args.sizes)
        print(f"    ({name}, no goal: {shown})")
    flat = [figures[size]["µs/entity, fresh"] for size in args.sizes]
    print(f"  cost per entity, fresh, µs: {' / '.join(f'{v:.1f}' for v in flat)}")
    mark = "✓" if start_up <= 6 else "✗"
    print(f"  {mark} import + one-entity validate × python -c pass ≤ 6: {start_up:.2f}")
    print(f"    (import attrs, phonenumbers alone × python -c pass: {floor:.2f})")


if __name__ == "__main__":
    main()
