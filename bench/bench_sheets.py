"""Reading a filled sheet against validating the same request as JSON.

Run: ``python bench/bench_sheets.py [--sizes 1000 10000] [--repeat R] [--readers]``.

For generated requests (the ``bench_table`` generator), each size writes the
template of the request as CSV and as XLSX, then times, in the same run:
``json.loads`` and ``validate()`` of the request's JSON, ``sheets.read()`` of
the CSV and of the XLSX (the rules included), and ``sheets.read(into=…)``
that also writes the blocks back. Each row gives µs per legal entity and the
ratio to ``validate()``: what the sheet costs beyond the rules, the ratio of
the XLSX to the CSV, and each read's peak memory (resident, in a process of its
own). The cost per row stays flat as the sheet grows (nothing quadratic in rows
or problems).

``--readers`` also times reading the workbook's cells alone with each reader
considered (docs: sheets.md#limits): this package's reader (zipfile and expat),
openpyxl's read-only mode and python-calamine (when installed).

``--worst`` reads the worst sheet the default size limit lets in: as many rows as
it allows (one per `BYTES_PER_ROW` bytes of the limit), every cell of every row
wrong (eleven problems a row, each value its own), as CSV; it prints the problems
found, the time and the peak resident memory (docs: sheets.md#limits).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
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
    ratio = times["sheets.read (XLSX)"] / times["sheets.read (CSV)"]
    print(f"XLSX / CSV: {ratio:.2f}")
    for path in (csv_path, xlsx_path):
        print(f"peak memory, sheets.read({path.suffix}): {_peak_mb(path)} MB", flush=True)


# The process's own peak, in MB: Linux's VmHWM (ru_maxrss keeps the high-water
# mark of the benchmark that started it across exec, hundreds of MB), else ru_maxrss.
_PEAK_OF_SELF = (
    "import resource, sys, time\n"
    "def peak():\n"
    "    try:\n"
    "        with open('/proc/self/status') as status:\n"
    "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM:')) // 1024\n"
    "    except (OSError, StopIteration):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
)
_PEAK = (
    _PEAK_OF_SELF + "from segur_certificats import sheets\nsheets.read(sys.argv[1])\nprint(peak())"
)


def _peak_mb(path: Path) -> int:
    """The peak resident memory of a process that reads ``path``, in MB."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


_WORST_ROW = "{i:08d}X;R;Peut-être;Bof{i};Chef{i};Hmm{i};12{i};N@me{i}!;+99 {i};x{i};XYZ{i}"


def worst(folder: Path) -> None:
    """The sheet at the row bound with an error in every cell: its peak memory."""
    from segur_certificats._codec.files import MAX_SIZE  # noqa: PLC0415
    from segur_certificats.sheets._cells import BYTES_PER_ROW  # noqa: PLC0415

    rows = MAX_SIZE // BYTES_PER_ROW - 1  # the header is a row too
    path = folder / "worst.csv"
    sheets.write_template(path, [])  # the template's header, then the rows
    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    with path.open("w", encoding="utf-8") as out:
        out.write(header + "\n")
        for i in range(rows):
            out.write(_WORST_ROW.format(i=i) + "\n")
    size = path.stat().st_size / 2**20
    print(f"\nthe worst sheet: {rows} rows, every cell wrong, {size:.1f} MiB of CSV")
    done = subprocess.run(
        [sys.executable, "-c", _WORST, str(path)], capture_output=True, text=True, check=True
    )
    problems, seconds, peak = done.stdout.split()
    print(f"{int(problems):,} problems in {float(seconds):.1f} s, peak {peak} MiB resident")


_WORST = _PEAK_OF_SELF + (
    "from segur_certificats import sheets\n"
    "t = time.perf_counter(); report = sheets.read(sys.argv[1])\n"
    "print(len(report.problems), time.perf_counter() - t, peak())"
)


def readers(size: int, repeat: int, folder: Path) -> None:
    """Time reading the workbook's cells alone, with each reader considered."""
    from openpyxl import load_workbook  # noqa: PLC0415

    from segur_certificats.sheets import _formats  # noqa: PLC0415

    path = folder / f"c{size}.xlsx"
    data = path.read_bytes()

    def streaming() -> object:
        return _formats.read_sheet(path.name, data, 1 << 30)

    def openpyxl_read_only() -> object:
        book = load_workbook(path, read_only=True, data_only=False)
        return [[c.value for c in row] for row in book.worksheets[0].iter_rows()]

    steps: list[tuple[str, Callable[[], object]]] = [
        ("this package (zipfile + expat)", streaming),
        ("openpyxl read-only", openpyxl_read_only),
    ]
    try:
        import python_calamine  # noqa: PLC0415
    except ImportError:
        print("python-calamine: not installed")
    else:

        def calamine() -> object:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            return book.get_sheet_by_index(0).to_python()

        steps.append(("python-calamine", calamine))
    print(f"\nreading the cells of {size} rows of XLSX, best of {repeat}")
    for name, step in steps:
        spent = _best(step, repeat)
        print(f"{name:28} {spent:>7.2f} s {spent / size * 1e6:>8.1f} µs/row", flush=True)


def main() -> None:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--readers", action="store_true", help="compare the XLSX readers")
    parser.add_argument("--worst", action="store_true", help="only the worst sheet's memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.worst:
            worst(Path(folder))
            return
        for size in args.sizes:
            table(size, args.repeat, Path(folder))
            if args.readers:
                readers(size, args.repeat, Path(folder))


if __name__ == "__main__":
    main()
