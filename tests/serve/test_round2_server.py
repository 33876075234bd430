"""The server under attack, second round (issue 27): only the page and the user's
own programs reach it (docs: serve.md#safety), work stops when its time is up,
answers are bounded (docs: serve.md#bounded-answers), idle connections are
closed and a stop ends within its grace period."""

from __future__ import annotations

import asyncio
import http.client
import json
import signal
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import sheets
from segur_certificats._pipeline.source import Budget, Expired, within

from ..conftest import ROOT
from ..fuzz.strategies import SLICE, editor_texts, envelope_texts
from .running import serving

pytest.importorskip("starlette", reason="the [serve] extra is not installed")
from starlette.testclient import TestClient

from segur_certificats.serve._app import create_app
from segur_certificats.serve._guard import Guard
from segur_certificats.serve._limits import Limits
from segur_certificats.serve._refusals import Refusal
from segur_certificats.serve._work import Pool

REQUEST = ROOT / "examples/ms1-plusieurs-entites.json"
DAMAGED = ROOT / "examples/sheets/clients-a-corriger.xlsx"
DOSSIER = ROOT / "examples/embedded/dossier-editeur.json"


def zeros(count: int) -> bytes:
    """A request of ``count`` legal entities that are not objects: a problem each."""
    return b'{"entitesJuridiques":[' + b",".join([b"0"] * count) + b"]}"


def refused(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["requestId"] == response.headers["x-request-id"]
    return body


def wait_for(state: Callable[[], bool], seconds: float = 60) -> bool:
    """Whether ``state`` came true within ``seconds`` (a generous bound, no timing)."""
    deadline = time.monotonic() + seconds
    while not state():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# -- only the page and the user's own programs (docs: serve.md#safety) ------------------------

OTHER_ORIGINS = [
    "https://evil.example",
    "null",  # a sandboxed frame, a file
    "http://testserver.evil.example",
    "http://testserver:8080",  # another port is another origin
    "https://testserver",  # another scheme too
    "http://127.0.0.1",  # this machine, but not the name the page was reached by
    "not an origin",
    "",
]


@pytest.mark.parametrize("origin", OTHER_ORIGINS)
@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/api/v1/validate", {"content": b"{}", "headers": {"content-type": "text/plain"}}),
        ("/api/v1/validate-embedded", {"content": b"{}"}),
        ("/api/v1/sheets/import", {"files": {"sheet": ("a.csv", b"x")}}),
        ("/api/v1/sheets/template", {"content": b""}),
    ],
)
def test_a_page_of_another_origin_is_refused_before_any_work(monkeypatch, origin, path, kwargs):
    calls: list[str] = []
    monkeypatch.setattr(Pool, "run", lambda *_: calls.append("work"))
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        headers = {**kwargs.pop("headers", {}), "origin": origin}
        response = client.post(path, headers=headers, **kwargs)
    body = refused(response, 403, "serve.origin")
    assert calls == []
    assert "--cors" in body["detail"]


def test_the_body_of_a_refused_origin_is_not_read():
    calls: list[str] = []
    answered: list[dict[str, Any]] = []

    async def app(scope, receive, send):  # pragma: no cover - must not run
        calls.append("app")

    async def receive():  # pragma: no cover - must not run
        calls.append("receive")
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        answered.append(message)

    scope = {
        "type": "http",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "method": "POST",
        "path": "/api/v1/validate",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"origin", b"https://evil.example")],
    }
    asyncio.run(Guard(app, Limits())(scope, receive, send))
    assert calls == []
    assert answered[0]["status"] == 403


@pytest.mark.parametrize("origin", [None, "http://testserver", "HTTP://TESTSERVER:80"])
def test_the_page_itself_and_programs_are_served(origin):
    headers = {"content-type": "application/json"}
    if origin is not None:
        headers["origin"] = origin
    with TestClient(create_app()) as client:
        response = client.post("/api/v1/validate", content=REQUEST.read_bytes(), headers=headers)
    assert response.status_code == 200
    assert response.json()["ok"] is True


