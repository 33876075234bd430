"""A real server for the tests: ``segur-certificats serve`` in a process of its own,
on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

from ..conftest import ROOT

_ADDRESS = re.compile(r"http://127\.0\.0\.1:[0-9]+/")


@contextlib.contextmanager
def serving(
    *options: str, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The address of a server started with ``options``; stopped with Ctrl-C (SIGINT)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "segur_certificats", "serve", "--port", "0", *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = _ADDRESS.search(line)
        assert found, line + (process.stderr.read() if process.stderr else "")
        yield found[0], process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 20
            while process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            if process.poll() is None:  # pragma: no cover - a stop that did not happen
                process.kill()
        process.wait(10)
