"""How the cost of a report grows with the document: invalid against valid.

Run: ``python bench/bench_scaling.py [--sizes 1000 10000 100000] [--repeat R]``.
For each size it times ``validate`` on a valid request, on the same request
with one bad phone number per entity (a rule problem each), and with one value
of the wrong type and one unknown key per entity (structure problems, read
leniently). It prints microseconds per entity and the ratio invalid/valid,
measured in the same run: a flat ratio across sizes means no cost grows with
entities × problems.
"""

from __future__ import annotations

import argparse
import copy
import json
import timeit
from functools import partial
from pathlib import Path
from typing import Any

import segur_certificats as sc
from segur_certificats import finess

_EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "ms2-editeur-carte-obligatoire.json"
)


def documents(entities: int) -> dict[str, str]:
    """The valid request of ``entities`` orders and its two broken variants."""
    base: dict[str, Any] = json.loads(_EXAMPLE.read_text(encoding="utf-8"))
    template = base["entitesJuridiques"][0]
    items = []
    for i in range(entities):
        head = f"{10000000 + i:08d}"
        item = copy.deepcopy(template)
        item["finessJuridique"] = head + finess.calc_check_digit(head)
        items.append(item)
    variants = {}
    for name in ("valid", "rule problems", "structure problems"):
        for item in items:
            certificat = item["certificatServeur"]
            certificat["telAdminTechnique"] = "0603334174" if name == "valid" else "0123"
            if name == "structure problems":
                certificat["telAdminTechnique"] = 603334174
                item["raisonSociale"] = "X"
        variants[name] = json.dumps({**base, "entitesJuridiques": items})
    return variants


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'entities':>9} {'document':<20} {'problems':>9} {'µs/entity':>10} {'× valid':>8}")
    for size in args.sizes:
        valid_time = 0.0
        for name, text in documents(size).items():
            problems = len(sc.validate(text).problems)
            best = min(timeit.repeat(partial(sc.validate, text), number=1, repeat=args.repeat))
            valid_time = valid_time or best
            print(
                f"{size:>9} {name:<20} {problems:>9} {best / size * 1e6:>10.1f}"
                f" {best / valid_time:>8.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
