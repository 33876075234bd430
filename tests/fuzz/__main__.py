"""The long fuzz campaign: ``python -m tests.fuzz --seconds 3600`` (or ``--count``).

Runs the targets of ``test_fuzz.py`` on random inputs through Hypothesis'
``fuzz_one_input`` (no shrinking, no example database), one target after the
other, and prints how many inputs each one ran and how many failed. A failing
input is saved under ``fuzz-failures/`` and can be replayed with ``--replay``.
With ``--engine atheris`` (``pip install atheris``), libFuzzer's coverage-guided
mutation feeds the same targets instead.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import test_fuzz

TARGETS: dict[str, Any] = {
    "validate": test_fuzz.test_validate_and_loads,
    "values": test_fuzz.test_validate_parsed_values,
    "bytes": test_fuzz.test_validate_mutated_bytes,
    "embedded": test_fuzz.test_validate_embedded,
    "replace": test_fuzz.test_replace_blocks,
    "edit-html": test_fuzz.test_edit_sessions_and_screens,
}
FAILURES = Path("fuzz-failures")


def _one_input(test: Any) -> Callable[[bytes], bytes | None]:
    return test.hypothesis.fuzz_one_input  # type: ignore[no-any-return]


def _save(name: str, data: bytes) -> Path:
    FAILURES.mkdir(exist_ok=True)
    path = FAILURES / f"{name}-{hashlib.sha256(data).hexdigest()[:16]}.bin"
    path.write_bytes(data)
    return path


def run(name: str, count: int | None, seconds: float | None, seed: int) -> tuple[int, int, float]:
    """Inputs run, failures, seconds spent."""
    one_input = _one_input(TARGETS[name])
    rng = random.Random(f"{seed}-{name}")
    start = time.perf_counter()
    ran = failed = 0
    while (count is None or ran < count) and (
        seconds is None or time.perf_counter() - start < seconds
    ):
        data = rng.randbytes(rng.choice((64, 256, 1024, 4096)))
        try:
            if one_input(data) is not None:
                ran += 1
        except Exception:
            failed += 1
            ran += 1
            path = _save(name, data)
            print(f"{name}: failure saved in {path}", file=sys.stderr)
            traceback.print_exc()
    return ran, failed, time.perf_counter() - start


def replay(path: Path) -> None:
    name = path.name.rsplit("-", 1)[0]
    _one_input(TARGETS[name])(path.read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--targets", nargs="+", choices=sorted(TARGETS), default=sorted(TARGETS))
    parser.add_argument("--count", type=int, help="inputs per target")
    parser.add_argument("--seconds", type=float, help="time per target")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engine", choices=["random", "atheris"], default="random")
    parser.add_argument("--replay", type=Path, help="run one saved failure again")
    args = parser.parse_args(argv)
    if args.replay:
        replay(args.replay)
        return 0
    if args.count is None and args.seconds is None:
        parser.error("give --count or --seconds (per target)")
    if args.engine == "atheris":
        return _atheris(args.targets[0], args.count)
    print(f"{'target':<10} {'inputs':>10} {'failures':>9} {'inputs/s':>9}")
    failures = 0
    for name in args.targets:
        ran, failed, spent = run(name, args.count, args.seconds, args.seed)
        failures += failed
        print(f"{name:<10} {ran:>10} {failed:>9} {ran / spent:>9.0f}", flush=True)
    return 1 if failures else 0


def _atheris(name: str, count: int | None) -> int:  # pragma: no cover - optional engine
    import atheris  # type: ignore[import-untyped]  # noqa: PLC0415 - optional

    one_input = _one_input(TARGETS[name])
    options = [sys.argv[0], f"-runs={count or -1}"]
    atheris.Setup(options, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
