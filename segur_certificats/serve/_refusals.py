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
import re
from collections.abc import Mapping
from typing import Any

from segur_certificats._problems.catalogue import LANGUAGES, render
from segur_certificats._problems.shown import shown

__all__ = [
    "ACCEPT_CHARS",
    "ACCEPT_RANGES",
    "MEDIA_TYPE",
    "Refusal",
    "details",
    "encode",
    "language",
]

MEDIA_TYPE = "application/problem+json"
"""The media type of a refusal's body."""
ACCEPT_CHARS = 1024
"""An ``Accept-Language`` longer than this is ignored."""
ACCEPT_RANGES = 32
"""An ``Accept-Language`` naming more ranges than this is ignored."""

_OWS = " \t"
# RFC 4647's language-range, and RFC 9110's weight (section 12.4.2): ASCII only.
_RANGE = re.compile(r"\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_WEIGHT = re.compile(r"[qQ]=(0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)")


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
    """The language asked: ``?lang=`` when it is ``fr`` or ``en``, else the one of
    the two that ``Accept-Language`` weighs highest, else French (docs:
    serve.md#languages).

    ```pycon
    >>> language({}, "en;q=0.1, fr;q=0.9"), language({"lang": "en"}, "fr")
    ('fr', 'en')
    >>> language({}, "fr;q=0, *"), language({}, "en;q=2")
    ('en', 'fr')

    ```
    """
    asked = query.get("lang")
    if asked in LANGUAGES:
        return asked
    return _preferred(accept or "") or LANGUAGES[0]


def _preferred(accept: str) -> str | None:
    """The language ``accept`` weighs highest, ties going to the range named first
    (then to French); None when it accepts neither, or is not an RFC 9110
    ``Accept-Language`` within the bounds."""
    if len(accept) > ACCEPT_CHARS:
        return None
    weighed: list[tuple[str, int]] = []  # (primary subtag or "*", weight in thousandths)
    for part in accept.split(","):
        element = part.strip(_OWS)
        if not element:  # an empty list element is no range (RFC 9110, section 5.6.1)
            continue
        tag, semicolon, weight = element.partition(";")
        tag = tag.rstrip(_OWS)
        found = _WEIGHT.fullmatch(weight.lstrip(_OWS)) if semicolon else None
        if not _RANGE.fullmatch(tag) or (semicolon and found is None):
            return None
        thousandths = 1000
        if found is not None:
            whole, _, decimals = found.group(1).partition(".")
            thousandths = int(whole) * 1000 + int((decimals + "000")[:3])
        weighed.append((tag.partition("-")[0].lower(), thousandths))
        if len(weighed) > ACCEPT_RANGES:
            return None
    best: tuple[int, int, int] | None = None  # (-weight, position, preference)
    for preference, lang in enumerate(LANGUAGES):
        # A language weighs what the heaviest range naming it does; "*" stands for
        # those no range names.
        named = [(-q, at) for at, (tag, q) in enumerate(weighed) if tag == lang]
        named = named or [(-q, at) for at, (tag, q) in enumerate(weighed) if tag == "*"]
        if named:
            heaviest, at = min(named)
            if heaviest < 0 and (best is None or (heaviest, at, preference) < best):
                best = (heaviest, at, preference)
    return None if best is None else LANGUAGES[best[2]]
