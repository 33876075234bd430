"""The server's refusals: an HTTP status, a stable code from the catalogue, and
a message in French or English, answered as RFC 9457 problem details (docs:
serve.md#statuses).

```pycon
>>> refusal = Refusal(413, "serve.too-large", limit=1024)
>>> details(refusal, "en", "4f2a")["detail"]
"Upload too large: more than 1024 bytes (the server's limit, --max-size)."

```
"""

from __future__ import annotations

import http
import json
from collections.abc import Mapping
from typing import Any

from segur_certificats._internal.problems.catalogue import render
from segur_certificats._internal.problems.shown import shown

__all__ = ["MEDIA_TYPE", "Refusal", "details", "encode", "language"]

MEDIA_TYPE = "application/problem+json"
"""The media type of a refusal's body."""


class Refusal(Exception):
    """An exchange the server will not carry out: answered with ``status`` and the
    message of ``code``; ``headers`` are added to the answer (``Retry-After``)."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        headers: Mapping[str, str] | None = None,
        **params: object,
    ) -> None:
        self.status = status
        self.code = code
        self.headers = dict(headers or {})
        # Parameters may come from the request (a media type, a value): bounded, visible.
        self.params = {key: shown(value) for key, value in params.items()}
        super().__init__(code)


def details(refusal: Refusal, lang: str, request_id: str) -> dict[str, Any]:
    """The refusal as RFC 9457 problem details, with its code and the request id."""
    params = {**refusal.params, "request_id": request_id}
    return {
        "type": "about:blank",
        "title": http.HTTPStatus(refusal.status).phrase,
        "status": refusal.status,
        "detail": render(refusal.code, params, lang),
        "code": refusal.code,
        "requestId": request_id,
    }


def encode(value: Any) -> bytes:
    """JSON as UTF-8. A lone surrogate (a key of a hostile document, in a problem's
    path) cannot be UTF-8: such a text is written with ASCII escapes instead."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def language(query: Mapping[str, str], accept: str | None) -> str:
    """The language asked: ``?lang=``, else the first of ``Accept-Language`` that
    the messages exist in, else French."""
    asked = query.get("lang")
    if asked in ("fr", "en"):
        return asked
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in ("fr", "en"):
            return tag
    return "fr"
