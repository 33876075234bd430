"""Type values into a workbook with LibreOffice, as a person would, and save it in
several formats; run by the system's Python, which has LibreOffice's ``uno``
module (Debian's ``python3-uno``), from ``test_libreoffice.py``.

``python3 libreoffice_typist.py JOB.json``: the job names the documents to open,
the cells to type in each (``row`` and ``column`` 0-based, ``text`` typed as on
the keyboard, ``general`` to reset the cell's number format first, as a customer
pasting over the template's text format does), the files to save each as, and
for a CSV the import options (``filter``: LibreOffice's CSV filter options).
One LibreOffice process does all of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: The filters LibreOffice saves with, by the name the job gives.
FILTERS = {
    "xlsx": ("Calc Office Open XML", ""),
    "ods": ("calc8", ""),
    # Field separator ;, text delimiter ", character set, first line.
    "csv-utf8": ("Text - txt - csv (StarCalc)", "59,34,76,1"),
    "csv-1252": ("Text - txt - csv (StarCalc)", "59,34,1,1"),
}


def _property(name: str, value: Any) -> Any:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]  # noqa: PLC0415

    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def _connect(pipe: str) -> tuple[Any, Any]:
    """LibreOffice's desktop, and its dispatch helper (what menus and the keyboard
    go through)."""
    import uno  # type: ignore[import-not-found]  # noqa: PLC0415

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    manager = context.ServiceManager
    return (
        manager.createInstanceWithContext("com.sun.star.frame.Desktop", context),
        manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context),
    )


def run(job: dict[str, Any]) -> None:
    import uno  # noqa: PLC0415

    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"segur{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        desktop, dispatcher = _connect(pipe)
        for document in job["documents"]:
            url = uno.systemPathToFileUrl(str(Path(document["open"]).resolve()))
            opening = [_property("Hidden", True)]
            if "filter" in document:  # a CSV: its separator, encoding and column types
                opening.append(_property("FilterName", FILTERS["csv-utf8"][0]))
                opening.append(_property("FilterOptions", document["filter"]))
            book = desktop.loadComponentFromURL(url, "_blank", 0, tuple(opening))
            sheet = book.Sheets.getByIndex(0)
            frame = book.CurrentController.Frame
            for typed in document["cells"]:
                cell = sheet.getCellByPosition(typed["column"], typed["row"])
                if typed.get("general"):
                    cell.NumberFormat = 0
                # As typed on the keyboard: the input line reads it the way it reads
                # what a person types (the cell's text format kept, numbers and dates
                # recognised), unlike the API's setFormula().
                where = cell.AbsoluteName.split(".", 1)[-1]
                dispatcher.executeDispatch(
                    frame, ".uno:GoToCell", "", 0, (_property("ToPoint", where),)
                )
                dispatcher.executeDispatch(
                    frame, ".uno:EnterString", "", 0, (_property("StringName", typed["text"]),)
                )
            book.calculateAll()
            for kind, target in document["save"].items():
                name, options = FILTERS[kind]
                properties = [_property("FilterName", name), _property("Overwrite", True)]
                if options:
                    properties.append(_property("FilterOptions", options))
                out = uno.systemPathToFileUrl(str(Path(target).resolve()))
                book.storeToURL(out, tuple(properties))
            book.close(True)
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
            desktop.terminate()
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


if __name__ == "__main__":
    run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
