"""``segur-certificats serve``: a local page for people and an HTTP API for programs
outside Python (docs: serve.md).

The page (``GET /``) checks a request or an editor's document, collects the
administrators with the spreadsheet template, and explores the scenario table;
the API (``/api/v1/…``, described by ``GET /openapi.json``) answers the same
reports as `segur_certificats.validate`, `segur_certificats.validate_embedded`
and `segur_certificats.sheets.read` — the one pipeline, as JSON.

Needs the ``[serve]`` extra (Starlette, uvicorn, python-multipart, openpyxl):
``pip install 'segur-certificats[serve]'``. `segur_certificats.serve.app.create_app`
builds the ASGI application; `segur_certificats.serve.server.run` serves it.
This module and `segur_certificats.serve.openapi` import none of the web stack,
so the OpenAPI description can be written without it.
"""
