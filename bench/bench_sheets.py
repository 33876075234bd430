"""Reading a filled sheet against validating the same request as JSON.

Run: ``python bench/bench_sheets.py [--sizes 1000 10000] [--repeat R]``.

For generated requests (the ``bench_table`` generator), each size writes the
template of the request as CSV and as XLSX, then times, in the same run:
``json.loads`` and ``validate()`` of the request's JSON, ``sheets.read()`` of
the CSV and of the XLSX (the rules included), and ``sheets.read(into=…)``
that also writes the blocks back. Each row gives µs per legal entity and the
ratio to ``validate()``: what the sheet costs beyond the rules. The cost per
row stays flat as the sheet grows (nothing quadratic in rows or problems).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

import bench_table

import segur_certificats as sc
from segur_certificats import sheets


def _best(step: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(step, setup=sc.clear_cache, number=1, repeat=repeat))


def table(size: int, repeat: int, folder: Path) -> None:
    """Print the rows for one size."""
    text = json.dumps(bench_table.request(size, None, 0.0), ensure_ascii=False, indent=2)
    demande = sc.loads(text)
    csv_path, xlsx_path = folder / f"c{size}.csv", folder / f"c{size}.xlsx"
    sheets.write_template(csv_path, demande)
    sheets.write_template(xlsx_path, demande)
    assert sheets.read(csv_path).entites == demande.entites_juridiques
    rows: list[tuple[str, Callable[[], object]]] = [
        ("json.loads", partial(json.loads, text)),
        ("sc.validate (JSON)", partial(sc.validate, text)),
        ("sheets.read (CSV)", partial(sheets.read, csv_path)),
        ("sheets.read (CSV, into)", partial(sheets.read, csv_path, into=text)),
        ("sheets.read (XLSX)", partial(sheets.read, xlsx_path)),
    ]
    times = {name: _best(step, repeat) for name, step in rows}
    base = times["sc.validate (JSON)"]
    print(f"\n{size} legal entities, best of {repeat}")
    print(f"{'step':26} {'µs/entity':>10} {'× validate':>11}")
    for name, spent in times.items():
        print(f"{name:26} {spent / size * 1e6:>10.1f} {spent / base:>11.2f}", flush=True)


def main() -> None:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            table(size, args.repeat, Path(folder))


if __name__ == "__main__":
    main()
