"""``segur-certificats serve`` under load, on the loopback only.

Run: ``python bench/bench_serve.py [--clients 50] [--requests 100] [--entities 100]
[--deadline 600]``.

Starts the server in a process of its own (``--port 0``, 127.0.0.1), then
``--clients`` threads each send ``--requests`` ``POST /api/v1/validate`` of the
same generated request of ``--entities`` legal entities (the ``bench_table``
generator, 70 % ordering) on one kept-alive connection. Prints the errors (any
answer but a 200 with the report `validate()` gives), the requests per second, the p50 and
p99 latency, and the server's resident memory after the first thousand
requests and after the last: it must stay flat. Bounded in count and in time:
past ``--deadline`` seconds the clients stop and the figures say so.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import bench_table

import segur_certificats as sc
from segur_certificats.serve._refusals import encode

_ADDRESS = re.compile(r"http://127\.0\.0\.1:([0-9]+)/")


def resident(pid: int) -> int:
    """The process's resident memory, in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Load:
    """The clients' shared count, their latencies and errors, the memory samples."""

    def __init__(self, pid: int, total: int, deadline: float) -> None:
        self.pid = pid
        self.total = total
        self.deadline = deadline
        self.lock = threading.Lock()
        self.done = 0
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.memory: dict[str, int] = {}

    def record(self, latency: float, error: str | None) -> None:
        with self.lock:
            self.done += 1
            self.latencies.append(latency)
            if error is not None:
                self.errors.append(error)
            if self.done == min(1000, self.total):
                self.memory["after the first 1,000"] = resident(self.pid)


def client(port: int, body: bytes, count: int, load: Load, expected: bytes) -> None:
    """One client: ``count`` requests on one connection, until the deadline."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"content-type": "application/json"}
    for _ in range(count):
        if time.monotonic() > load.deadline:
            return
        start = time.perf_counter()
        error = None
        try:
            connection.request("POST", "/api/v1/validate", body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            if answer.status != 200 or data != expected:
                error = f"{answer.status} {data[:120]!r}"
        except (OSError, http.client.HTTPException) as exc:
            error = type(exc).__name__
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        load.record(time.perf_counter() - start, error)
    connection.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    """Serve, load, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=100, help="per client")
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds, at most")
    args = parser.parse_args()
    body = json.dumps(bench_table.request(args.entities, None, 0.0), ensure_ascii=False).encode()
    expected = encode(sc.validate(body).to_dict())
    server = subprocess.Popen(
        [sys.executable, "-m", "segur_certificats", "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # one log line per request: not what is measured
        text=True,
    )
    try:
        assert server.stdout is not None
        found = _ADDRESS.search(server.stdout.readline())
        assert found, "the server did not start"
        port = int(found[1])
        total = args.clients * args.requests
        start = time.monotonic()
        load = Load(server.pid, total, start + args.deadline)
        threads = [
            threading.Thread(target=client, args=(port, body, args.requests, load, expected))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start
        load.memory["after the last 1,000"] = resident(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)
    print(
        f"{args.clients} clients × {args.requests} requests of a {args.entities}-entity "
        f"request ({len(body):,} bytes), POST /api/v1/validate on 127.0.0.1"
    )
    print(f"requests answered: {load.done:,} of {total:,} in {elapsed:.1f} s", end="")
    print(" (deadline reached)" if load.done < total else "")
    print(f"errors: {len(load.errors)}" + (f", first: {load.errors[0]}" if load.errors else ""))
    print(f"requests/s: {load.done / elapsed:.1f}")
    print(
        f"latency p50: {percentile(load.latencies, 0.50) * 1000:.0f} ms, "
        f"p99: {percentile(load.latencies, 0.99) * 1000:.0f} ms"
    )
    for moment, kib in load.memory.items():
        print(f"server resident memory {moment}: {kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