def test_an_origin_cors_names_is_served_and_no_other():
    with TestClient(create_app(cors=["https://editeur.example"])) as client:
        allowed = client.post(
            "/api/v1/validate", content=b"{}", headers={"origin": "https://editeur.example"}
        )
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://editeur.example"
        other = client.post(
            "/api/v1/validate", content=b"{}", headers={"origin": "https://other.example"}
        )
        refused(other, 403, "serve.origin")


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",  # a name made to resolve to this machine (DNS rebinding)
        "evil.example:80",
        "testserver:8080",  # not the port served
        "localhost:8000",
        "127.0.0.2",
        "user@testserver",
        "",
    ],
)
def test_a_host_that_is_not_the_address_served_is_refused(host):
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        response = client.get("/healthz", headers={"host": host})
    refused(response, 403, "serve.host")


@pytest.mark.parametrize(
    "host", ["testserver", "TestServer:80", "localhost", "127.0.0.1:80", "[::1]", "[::1]:80"]
)
def test_the_address_served_and_the_loopback_are_served(host):
    with TestClient(create_app()) as client:
        assert client.get("/healthz", headers={"host": host}).status_code == 200


def test_an_allowed_name_is_served():
    with TestClient(create_app(hosts=["poste.local"]), raise_server_exceptions=False) as client:
        assert client.get("/healthz", headers={"host": "poste.local"}).status_code == 200
        refused(client.get("/healthz", headers={"host": "other.local"}), 403, "serve.host")


