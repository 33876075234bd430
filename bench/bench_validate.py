"""How much reading and validating cost, against plain ``json.loads`` of the same text.

Run: ``python bench/bench_validate.py [--entities N] [--repeat R]``. Prints the
best time of each step and its ratio to the ``json.loads`` baseline measured
in the same run, so the numbers compare across machines.
"""

from __future__ import annotations

import argparse
import json
import timeit
from collections.abc import Callable
from pathlib import Path

import segur_certificats as sc
from segur_certificats import finess

_EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "ms2-editeur-carte-obligatoire.json"
)


def _document(entities: int) -> str:
    base = json.loads(_EXAMPLE.read_text(encoding="utf-8"))
    template = base["entitesJuridiques"][0]
    items = []
    for i in range(entities):
        head = f"{33000000 + i:08d}"
        item = json.loads(json.dumps(template))
        item["finessJuridique"] = head + finess.calc_check_digit(head)
        items.append(item)
    base["entitesJuridiques"] = items
    return json.dumps(base, ensure_ascii=False, indent=2)


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = _document(args.entities)
    demande = sc.loads(text)
    # The same entities inside an editor's own document, one of them changed.
    editor = json.dumps(
        {"dossier": {"montant": 1500.10, "beneficiaires": json.loads(text)["entitesJuridiques"]}},
        indent=2,
    )
    last = sc.validate_embedded(editor).blocks[-1]
    if last.entite is None or last.entite.administrateur is None:
        raise SystemExit("the benchmark document should end with an order")
    renamed = last.entite.administrateur.evolve(nom="VIE")
    changed = {last.path: last.entite.evolve(administrateur=renamed)}
    steps: list[tuple[str, Callable[[], object]]] = [
        ("json.loads (baseline)", lambda: json.loads(text)),
        ("sc.loads", lambda: sc.loads(text)),
        ("sc.dumps", lambda: sc.dumps(demande)),
        ("sc.validate(text)", lambda: sc.validate(text)),
        ("sc.validate_embedded", lambda: sc.validate_embedded(editor)),
        ("sc.replace_blocks (1)", lambda: sc.replace_blocks(editor, changed)),
    ]
    print(f"{args.entities} legal entities, {len(text) / 1024:.0f} KiB, best of {args.repeat}")
    baseline = 0.0
    for name, step in steps:
        best = min(timeit.repeat(step, number=1, repeat=args.repeat))
        baseline = baseline or best
        print(f"{name:24} {best * 1000:9.2f} ms  {best / baseline:7.1f} x json.loads")


if __name__ == "__main__":
    main()
