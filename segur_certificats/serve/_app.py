"""The ASGI application: the page, its files, the API and its description
(docs: serve.md).

```python
from segur_certificats.serve import create_app

app = create_app()  # any ASGI server: uvicorn 'segur_certificats.serve:create_app' --factory
```
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from importlib import resources

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from segur_certificats.serve import _api as api
from segur_certificats.serve._guard import Guard, request_id
from segur_certificats.serve._limits import Limits
from segur_certificats.serve._openapi import API, openapi
from segur_certificats.serve._refusals import MEDIA_TYPE, Refusal, details, encode, language
from segur_certificats.serve._work import Pool

__all__ = ["ASSETS", "create_app"]

ASSETS: dict[str, str] = {
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "icon.svg": "image/svg+xml",
}
"""The page's files, served from the package (nothing from elsewhere): name → media type."""


def _asset(name: str) -> bytes:
    return resources.files("segur_certificats.serve").joinpath("static").joinpath(name).read_bytes()


def _refused(request: Request, refusal: Refusal) -> Response:
    lang = language(request.query_params, request.headers.get("accept-language"))
    body = encode(details(refusal, lang, request_id(request.scope)))
    return Response(
        body, status_code=refusal.status, media_type=MEDIA_TYPE, headers=refusal.headers
    )


async def _on_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refusal)
    return _refused(request, exc)


async def _on_http(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals: no route, a method not allowed, a malformed form."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return _refused(request, Refusal(404, "serve.not-found"))
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        refusal = Refusal(
            405, "serve.method", headers={"Allow": allowed}, method=request.method, allowed=allowed
        )
        return _refused(request, refusal)
    reason = exc.detail if isinstance(exc.detail, str) else "?"
    return _refused(request, Refusal(400, "serve.malformed", reason=reason))


async def _on_failure(request: Request, exc: Exception) -> Response:
    """Any other failure: a 500 naming the request id (the guard logs its class)."""
    if isinstance(exc, ClientDisconnect):
        return _refused(request, Refusal(400, "serve.malformed", reason="the body ended early"))
    return _refused(request, Refusal(500, "serve.internal"))


def create_app(
    limits: Limits | None = None, cors: Sequence[str] = (), *, hosts: Sequence[str] = ()
) -> Guard:
    """The application, within ``limits``; a request from a page of another origin
    is refused unless ``cors`` names the origin, one made to another name than the
    address served (or this machine's loopback) unless ``hosts`` names it (docs:
    serve.md#safety)."""
    limits = limits or Limits()
    pool = Pool(limits)
    page = _asset("index.html")
    assets = {name: _asset(name) for name in ASSETS}
    description = encode(openapi())

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            raise Refusal(404, "serve.not-found")
        return Response(assets[name], media_type=ASSETS[name])

    async def description_route(request: Request) -> Response:
        return Response(description, media_type="application/json")

    routes: list[BaseRoute] = [
        Route("/", index, methods=["GET"]),
        Route("/static/{name}", asset, methods=["GET"]),
        Route("/openapi.json", description_route, methods=["GET"]),
        Route("/healthz", api.healthz, methods=["GET"]),
        Route(f"{API}/validate", api.validate, methods=["POST"]),
        Route(f"{API}/validate-embedded", api.validate_embedded_route, methods=["POST"]),
        Route(f"{API}/sheets/import", api.import_sheet, methods=["POST"]),
        Route(f"{API}/sheets/template", api.template, methods=["POST"]),
        Route(f"{API}/schema/{{kind}}", api.schema, methods=["GET"]),
        Route(f"{API}/scenarios", api.scenario_table, methods=["GET"]),
        Route(f"{API}/vocabulary", api.vocabulary, methods=["GET"]),
    ]
    middleware = []
    if cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors),
                allow_methods=["GET", "POST"],
                allow_headers=["content-type", "accept-language"],
                expose_headers=["x-request-id", "retry-after", "content-disposition"],
            )
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        pool.close()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            Refusal: _on_refusal,
            HTTPException: _on_http,
            Exception: _on_failure,
        },
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.limits = limits
    return Guard(app, limits, cors=cors, hosts=hosts)
