"""The server's routes and statuses through Starlette's ASGI test client (docs:
serve.md): every answer is what the package's public functions return, every
refusal a located JSON answer, never a 500 with a traceback."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import logging
import re
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import sheets
from segur_certificats._problems.catalogue import SERVE_CODES, render
from segur_certificats.cli import main
from segur_certificats.model import AdministrateurTechnique, StatutAdminTechnique
from segur_certificats.rules import card_requirement, scenarios
from segur_certificats.schema import json_schema

from ..conftest import EXAMPLES, ROOT
from ..fuzz.strategies import SLICE, editor_texts, envelope_texts, mutated_bytes, sheet_files
from ..sheets import raw
from ..sheets.test_sheets import HEADER, ordering_row

starlette = pytest.importorskip("starlette", reason="the [serve] extra is not installed")
from python_multipart.multipart import parse_options_header  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from segur_certificats.serve import _api as api  # noqa: E402
from segur_certificats.serve._app import ASSETS, create_app  # noqa: E402
from segur_certificats.serve._guard import LOGGER, SECURITY_HEADERS  # noqa: E402
from segur_certificats.serve._limits import Limits  # noqa: E402
from segur_certificats.serve._openapi import openapi  # noqa: E402
from segur_certificats.serve._refusals import (  # noqa: E402
    ACCEPT_CHARS,
    ACCEPT_RANGES,
    Refusal,
    language,
)
from segur_certificats.serve._work import Pool  # noqa: E402

REQUEST = ROOT / "examples/ms1-plusieurs-entites.json"
DAMAGED = ROOT / "examples/sheets/clients-a-corriger.xlsx"
DOSSIER = ROOT / "examples/embedded/dossier-editeur.json"
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


def served(data: bytes) -> sc.Report:
    """The report the API answers for ``data``: `validate()`'s, bounded as the server
    bounds it (docs: serve.md#bounded-answers)."""
    return sc.validate(data, max_problems=Limits().max_problems)


def small(**limits) -> TestClient:
    return TestClient(create_app(Limits(**limits)), raise_server_exceptions=False)


def refused(response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert body["requestId"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text
    return body


def secure(response) -> None:
    for name, value in SECURITY_HEADERS:
        assert response.headers[name] == value
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert len(response.headers["x-request-id"]) == 16


# -- the page -----------------------------------------------------------------------------


def test_the_page_runs_no_inline_script_nor_style(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    secure(response)
    page = BeautifulSoup(response.text, "html.parser")
    assert page.html is not None
    assert page.html["lang"] == "fr"
    scripts = page.find_all("script")
    assert scripts
    assert all(str(s.get("src", "")).startswith("/static/") and not s.string for s in scripts)
    for tag in page.find_all(True):
        assert "style" not in tag.attrs
        assert not [name for name in tag.attrs if name.startswith("on")]
    assert not page.find_all("style")
    # Every asset the page names is served by the package; nothing from elsewhere.
    named = [str(t.get("src") or t.get("href")) for t in page.find_all(["script", "link"])]
    assert {n.removeprefix("/static/") for n in named} == set(ASSETS)
    for name in ASSETS:
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200
        assert asset.headers["content-type"] == ASSETS[name]
        text = asset.text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name, not a fetch
        assert "http://" not in text
        assert "https://" not in text
    script = client.get("/static/app.js").text
    # The DOM is built with textContent: no HTML parsed from text, no inline style.
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", ".style"):
        assert forbidden not in script
    assert "eval(" not in script
    refused(client.get("/static/other.js"), 404, "serve.not-found")


def test_every_field_of_the_page_has_a_label(client):
    page = BeautifulSoup(client.get("/").text, "html.parser")
    labelled = {label.get("for") for label in page.find_all("label")}
    for field in page.find_all(["input", "select", "textarea"]):
        inside = field.find_parent("label") is not None
        assert inside or field.get("id") in labelled, field


# -- checking -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*EXAMPLES, DOSSIER], ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_validate_answers_the_report_of_validate(client, path, lang):
    data = path.read_bytes()
    response = client.post(f"/api/v1/validate?lang={lang}", content=data, headers=JSON)
    assert response.status_code == 200
    secure(response)
    assert response.json() == served(data).to_dict(lang)


@pytest.mark.parametrize(
    "body", [b"", b"not json", b'{"couloir": 3,\n}', b"\xff\xfe", b"[" * 100_000]
)
def test_a_bad_document_is_a_report_never_an_http_error(client, body):
    response = client.post("/api/v1/validate", content=body, headers=JSON)
    assert response.status_code == 200
    report = response.json()
    assert report == served(body).to_dict()
    assert report["ok"] is False


def test_text_problems_carry_their_line_and_column(client):
    response = client.post("/api/v1/validate?lang=en", content=b'{\n  "couloir": 3,\n}')
    (problem,) = response.json()["problems"]
    assert (problem["code"], problem["line"], problem["column"]) == ("json.syntax", 2, 15)


@pytest.mark.parametrize(
    "media",
    [
        "",
        "application/json",
        "text/plain; charset=UTF-8",
        "application/octet-stream",
        "application/vnd.api+json",
    ],
)
def test_a_json_text_may_come_as(client, media):
    headers = {"content-type": media} if media else {}
    response = client.post("/api/v1/validate", content=REQUEST.read_bytes(), headers=headers)
    assert response.json() == served(REQUEST.read_bytes()).to_dict()


@pytest.mark.parametrize(
    "media",
    [
        "image/png",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
        "text/html",
    ],
)
def test_a_media_type_it_cannot_read_is_415(client, media):
    response = client.post("/api/v1/validate", content=b"{}", headers={"content-type": media})
    body = refused(response, 415, "serve.media-type")
    secure(response)
    assert "application/json" in body["detail"]


# -- content negotiation (docs: serve.md#media-types, serve.md#languages) -----------------

# RFC 9110's tchar, and what a quoted string may hold (qdtext, or quoted as a pair).
TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
QUOTABLE = "\t" + "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0x80, 0x100)))


def _request(*content_types: bytes) -> Request:
    headers = [(b"content-type", value) for value in content_types]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers})


def _read(*content_types: bytes) -> tuple[str, dict[str, str]] | None:
    """What the API reads of these Content-Type headers, None when it refuses them."""
    try:
        return api._media(_request(*content_types), "application/json")
    except Refusal as refusal:
        assert (refusal.status, refusal.code) == (415, "serve.media-type")
        return None


@pytest.mark.parametrize(
    "media",
    [
        "Application/JSON",
        "APPLICATION/JSON; CHARSET=UTF-8",
        'application/json; charset="utf-8"',
        "application/json;charset=utf8",
        "application/json ; charset=UTF-8 ;",
        "application/json;",
        # A ";" in a quoted string separates nothing: there is no charset here.
        'application/json; profile="a;charset=latin-1"',
        'application/json; profile="say \\"hi\\""',
        "application/problem+json; charset=utf-8",
    ],
)
def test_a_json_text_may_come_as_any_ordinary_spelling(client, media):
    headers = {"content-type": media}
    response = client.post("/api/v1/validate", content=REQUEST.read_bytes(), headers=headers)
    assert response.json() == served(REQUEST.read_bytes()).to_dict()


@pytest.mark.parametrize(
    "media",
    [
        b";",
        b";;",
        b"; charset=utf-8",
        b"application",
        b"application/",
        b"/json",
        b"application/json; charset",
        b"application/json; =utf-8",
        b"application/json; charset=utf-8 utf-8",
        b'application/json; charset="utf-8',
        # Named twice, whatever the case: which one holds is anybody's guess.
        b"application/json; charset=latin-1; charset=utf-8",
        b"application/json; charset=utf-8; CharSet=utf-8",
        # RFC 2231's form: python-multipart decodes it or drops it, by version.
        b"application/json; charset*=utf-8''latin-1",
        # A quoted string that ends in an escaped backslash: parse_options_header runs
        # it into the charset after it.
        b'application/json; profile="a\\\\"; charset=latin-1',
        b"application/j\xe9son",
        b"application/json\x7f",
        b"application/json; profile=" + b"x" * api.MEDIA_CHARS,
    ],
)
def test_a_content_type_it_cannot_read_surely_is_415(client, media):
    assert _read(media) is None
    for path in (
        "/api/v1/validate",
        "/api/v1/validate-embedded",
        "/api/v1/sheets/template",
        "/api/v1/sheets/import",
    ):
        response = client.post(path, content=b"{}", headers={"content-type": media})
        refused(response, 415, "serve.media-type")


def test_a_form_names_its_boundary_once(client):
    form = client.post("/api/v1/sheets/import", files={"sheet": ("clients.csv", b"a;b\r\n")})
    assert form.status_code == 200
    media = form.request.headers["content-type"]
    boundary = media.partition("boundary=")[2]
    for hostile in (f"{media}; boundary=other", f"multipart/form-data; boundary=x; {media[20:]}"):
        assert boundary in hostile
        again = client.post(
            "/api/v1/sheets/import", content=form.request.content, headers={"content-type": hostile}
        )
        refused(again, 415, "serve.media-type")


def test_one_content_type_only(client):
    for second in ("application/json", "text/plain", ""):
        headers = [("content-type", "application/json"), ("content-type", second)]
        response = client.post("/api/v1/validate", content=b"{}", headers=headers)
        refused(response, 415, "serve.media-type")
    assert _read() == _read(b"") == _read(b" \t") == ("", {})


def test_a_quoted_value_is_read_as_rfc_9110_says():
    assert _read(b'text/plain; charset="UTF-8"') == ("text/plain", {"charset": "UTF-8"})
    assert _read(b'a/b; x="\\"q\\" \\\\"') == ("a/b", {"x": '"q" \\'})
    assert _read(b'a/b; x="a;b"; Y=c') == ("a/b", {"x": "a;b", "y": "c"})
    assert _read(b'a/b; x="\xe9"') == ("a/b", {"x": "\xe9"})
    # An escaped backslash at the end is read right when nothing follows it.
    assert _read(b'a/b; x="a\\\\"') == ("a/b", {"x": "a\\"})


@st.composite
def content_types(draw: st.DrawFn) -> tuple[bytes, tuple[str, dict[str, str]], bool, bool]:
    """A Content-Type written from its parts, the reading RFC 9110 gives it, whether
    a name is given twice, and whether it is plain: no name twice, no backslash."""
    media = draw(st.sampled_from(["application/json", "Text/Plain", "a+b/c.d", "multipart/x"]))
    token = st.text(TCHARS, min_size=1, max_size=8)
    names = st.one_of(
        st.sampled_from(["charset", "CharSet", "boundary"]),
        token.map(lambda text: text.replace("*", "")).filter(bool),
    )
    values = st.one_of(
        st.sampled_from(["utf-8", "latin-1", "a;b", 'a"b', "a\\", "\\", ""]),
        st.text(QUOTABLE, max_size=8),
    )
    # A name given twice, now and then.
    unique = None if draw(st.integers(0, 4)) == 0 else (lambda pair: pair[0].lower())
    parameters = draw(st.lists(st.tuples(names, values), max_size=4, unique_by=unique))
    ows = st.sampled_from(["", " ", "\t", "  "])
    text = media
    for name, value in parameters:
        if value and all(c in TCHARS for c in value) and draw(st.booleans()):
            written = value
        else:
            written = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        text += f"{draw(ows)};{draw(ows)}{name}={written}"
        if draw(st.booleans()):
            text += f"{draw(ows)};"  # an empty parameter
    lowered = [name.lower() for name, _ in parameters]
    twice = len(set(lowered)) < len(lowered)
    reading = (media.lower(), {name.lower(): value for name, value in parameters})
    return text.encode("latin-1"), reading, twice, not twice and "\\" not in text


@given(content_types())
def test_a_content_type_is_read_as_its_parts_say_or_refused(built):
    header, reading, twice, plain = built
    read = _read(header)
    if twice:
        assert read is None
    elif plain:
        assert read == reading
    else:  # a backslash python-multipart may not read as RFC 9110 does
        assert read in (reading, None)


def _hostile(data: bytes) -> bytes:
    # What an HTTP header can carry: no line break, no NUL.
    return data.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"")


HEADERS = st.one_of(
    st.binary(max_size=60),
    content_types().map(lambda built: built[0]),
    st.tuples(content_types(), st.binary(max_size=8)).map(lambda pair: pair[0][0] + pair[1]),
).map(_hostile)


@given(HEADERS)
def test_any_content_type_is_refused_or_read_as_parse_options_header_reads_it(header):
    read = _read(header)
    header = header.strip(b" \t")
    if read is not None and header:
        media, params = parse_options_header(header.decode("latin-1"))
        assert read[0] == media.decode("latin-1").lower()
        # An empty parameter (";;") is none.
        named = {k.decode("latin-1"): v.decode("latin-1") for k, v in params.items() if k or v}
        assert read[1] == named


@SLICE
@given(HEADERS)
def test_any_content_type_is_a_report_or_a_415_never_a_500(client, header):
    response = client.post("/api/v1/validate", content=b"{}", headers={"content-type": header})
    assert response.status_code in (200, 415), response.text
    read = _read(header)
    if response.status_code == 200:
        assert read is not None
        media, params = read
        assert media in ("", "application/json", "text/plain") or media.endswith(
            ("+json", "/octet-stream")
        )
        assert params.get("charset", "utf-8").lower() in ("utf-8", "utf8")
    response = client.post("/api/v1/sheets/import", content=b"x", headers={"content-type": header})
    assert response.status_code < 500, response.text
    assert response.status_code == 415 or (read is not None and read[0] == "multipart/form-data")


# Accept-Language: a reference model of RFC 9110's weights, over the languages the
# messages exist in.
_OWS = "[ \t]*"
_RANGE = r"\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*"
_ELEMENT = rf"({_RANGE})(?:{_OWS};{_OWS}[qQ]=(0(?:\.[0-9]{{0,3}})?|1(?:\.0{{0,3}})?))?"
_LIST = re.compile(rf"{_OWS}(?:{_ELEMENT})?{_OWS}(?:,{_OWS}(?:{_ELEMENT})?{_OWS})*")


def expected_language(header: str) -> str:
    if len(header) > ACCEPT_CHARS or not _LIST.fullmatch(header):
        return "fr"
    ranges = [
        (match.group(1).lower(), Decimal(match.group(2) or "1"))
        for match in re.finditer(
            rf"(?:^|,){_OWS}({_RANGE})(?:{_OWS};{_OWS}[qQ]=([0-9.]+))?", header
        )
    ]
    if len(ranges) > ACCEPT_RANGES:
        return "fr"
    ranked = []
    for preference, lang in enumerate(("fr", "en")):
        mine = [
            (q, at)
            for at, (tag, q) in enumerate(ranges)
            if tag == lang or tag.startswith(lang + "-")
        ]
        mine = mine or [(q, at) for at, (tag, q) in enumerate(ranges) if tag == "*"]
        if mine:
            q = max(q for q, _ in mine)
            at = min(at for weight, at in mine if weight == q)
            if q > 0:
                ranked.append((-q, at, preference, lang))
    return min(ranked)[3] if ranked else "fr"


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("en;q=0.1, fr;q=0.9", "fr"),
        ("fr;q=0.1, en;q=0.9", "en"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"),
        ("de-CH, de;q=0.9, en-GB;q=0.5", "en"),
        ("en;q=0.5, fr;q=0.5", "en"),  # a tie goes to the range named first
        ("fr;q=0, en;q=0.001", "en"),
        ("fr;q=0, *", "en"),
        ("en;q=0.5, *;q=0.8", "fr"),  # "*" weighs the languages no range names
        ("*", "fr"),
        ("de", "fr"),
        ("en;q=0", "fr"),  # nothing acceptable: French all the same
        ("EN ; Q=1.000", "en"),
        ("en;q=2", "fr"),
        ("en;q=abc", "fr"),
        ("en;q=", "fr"),
        ("en;q=0.0001", "fr"),
        ("en;level=1", "fr"),
        ("en_US", "fr"),
        (",".join(["en"] * ACCEPT_RANGES), "en"),
        (",".join(["en"] * (ACCEPT_RANGES + 1)), "fr"),
        ("en" + "-abcdefgh" * ((ACCEPT_CHARS - 2) // 9), "en"),  # a long range, within bounds
        ("en" + "-abcdefgh" * ((ACCEPT_CHARS - 2) // 9 + 1), "fr"),  # too long
    ],
)
def test_accept_language_weighs_its_ranges(client, accept, lang):
    assert language({}, accept) == lang == expected_language(accept)
    other = "en" if lang == "fr" else "fr"
    assert language({"lang": other}, accept) == other  # ?lang= wins
    assert language({"lang": "de"}, accept) == lang
    headers = {"accept-language": accept}
    answer = client.post("/api/v1/validate", content=b"{", headers=headers).json()
    assert answer == served(b"{").to_dict(lang)
    # The refusals say it in the same language, the guard's as the routes'.
    refusal = client.get("/nothing", headers=headers).json()
    assert refusal["detail"] == client.get(f"/nothing?lang={lang}").json()["detail"]
    with small(max_size=1) as limited:
        too_large = limited.post("/api/v1/validate", content=b"{}", headers=headers)
    assert too_large.json()["detail"] == render("serve.too-large", {"limit": "1"}, lang)


@st.composite
def accept_languages(draw: st.DrawFn) -> str:
    """An Accept-Language of ranges the server speaks or not, weighed or not: well
    formed, or with bad ranges and weights among the good ones."""
    ranges = ["fr", "en", "FR", "En", "fr-FR", "en-GB", "en-US", "de", "*", "es-419", "frr"]
    ranges += ["e", "zh-Hant-TW", "x-12345678", ""]
    thousandths = st.integers(0, 1000)
    weights = st.one_of(
        st.just(""),
        thousandths.map(lambda q: f";q={q // 1000}.{q % 1000:03d}"),
        thousandths.map(lambda q: f" ; Q={q / 1000:g}"),
        st.sampled_from([";q=0", ";q=1", ";q=0.", ";q=1.000"]),
    )
    if not draw(st.booleans()):  # malformed, some of them
        ranges += ["en_US", "fr-", "\xe9", "abcdefghi", "en fr"]
        bad = [";q=1.001", ";q=2", ";q=abc", ";q=", ";q=.5", ";q=0.0001", ";level=1", ";"]
        weights |= st.sampled_from([*bad, ";q=0.5;q=0.6", ";q =1", ";q=-0"])
    element = st.tuples(st.sampled_from(ranges), weights).map("".join)
    separator = st.sampled_from([",", ", ", " ,", ",,", ", ,", "\t,"])
    size = draw(st.sampled_from([3, 6, ACCEPT_RANGES + 4]))
    elements = draw(st.lists(element, max_size=size))
    return draw(st.sampled_from(["", " "])) + draw(separator).join(elements)


@given(st.one_of(accept_languages(), st.text(max_size=40)))
def test_accept_language_agrees_with_the_reference_model(accept):
    assert language({}, accept) == expected_language(accept)


def test_validate_embedded_takes_the_context_from_the_query(client):
    data = DOSSIER.read_bytes()
    query = "couloir=MS1&dateDepot=2023-10-02&lang=en"
    response = client.post(f"/api/v1/validate-embedded?{query}", content=data, headers=JSON)
    assert response.status_code == 200
    context = sc.RequestContext(
        type_demande=sc.TypeDemande.AVANCE,
        couloir="MS1",
        date_depot=__import__("datetime").date(2023, 10, 2),
    )
    report = sc.validate_embedded(data, context)
    answer = response.json()
    assert {k: answer[k] for k in ("ok", "problems")} == report.to_dict("en")
    assert [b["path"] for b in answer["blocks"]] == [b.path for b in report.blocks]
    first = report.blocks[0].entite
    assert first is not None
    assert answer["blocks"][0]["finessJuridique"] == first.finess_juridique
    # Without context, the rules that need the request do not run: other problems.
    late = client.post("/api/v1/validate-embedded?couloir=MS1&dateDepot=2023-01-02", content=data)
    assert "demande.before-feature" in {p["code"] for p in late.json()["problems"]} or (
        late.json()
        == sc.validate_embedded(
            data,
            sc.RequestContext(
                type_demande=sc.TypeDemande.AVANCE,
                couloir="MS1",
                date_depot=__import__("datetime").date(2023, 1, 2),
            ),
        ).to_dict()
        | {"blocks": late.json()["blocks"]}
    )


@pytest.mark.parametrize(
    "query", ["dateDepot=2023-13-01", "dateModification=20231002", "typeDemande=AUTRE"]
)
def test_a_wrong_parameter_is_422(client, query):
    response = client.post(f"/api/v1/validate-embedded?{query}", content=b"{}")
    body = refused(response, 422, "serve.parameter")
    assert query.split("=")[0] in body["detail"]


# -- spreadsheets ---------------------------------------------------------------------------


def _import(client, sheet: Path, request: Path | None = None, query: str = "", name=None):
    files = {"sheet": (name or sheet.name, sheet.read_bytes())}
    if request is not None:
        files["request"] = (request.name, request.read_bytes())
    return client.post(f"/api/v1/sheets/import{query}", files=files)


def test_a_damaged_sheet_has_its_problems_at_their_cells(client):
    response = _import(client, DAMAGED, REQUEST, "?lang=en")
    assert response.status_code == 200
    answer = response.json()
    report = sheets.read(DAMAGED, into=REQUEST.read_text(encoding="utf-8"))
    assert {k: answer[k] for k in ("ok", "problems")} == report.to_dict("en")
    assert answer["written"] is None
    assert answer["sheet"] == report.sheet == "Administrateurs"
    assert answer["header"] == list(report.header)
    assert [r["row"] for r in answer["rows"]] == [n for n, _ in report.rows]
    cells = {p["cell"] for p in answer["problems"]}
    assert "Administrateurs!I3" in cells
    located = next(p for p in answer["problems"] if p["cell"] == "Administrateurs!I3")
    assert (located["row"], located["column"]) == (3, "Téléphone")


def _corrected(folder: Path, suffix: str = ".xlsx") -> Path:
    """The sheet the customers return: the template of the request, every answer in."""
    path = folder / f"clients{suffix}"
    sheets.write_template(path, sc.loads(REQUEST.read_text(encoding="utf-8")))
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_corrected_sheet_gives_the_bytes_import_writes(client, tmp_path, capsys, suffix):
    sheet = _corrected(tmp_path, suffix)
    answer = _import(client, sheet, REQUEST).json()
    assert answer["ok"] is True
    out = tmp_path / "out.json"
    assert main(["import", str(sheet), "--into", str(REQUEST), "-o", str(out)]) == 0
    capsys.readouterr()
    assert answer["written"].encode("utf-8") == out.read_bytes()


def test_without_a_request_the_rows_are_written_as_entities(client, tmp_path, capsys):
    sheet = _corrected(tmp_path)
    answer = _import(client, sheet).json()
    out = tmp_path / "entities.json"
    assert main(["import", str(sheet), "-o", str(out)]) == 0
    capsys.readouterr()
    assert answer["written"].encode("utf-8") == out.read_bytes()


def test_a_csv_keeps_its_name_in_the_cells(client, tmp_path):
    sheet = _corrected(tmp_path, ".csv")
    text = sheet.read_text(encoding="utf-8-sig").replace("04 72 11 22 33", "04 72 11 22")
    sheet.write_text(text, encoding="utf-8")
    answer = _import(client, sheet, name="../../etc/mes clients.csv").json()
    assert [p["cell"] for p in answer["problems"]] == ["mes clients!I3"]


def test_the_sheet_field_is_required(client):
    response = client.post(
        "/api/v1/sheets/import", files={"request": ("r.json", REQUEST.read_bytes())}
    )
    body = refused(response, 422, "serve.missing-field")
    assert "sheet" in body["detail"]
    # A sheet given as a plain field, not a file, is missing too.
    response = client.post("/api/v1/sheets/import", files={"sheet": (None, "A;B")})
    refused(response, 422, "serve.missing-field")


def test_the_sheet_upload_is_multipart(client):
    refused(
        client.post("/api/v1/sheets/import", content=b"x", headers=JSON), 415, "serve.media-type"
    )
    refused(client.post("/api/v1/sheets/import", data={"sheet": "x"}), 415, "serve.media-type")


def test_a_file_that_is_no_sheet_is_415(client):
    response = client.post(
        "/api/v1/sheets/import", files={"sheet": ("photo.png", b"\x89PNG", "image/png")}
    )
    refused(response, 415, "serve.media-type")
    # Told by its media type when its name says nothing.
    named = client.post(
        "/api/v1/sheets/import", files={"sheet": ("export", b"a;b\r\n", "text/csv")}
    )
    assert named.status_code == 200
    assert named.json()["ok"] is False


def test_every_sheet_import_reads_is_read_here_too(client, tmp_path):
    # .ods as LibreOffice saves it, and a legacy .xls, which the report names (as
    # `import` does) instead of a 415.
    header = "".join(raw.ods_cell(name) for name in HEADER)
    row = "".join(
        raw.ods_cell(value)
        for value in ordering_row(contractualisationEditeur="Non", contracutualisationOG="Non")
    )
    ods = raw.ods(
        f"<table:table-row>{header}</table:table-row><table:table-row>{row}</table:table-row>"
    )
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an OLE2 file
    for name, data in (("clients.ods", ods), ("clients.xls", legacy)):
        response = client.post("/api/v1/sheets/import", files={"sheet": (name, data)})
        assert response.status_code == 200
        path = tmp_path / name
        path.write_bytes(data)
        assert response.json()["problems"] == json.loads(
            json.dumps(sheets.read(path).to_dict()["problems"])
        )
    read = client.post("/api/v1/sheets/import", files={"sheet": ("clients.ods", ods)}).json()
    assert read["ok"] is True
    assert json.loads(read["written"])[0]["certificatServeur"]["nomAdminTechnique"] == "STU"
    named = client.post("/api/v1/sheets/import", files={"sheet": ("clients.xls", legacy)})
    [problem] = named.json()["problems"]
    assert problem["code"] == "sheet.unreadable"
    assert ".xls" in problem["message"]


def test_the_servers_limit_bounds_what_a_workbook_decompresses_to():
    bomb = raw.bomb(16 * 2**20)
    with small(max_size=4 * 2**20) as limited:
        response = limited.post("/api/v1/sheets/import", files={"sheet": ("b.xlsx", bomb)})
    assert response.status_code == 200
    problems = response.json()["problems"]
    assert [p["code"] for p in problems] == ["sheet.unreadable"]
    assert "--max-size" in problems[0]["message"]


def test_a_malformed_form_is_400(client):
    body = b'--b\r\nContent-Disposition: form-data; name="sheet"\r\n\r\nno end'
    response = client.post(
        "/api/v1/sheets/import",
        content=body,
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code in (400, 422)
    refused(response, response.status_code, response.json()["code"])


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_template_of_a_request(client, tmp_path, kind):
    response = client.post(
        f"/api/v1/sheets/template?format={kind}", content=REQUEST.read_bytes(), headers=JSON
    )
    assert response.status_code == 200
    secure(response)
    assert (
        response.headers["content-disposition"] == f'attachment; filename="administrateurs.{kind}"'
    )
    expected = tmp_path / f"expected.{kind}"
    sheets.write_template(expected, sc.loads(REQUEST.read_text(encoding="utf-8")))
    if kind == "csv":
        assert response.content == expected.read_bytes()
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
    else:
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = [[c.value for c in row] for row in book["Administrateurs"].iter_rows()]
        wanted = openpyxl.load_workbook(expected)["Administrateurs"].iter_rows()
        assert rows == [[c.value for c in row] for row in wanted]
    got = tmp_path / f"got.{kind}"
    got.write_bytes(response.content)
    assert sheets.read(got).ok


def test_the_template_without_a_request_has_no_row(client, tmp_path):
    response = client.post("/api/v1/sheets/template?format=csv")
    assert response.status_code == 200
    expected = tmp_path / "empty.csv"
    sheets.write_template(expected)
    assert response.content == expected.read_bytes()


def test_the_template_of_an_editors_document(client):
    response = client.post(
        "/api/v1/sheets/template?format=csv&embedded=true", content=DOSSIER.read_bytes()
    )
    assert response.status_code == 200
    assert b"750712184" in response.content


def test_the_template_of_a_request_that_cannot_be_read_is_its_report(client):
    response = client.post("/api/v1/sheets/template?format=csv", content=b'{"couloir": 3}')
    assert response.status_code == 422
    assert response.json() == served(b'{"couloir": 3}').to_dict()
    refused(client.post("/api/v1/sheets/template?format=pdf"), 422, "serve.parameter")


# -- the format ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["envelope", "entity"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_schemas(client, kind, lang):
    response = client.get(f"/api/v1/schema/{kind}?lang={lang}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/schema+json"
    assert response.json() == json_schema(kind, lang)


def test_an_unknown_schema_is_404(client):
    refused(client.get("/api/v1/schema/other"), 404, "serve.not-found")


ANSWERS = [None, False, True]
STATUTS = [None, *StatutAdminTechnique]


def _word(value) -> str:
    if value is None:
        return ""
    return value.value if isinstance(value, StatutAdminTechnique) else str(value).lower()


@pytest.mark.parametrize("og", ANSWERS)
@pytest.mark.parametrize("statut", STATUTS)
@pytest.mark.parametrize("editeur", ANSWERS)
def test_the_scenarios_are_the_tables(client, og, statut, editeur):
    query = (
        f"contracutualisationOG={_word(og)}&StatutAdminTechnique={_word(statut)}"
        f"&contractualisationEditeur={_word(editeur)}&lang=en"
    )
    answer = client.get(f"/api/v1/scenarios?{query}").json()
    admin = AdministrateurTechnique(
        contractualisation_og=og, statut=statut, contractualisation_editeur=editeur
    )
    table = scenarios(admin)
    assert answer["row"] == (table.highlight.number if table.highlight else None)
    requirement = card_requirement(admin)
    assert answer["card"] == (requirement.value if requirement else None)
    assert answer["explanation"] == table.explanation("en")
    assert len(answer["rows"]) == 9


def test_a_wrong_answer_is_422(client):
    refused(client.get("/api/v1/scenarios?StatutAdminTechnique=X"), 422, "serve.parameter")
    refused(client.get("/api/v1/scenarios?contracutualisationOG=oui"), 422, "serve.parameter")


def test_the_vocabulary_is_the_screens(client):
    vocabulary = client.get("/api/v1/vocabulary").json()
    from segur_certificats._vocabulary.labels import COLUMNS  # noqa: PLC0415

    assert [c["label"] for c in vocabulary["columns"]] == list(COLUMNS)
    assert vocabulary["codes"]["E"] == "Editeur"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "version": sc.__version__}
    secure(response)


# -- the description --------------------------------------------------------------------------


def test_the_description_is_openapi_31_with_every_route(client):
    response = client.get("/openapi.json")
    document = response.json()
    assert document == openapi()
    assert document["openapi"].startswith("3.1")
    app: Any = create_app().app  # the Starlette application inside the guard
    served = {(method, route.path) for route in app.routes for method in route.methods - {"HEAD"}}
    described = {
        (method.upper(), path) for path, methods in document["paths"].items() for method in methods
    }
    assert served == described


def _refs(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item
            else:
                yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def test_every_reference_of_the_description_resolves():
    document = openapi()
    outer = [r for r in _refs(document["paths"]) if r.startswith("#/components/")]
    assert outer
    for ref in outer:
        assert ref.split("/")[-1] in document["components"]["schemas"]
    # The request bodies are the JSON Schemas themselves, valid against 2020-12.
    jsonschema = pytest.importorskip("jsonschema")
    for name in ("Envelope", "Entity"):
        jsonschema.Draft202012Validator.check_schema(document["components"]["schemas"][name])
    envelope = document["components"]["schemas"]["Envelope"]
    jsonschema.Draft202012Validator(envelope).validate(json.loads(REQUEST.read_text("utf-8")))


def test_every_refusal_code_is_documented():
    page = (ROOT / "docs/serve.md").read_text(encoding="utf-8")
    assert [code for code in SERVE_CODES if f"`{code}`" not in page] == []


# -- safety ---------------------------------------------------------------------------------------


def test_the_limit_is_read_from_content_length_before_the_body():
    with small(max_size=100) as client:
        response = client.post("/api/v1/validate", content=b"x" * 101, headers=JSON)
        body = refused(response, 413, "serve.too-large")
        secure(response)
        assert "100" in body["detail"]
        assert client.post("/api/v1/validate", content=b"{}" + b" " * 98).status_code == 200
    # Not a byte of the body is read: the application is not even called.
    from segur_certificats.serve._guard import Guard  # noqa: PLC0415

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
        "method": "POST",
        "path": "/api/v1/validate",
        "query_string": b"",
        "headers": [(b"content-length", b"1000000000")],
    }
    asyncio.run(Guard(app, Limits(max_size=100))(scope, receive, send))
    assert calls == []
    assert answered[0]["status"] == 413


def test_the_limit_holds_while_the_body_streams():
    def chunks():
        for _ in range(50):
            yield b" " * 10

    with small(max_size=100) as client:
        response = client.post("/api/v1/validate", content=chunks(), headers=JSON)
        refused(response, 413, "serve.too-large")
        files = {"sheet": ("a.csv", b"x" * 500)}
        refused(client.post("/api/v1/sheets/import", files=files), 413, "serve.too-large")


def test_a_lying_content_length_is_caught_while_streaming():
    # The guard sees the body as it comes, whatever the header said.
    from segur_certificats.serve._guard import Guard  # noqa: PLC0415

    answered: list[dict[str, Any]] = []

    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"read"})

    bodies = iter([b"x" * 60, b"x" * 60])

    async def receive():
        return {"type": "http.request", "body": next(bodies), "more_body": True}

    async def send(message):
        answered.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "query_string": b"",
        "headers": [(b"content-length", b"10")],
    }
    asyncio.run(Guard(app, Limits(max_size=100))(scope, receive, send))
    assert answered[0]["status"] == 413


def test_an_internal_failure_is_a_500_naming_the_request_id(monkeypatch, caplog):
    def broken(_data):
        raise RuntimeError("secret value 0603334174")

    monkeypatch.setattr(api, "validate_document", broken)
    with small() as client, caplog.at_level(logging.INFO, logger=LOGGER.name):
        response = client.post("/api/v1/validate", content=b"{}")
    body = refused(response, 500, "serve.internal")
    secure(response)
    assert body["requestId"] in body["detail"]
    assert "secret" not in response.text
    (line,) = [r.getMessage() for r in caplog.records if body["requestId"] in r.getMessage()]
    assert "error=RuntimeError" in line
    assert "secret" not in line
    assert "0603334174" not in line


def test_one_log_line_per_request_without_personal_data(caplog):
    data = REQUEST.read_bytes()
    with small() as client, caplog.at_level(logging.INFO, logger=LOGGER.name):
        response = client.post("/api/v1/validate?dateDepot=2023-10-02", content=data)
    (line,) = [r.getMessage() for r in caplog.records if r.name == LOGGER.name]
    method, path, status, size, duration, request = line.split()
    assert (method, path, status) == ("POST", "/api/v1/validate", "200")
    assert size == f"{len(response.content)}B"
    assert duration.endswith("ms")
    assert request == f"id={response.headers['x-request-id']}"
    assert "2023-10-02" not in line


def test_cors_is_off_unless_an_origin_is_named():
    origin = {"origin": "https://editeur.example"}
    with small() as client:
        response = client.get("/healthz", headers=origin)
        assert "access-control-allow-origin" not in response.headers
        preflight = client.options(
            "/api/v1/validate",
            headers={**origin, "access-control-request-method": "POST"},
        )
        assert "access-control-allow-origin" not in preflight.headers
    with TestClient(create_app(cors=["https://editeur.example"])) as client:
        response = client.post("/api/v1/validate", content=b"{}", headers=origin)
        assert response.headers["access-control-allow-origin"] == "https://editeur.example"
        secure(response)
        other = client.get("/healthz", headers={"origin": "https://other.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options(
            "/api/v1/validate",
            headers={**origin, "access-control-request-method": "POST"},
        )
        assert preflight.status_code == 200


def test_a_full_pool_refuses_at_once_with_retry_after(monkeypatch):
    release = threading.Event()
    started = threading.Event()

    def slow(data):
        started.set()
        release.wait(10)
        return sc.validate(data)

    monkeypatch.setattr(api, "validate_document", slow)
    with small(workers=1, queue=0) as client:
        first: list[Any] = []
        thread = threading.Thread(
            target=lambda: first.append(client.post("/api/v1/validate", content=b"{}"))
        )
        thread.start()
        assert started.wait(10)
        response = client.post("/api/v1/validate", content=b"{}")
        release.set()
        thread.join(10)
    refused(response, 503, "serve.busy")
    assert response.headers["retry-after"] == "1"
    assert first[0].status_code == 200


def test_a_request_past_its_time_limit_is_503(monkeypatch):
    release = threading.Event()

    def slow(data):
        release.wait(10)
        return sc.validate(data)

    monkeypatch.setattr(api, "validate_document", slow)
    with small(timeout=0.2) as client:
        response = client.post("/api/v1/validate", content=b"{}")
        release.set()
    body = refused(response, 503, "serve.timeout")
    assert response.headers["retry-after"] == "1"
    assert "0.2" in body["detail"]


def test_the_pool_releases_every_place():
    pool = Pool(Limits(workers=2, queue=1))

    async def many():
        def job(value: int) -> Callable[[], int]:
            return lambda: value

        results = await asyncio.gather(*(pool.run(job(i)) for i in range(3)))
        busy = await asyncio.gather(
            *(pool.run(lambda: threading.Event().wait(0.05)) for _ in range(5)),
            return_exceptions=True,
        )
        return results, busy

    results, busy = asyncio.run(many())
    assert results == [0, 1, 2]
    assert sum(isinstance(b, Refusal) and b.status == 503 for b in busy) == 2
    assert pool.held == 0
    pool.close()


def test_nothing_is_left_on_disk(client, tmp_path, monkeypatch):
    import tempfile  # noqa: PLC0415

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _import(client, DAMAGED, REQUEST)
    client.post("/api/v1/sheets/template?format=xlsx", content=REQUEST.read_bytes())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["/", "/nothing", "/api/v1/validate", "/openapi.json"])
@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
def test_every_answer_is_secured_and_json_when_refused(client, path, method):
    response = client.request(method, path)
    secure(response)
    assert response.status_code < 500
    if response.status_code >= 400:
        refused(response, response.status_code, response.json()["code"])


# -- hostile bodies, from the fuzz harness -----------------------------------------------------


@SLICE
@given(envelope_texts())
def test_hostile_requests_are_reports(client, text):
    data = text.encode("utf-8", "surrogatepass")
    response = client.post("/api/v1/validate", content=data, headers=JSON)
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(served(data).to_dict()))


@SLICE
@given(mutated_bytes())
def test_hostile_bytes_are_reports(client, data):
    assert client.post("/api/v1/validate", content=data).status_code == 200
    response = client.post("/api/v1/validate-embedded?couloir=MS2", content=data)
    assert response.status_code == 200


@SLICE
@given(editor_texts())
def test_hostile_editor_documents_are_reports(client, text):
    data = text.encode("utf-8", "surrogatepass")
    response = client.post("/api/v1/validate-embedded", content=data)
    assert response.status_code == 200
    assert response.json()["ok"] == sc.validate_embedded(data).ok


@SLICE
@given(sheet_files(), st.sampled_from([None, REQUEST.read_bytes(), b"{", b"\xff"]))
def test_hostile_sheets_are_reports(client, tmp_path_factory, sheet, request):
    data, suffix = sheet.data, sheet.suffix
    files = {"sheet": ("clients" + suffix, data)}
    if request is not None:
        files["request"] = ("demande.json", request)
    response = client.post("/api/v1/sheets/import", files=files)
    assert response.status_code == 200
    path = tmp_path_factory.mktemp("sheet") / ("clients" + suffix)
    path.write_bytes(data)
    report = sheets.read(path, into=request, max_size=client.app.limits.max_size)
    assert response.json()["problems"] == json.loads(json.dumps(report.to_dict()["problems"]))


@SLICE
@given(
    st.text(max_size=40),
    st.text(max_size=40),
    st.sampled_from(
        [
            "/api/v1/validate",
            "/api/v1/validate-embedded",
            "/api/v1/sheets/template",
            "/api/v1/scenarios",
            "/api/v1/sheets/import",
        ]
    ),
)
def test_hostile_parameters_and_headers_never_fail(client, value, media, path):
    from urllib.parse import quote  # noqa: PLC0415

    query = "&".join(
        f"{name}={quote(value, errors='surrogatepass')}"
        for name in (
            "lang",
            "couloir",
            "dateDepot",
            "typeDemande",
            "format",
            "StatutAdminTechnique",
            "dateModification",
            "statut",
            "blocAdministrateursValide",
        )
    )
    clean = media.replace("\n", " ").replace("\r", " ").replace("\x00", " ")
    headers = {
        "content-type": clean.encode("latin-1", "replace"),
        "accept-language": value.encode("latin-1", "replace")
        .replace(b"\n", b" ")
        .replace(b"\r", b" "),
    }
    method = "GET" if path.endswith("scenarios") else "POST"
    response = client.request(method, f"{path}?{query}", content=b"{}", headers=headers)
    assert response.status_code < 500, response.text


def test_the_server_writes_nothing_to_disk(client, tmp_path, monkeypatch):
    # A sheet uploaded and a template asked for are read and written as bytes: no
    # file is opened for writing, no temporary folder made — but for the scratch files
    # openpyxl itself writes each worksheet to while it builds a workbook.
    sheet = _corrected(tmp_path, ".xlsx").read_bytes()
    request = REQUEST.read_bytes()
    opened: list[str] = []
    real_open = open

    def watched(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+") and "openpyxl." not in str(file):
            opened.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def refused(*args, **kwargs):
        raise AssertionError("a temporary folder was made")

    monkeypatch.setattr("builtins.open", watched)
    monkeypatch.setattr("tempfile.mkdtemp", refused)
    monkeypatch.setattr("tempfile.mkstemp", refused)
    answer = client.post(
        "/api/v1/sheets/import",
        files={"sheet": ("clients.xlsx", sheet), "request": ("demande.json", request)},
    )
    assert answer.status_code == 200
    assert answer.json()["ok"] is True
    for kind in ("xlsx", "csv"):
        template = client.post(
            f"/api/v1/sheets/template?format={kind}", content=request, headers=JSON
        )
        assert template.status_code == 200
    assert opened == []


# -- who may change a request, and its date (docs: editing.md#who-may-change, editing.md#dated)


def _changing_sheet(tmp_path: Path) -> Path:
    """A sheet that removes the request's first order (its row says "Non")."""
    demande = sc.loads(REQUEST.read_text(encoding="utf-8"))
    first = demande.commandes[0]
    entities = [
        e.evolve(administrateur=None) if e == first else e for e in demande.entites_juridiques
    ]
    path = tmp_path / "clients.csv"
    sheets.write_template(path, entities)
    return path


@pytest.mark.parametrize(
    ("statut", "validated", "code"),
    [("En cours", "false", "edit.read-only"), ("A modifier", "true", "edit.validated")],
)
def test_the_import_refuses_a_read_only_request(client, tmp_path, statut, validated, code):
    request = tmp_path / "demande.json"
    text = REQUEST.read_text(encoding="utf-8").replace('"A modifier"', f'"{statut}"')
    request.write_text(
        text.replace(
            '"blocAdministrateursValide": false', f'"blocAdministrateursValide": {validated}'
        ),
        encoding="utf-8",
    )
    answer = _import(client, _changing_sheet(tmp_path), request).json()
    report = sheets.read(_changing_sheet(tmp_path), into=request.read_text(encoding="utf-8"))
    assert [p["code"] for p in answer["problems"] if p["severity"] == "error"] == [code]
    described = openapi()["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
    assert {p["code"] for p in answer["problems"]} <= set(described)
    assert {k: answer[k] for k in ("ok", "problems")} == report.to_dict("fr")
    assert answer["written"] is None


def test_the_import_dates_the_request_and_refuses_dates_out_of_order(client, tmp_path):
    sheet = _changing_sheet(tmp_path)
    answer = _import(client, sheet, REQUEST, "?dateModification=2024-03-01").json()
    assert json.loads(answer["written"])["dateModification"] == "2024-03-01"
    answer = _import(client, sheet, REQUEST).json()
    assert json.loads(answer["written"])["dateModification"] == dt.date.today().isoformat()
    # Before the request's own filing date: in the report, at /dateModification.
    answer = _import(client, sheet, REQUEST, "?dateModification=2020-01-01").json()
    assert [p["path"] for p in answer["problems"]] == ["/dateModification"]
    # As query parameters for an editor's document: a refused parameter.
    query = "?embedded=true&dateDepot=2024-01-10&dateModification=2024-01-09"
    refused(_import(client, sheet, DOSSIER, query), 422, "serve.parameter")


def test_the_import_says_what_an_editors_document_is(client, tmp_path):
    found = sc.validate_embedded(DOSSIER.read_text(encoding="utf-8"))
    entites = [b.entite.evolve(administrateur=None) for b in found.blocks if b.entite is not None]
    sheet = tmp_path / "clients.csv"
    sheets.write_template(sheet, entites)
    files = {
        "sheet": (sheet.name, sheet.read_bytes()),
        "request": (DOSSIER.name, DOSSIER.read_bytes()),
        "embedded": (None, b"true"),
    }
    url = "/api/v1/sheets/import"
    answer = client.post(f"{url}?statut=En%20cours", files=files).json()
    assert [(p["path"], p["code"]) for p in answer["problems"]] == [("", "edit.read-only")]
    answer = client.post(f"{url}?blocAdministrateursValide=true", files=files).json()
    assert [p["code"] for p in answer["problems"]] == ["edit.validated"]
    assert client.post(f"{url}?statut=A%20modifier", files=files).json()["ok"]
    refused(
        client.post(f"{url}?blocAdministrateursValide=oui", files=files), 422, "serve.parameter"
    )
