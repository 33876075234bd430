"""``segur-certificats serve`` as people start it: it binds the loopback, prints
its address, answers, logs one line per request, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import sys
import time
import urllib.request

import pytest

from .running import serving

pytest.importorskip("uvicorn", reason="the [serve] extra is not installed")


def test_serve_prints_its_address_answers_and_stops_on_ctrl_c():
    with serving() as (address, process):
        assert address.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(address + "healthz", timeout=10) as answer:
            assert json.load(answer)["status"] == "ok"
            assert answer.headers["x-content-type-options"] == "nosniff"
            assert answer.headers.get("server") is None
        request = urllib.request.Request(
            address + "api/v1/validate",
            data=b'{"nomAdminTechnique": "DUPONT"}',
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert json.load(answer)["ok"] is False
    assert process.returncode == 0
    assert process.stderr is not None
    log = process.stderr.read()
    lines = [line for line in log.splitlines() if " id=" in line]
    assert len(lines) == 2
    assert " GET /healthz 200 " in lines[0]
    assert " POST /api/v1/validate 200 " in lines[1]
    assert "DUPONT" not in log
    assert "127.0.0.1" not in "\n".join(lines)  # no client address


def test_open_opens_the_page_in_the_browser(tmp_path):
    opened = tmp_path / "opened"
    script = f"import sys, pathlib; pathlib.Path({json.dumps(str(opened))}).write_text(sys.argv[1])"
    browser = f"{sys.executable} -c '{script}' %s"
    with serving("--open", env={"BROWSER": browser}) as (address, _):
        deadline = time.monotonic() + 20
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text() == address


def test_a_port_taken_is_exit_status_2():
    with serving() as (address, _):
        port = address.rsplit(":", 1)[1].strip("/")
        import subprocess  # noqa: PLC0415

        done = subprocess.run(
            [sys.executable, "-m", "segur_certificats", "serve", "--port", port],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
