"""``segur-certificats serve``: a local page for people and an HTTP API for programs
outside Python (docs: serve.md).

The page (``GET /``) checks a request or an editor's document, collects the
administrators with the spreadsheet template, and explores the scenario table;
the API (``/api/v1/…``, described by ``GET /openapi.json``) answers the same
reports as `segur_certificats.validate`, `segur_certificats.validate_embedded`
and `segur_certificats.sheets.read` — the one pipeline, as JSON.

Needs the ``[serve]`` extra (Starlette, uvicorn, python-multipart, openpyxl):
``pip install 'segur-certificats[serve]'``. `create_app` builds the ASGI
application, `run` serves it as the command does, within `Limits`; `openapi`
gives the API's description. Importing this module, `Limits` and `openapi`
imports none of the web stack: `create_app` and `run` import it on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from segur_certificats.serve._limits import Limits
from segur_certificats.serve._openapi import openapi

__all__ = ["Limits", "create_app", "openapi", "run"]

# The names that need the web stack, and the private module that holds each.
_WEB = {"create_app": "segur_certificats.serve._app", "run": "segur_certificats.serve._server"}


def __getattr__(name: str) -> Any:
    module = _WEB.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from segur_certificats.serve._app import create_app as create_app
    from segur_certificats.serve._server import run as run