def test_the_running_server_checks_origin_and_host():
    with serving() as (address, _):
        port = int(address.rsplit(":", 1)[1].strip("/"))

        def post(headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.putrequest("POST", "/api/v1/validate", skip_host=True)
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.putheader("content-type", "text/plain")
            connection.putheader("content-length", "2")
            connection.endheaders(b"{}")
            answer = connection.getresponse()
            status, body = answer.status, json.loads(answer.read())
            connection.close()
            return status, body

        own = f"127.0.0.1:{port}"
        assert post({"host": own})[0] == 200  # curl, a program
        assert post({"host": own, "origin": f"http://{own}"})[0] == 200  # the page
        assert post({"host": f"localhost:{port}", "origin": f"http://localhost:{port}"})[0] == 200
        status, body = post({"host": own, "origin": "https://evil.example"})
        assert (status, body["code"]) == (403, "serve.origin")
        status, body = post(
            {"host": f"evil.example:{port}", "origin": f"http://evil.example:{port}"}
        )
        assert (status, body["code"]) == (403, "serve.host")
        status, body = post({"host": "127.0.0.1:1"})
        assert (status, body["code"]) == (403, "serve.host")


# -- work stops when its time is up -----------------------------------------------------------

SOURCES: list[tuple[str, Callable[[], object]]] = [
    ("validate", lambda: sc.validate(zeros(50))),
    ("validate, no problem", lambda: sc.validate(REQUEST.read_bytes())),
    ("validate_embedded", lambda: sc.validate_embedded(DOSSIER.read_bytes())),
    ("sheets.read", lambda: sheets.read(DAMAGED, into=REQUEST.read_bytes())),
]


@pytest.mark.parametrize("run", [run for _, run in SOURCES], ids=[name for name, _ in SOURCES])
def test_every_source_stops_at_its_deadline(run):
    with within(Budget(deadline=time.monotonic() - 1)), pytest.raises(Expired):
        run()
    with within(Budget(deadline=time.monotonic() + 3600)):
        assert run() is not None
    assert run() is not None  # no budget: no deadline


def test_a_pool_closing_stops_the_work_it_runs():
    pool = Pool(Limits(workers=1, queue=0))
    started = threading.Event()

    def work() -> object:
        started.set()
        return sc.validate(zeros(4_000_000))

    async def main() -> BaseException | None:
        task = asyncio.ensure_future(pool.run(work, time.monotonic() + 3600))
        while not started.is_set():
            await asyncio.sleep(0.01)
        pool.close()
        try:
            await task
        except Refusal as refusal:
            return refusal
        return None

    refusal = asyncio.run(main())
    assert isinstance(refusal, Refusal)
    assert refusal.code == "serve.timeout"
    assert pool.held == 0


# -- bounded answers (docs: serve.md#bounded-answers) -------------------------------------------


def test_a_bounded_report_lists_the_first_problems_and_counts_them_all():
    full = sc.validate(zeros(300))
    bounded = sc.validate(zeros(300), max_problems=10)
    assert full.tally is None
    assert bounded.problems == full.problems[:10]
    assert bounded.tally is not None
    assert (bounded.tally.errors, bounded.tally.warnings) == (len(full.errors), len(full.warnings))
    assert bounded.tally.truncated
    assert bounded.ok is full.ok is False
    answer = bounded.to_dict("en")
    assert answer["truncated"] is True
    assert answer["counts"] == {"error": len(full.errors), "warning": len(full.warnings)}
    assert "truncated" not in full.to_dict()  # unbounded: as before


@SLICE
@given(text=st.one_of(envelope_texts(), editor_texts()), bound=st.integers(0, 6))
def test_any_bounded_report_agrees_with_the_whole_one(text, bound):
    full = sc.validate(text)
    bounded = sc.validate(text, max_problems=bound)
    assert bounded.tally is not None
    assert len(bounded.problems) <= bound
    assert set(bounded.problems) <= set(full.problems)
    assert bounded.ok is full.ok
    assert bounded.tally.errors == len(full.errors)
    assert bounded.tally.truncated is (len(full.problems) > bound)
    if not bounded.tally.truncated:
        assert bounded.problems == full.problems
        assert bounded.tally.warnings == len(full.warnings)
    assert (bounded.demande is None) is (full.demande is None)


def test_the_memory_of_a_bounded_report_follows_the_bound():
    def peak(run: Callable[[], object]) -> int:
        tracemalloc.start()
        try:
            run()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    body = zeros(40_000)
    whole = peak(lambda: sc.validate(body))
    bounded = peak(lambda: sc.validate(body, max_problems=100))
    # What remains follows the entities read (their pointers), not the problems.
    assert bounded * 2 < whole, (bounded, whole)


def test_the_api_answers_a_bounded_report():
    with TestClient(create_app(Limits(max_problems=25))) as client:
        answer = client.post("/api/v1/validate", content=zeros(5_000)).json()
        assert len(answer["problems"]) == 25
        assert answer["truncated"] is True
        whole = sc.validate(zeros(5_000))
        assert answer["counts"] == {"error": len(whole.errors), "warning": 0}
        assert answer["problems"] == whole.to_dict()["problems"][:25]
        assert answer["ok"] is False
        files = {"sheet": (DAMAGED.name, DAMAGED.read_bytes())}
        sheet = client.post("/api/v1/sheets/import", files=files).json()
        assert len(sheet["problems"]) <= 25
        assert set(sheet["counts"]) == {"error", "warning"}
        clean = client.post("/api/v1/validate", content=REQUEST.read_bytes()).json()
        assert (clean["truncated"], clean["counts"]) == (False, {"error": 0, "warning": 0})


def test_serve_takes_max_problems(capsys):
    from segur_certificats.cli import main  # noqa: PLC0415

    with pytest.raises(SystemExit):
        main(["serve", "--max-problems", "0"])
    assert "--max-problems" in capsys.readouterr().err


# -- idle connections, a stop within its grace period --------------------------------------------


def _closed(sock: socket.socket) -> bool:
    """Whether the server closed ``sock`` (it reads the end of the stream)."""
    try:
        return sock.recv(65536) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


@pytest.mark.parametrize(
    "sent",
    [b"", b"POST /api/v1/val", b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"],
    ids=["nothing", "half a request line", "headers never ended"],
)
def test_a_connection_without_a_whole_request_head_is_closed(sent):
    with serving() as (address, _):
        port = int(address.rsplit(":", 1)[1].strip("/"))
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(sent)
            assert wait_for(lambda: _closed(sock), 60)


def test_a_connection_idle_between_requests_is_closed():
    with serving() as (address, _):
        port = int(address.rsplit(":", 1)[1].strip("/"))
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            answer = b""
            while b'"ok"' not in answer:
                answer += sock.recv(65536)
            assert answer.startswith(b"HTTP/1.1 200")
            sock.sendall(b"GET /hea")  # the next request, never ended
            assert wait_for(lambda: _closed(sock), 60)


def test_sigterm_ends_the_server_and_its_work():
    with serving("--timeout", "3600") as (address, process):
        port = int(address.rsplit(":", 1)[1].strip("/"))
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        body = zeros(4_000_000)  # some 100 s of work unchecked
        head = (
            f"POST /api/v1/validate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        sock.sendall(head.encode() + body)
        time.sleep(2)  # the work under way (not a measure: the state waited for is the exit)
        process.send_signal(signal.SIGTERM)
        assert wait_for(lambda: process.poll() is not None, 40), "still running"
        sock.close()
    # uvicorn ends as the signal says once it has stopped cleanly.
    assert process.returncode in (0, -signal.SIGTERM)
