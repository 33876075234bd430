"""segur-certificats: the server-certificate orders of a Ségur Numérique MS1/MS2 request.

Build, read, validate and write the JSON block by which a software editor
orders server certificates for its médico-social customers (corridors MS1 and
MS2), exactly as the ASP portal expects it.

```pycon
>>> import segur_certificats as sc
>>> demande = sc.loads(open("examples/ms2-editeur-carte-obligatoire.json", encoding="utf-8").read())
>>> [e.finess_juridique for e in demande.commandes]
['330058066']

```

The public names below are the API; the package's layers (docs:
architecture.md) hold them and are imported on first use, so that
``import segur_certificats`` stays cheap (docs: api.md#imports).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from segur_certificats._version import __version__

# The public names and the module each lives in: the one list. ``__all__`` is made
# from it, and a test holds the imports for type checkers below to the same names.
_EXPORTS: dict[str, str] = {
    "AdministrateurTechnique": "segur_certificats.model",
    "Demande": "segur_certificats.model",
    "EntiteJuridique": "segur_certificats.model",
    "StatutAdminTechnique": "segur_certificats.model",
    "TypeDemande": "segur_certificats.model",
    "UtiliteCertificat": "segur_certificats.model",
    "RequestContext": "segur_certificats.model",
    "Problem": "segur_certificats._problems.problem",
    "Severity": "segur_certificats._problems.problem",
    "BlockRefused": "segur_certificats._problems.errors",
    "EditRefused": "segur_certificats._problems.errors",
    "InvalidArgument": "segur_certificats._problems.errors",
    "InvalidDocument": "segur_certificats._problems.errors",
    "InvalidFiness": "segur_certificats._problems.errors",
    "InvalidFinessChecksum": "segur_certificats._problems.errors",
    "InvalidFinessFormat": "segur_certificats._problems.errors",
    "InvalidRow": "segur_certificats._problems.errors",
    "InvalidTelephone": "segur_certificats._problems.errors",
    "MissingExtra": "segur_certificats._problems.errors",
    "SegurCertificatsError": "segur_certificats._problems.errors",
    "CodedError": "segur_certificats._problems.errors",
    "dumps": "segur_certificats.serialize",
    "SCENARIOS": "segur_certificats.rules",
    "Requirement": "segur_certificats.rules",
    "Scenario": "segur_certificats.rules",
    "ScenarioTable": "segur_certificats.rules",
    "scenarios": "segur_certificats.rules",
    "clear_cache": "segur_certificats.rules",
    "Report": "segur_certificats._pipeline.report",
    "loads": "segur_certificats.serialize",
    "validate": "segur_certificats._pipeline.validate",
    "validate_file": "segur_certificats._pipeline.validate",
    "Block": "segur_certificats._embedded.validate",
    "EmbeddedReport": "segur_certificats._embedded.validate",
    "validate_embedded": "segur_certificats._embedded.validate",
    "replace_blocks": "segur_certificats._embedded.replace",
    "Changes": "segur_certificats._editing.changes",
    "diff": "segur_certificats._editing.changes",
    "EditSession": "segur_certificats._editing.session",
    "edit": "segur_certificats._editing.session",
}

__all__ = sorted(_EXPORTS)  # noqa: PLE0605 - made from the one list above
__all__ += ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:  # a subpackage or public module, e.g. segur_certificats.sheets
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


if TYPE_CHECKING:  # the same names, for type checkers (``X as X`` exports them)
    from segur_certificats._editing.changes import (
        Changes as Changes,
    )
    from segur_certificats._editing.changes import (
        diff as diff,
    )
    from segur_certificats._editing.session import (
        EditSession as EditSession,
    )
    from segur_certificats._editing.session import (
        edit as edit,
    )
    from segur_certificats._embedded.replace import (
        replace_blocks as replace_blocks,
    )
    from segur_certificats._embedded.validate import (
        Block as Block,
    )
    from segur_certificats._embedded.validate import (
        EmbeddedReport as EmbeddedReport,
    )
    from segur_certificats._embedded.validate import (
        validate_embedded as validate_embedded,
    )
    from segur_certificats._pipeline.report import (
        Report as Report,
    )
    from segur_certificats._pipeline.validate import (
        validate as validate,
    )
    from segur_certificats._pipeline.validate import (
        validate_file as validate_file,
    )
    from segur_certificats._problems.errors import (
        BlockRefused as BlockRefused,
    )
    from segur_certificats._problems.errors import (
        CodedError as CodedError,
    )
    from segur_certificats._problems.errors import (
        EditRefused as EditRefused,
    )
    from segur_certificats._problems.errors import (
        InvalidArgument as InvalidArgument,
    )
    from segur_certificats._problems.errors import (
        InvalidDocument as InvalidDocument,
    )
    from segur_certificats._problems.errors import (
        InvalidFiness as InvalidFiness,
    )
    from segur_certificats._problems.errors import (
        InvalidFinessChecksum as InvalidFinessChecksum,
    )
    from segur_certificats._problems.errors import (
        InvalidFinessFormat as InvalidFinessFormat,
    )
    from segur_certificats._problems.errors import (
        InvalidRow as InvalidRow,
    )
    from segur_certificats._problems.errors import (
        InvalidTelephone as InvalidTelephone,
    )
    from segur_certificats._problems.errors import (
        MissingExtra as MissingExtra,
    )
    from segur_certificats._problems.errors import (
        SegurCertificatsError as SegurCertificatsError,
    )
    from segur_certificats._problems.problem import (
        Problem as Problem,
    )
    from segur_certificats._problems.problem import (
        Severity as Severity,
    )
    from segur_certificats.model import (
        AdministrateurTechnique as AdministrateurTechnique,
    )
    from segur_certificats.model import (
        Demande as Demande,
    )
    from segur_certificats.model import (
        EntiteJuridique as EntiteJuridique,
    )
    from segur_certificats.model import (
        RequestContext as RequestContext,
    )
    from segur_certificats.model import (
        StatutAdminTechnique as StatutAdminTechnique,
    )
    from segur_certificats.model import (
        TypeDemande as TypeDemande,
    )
    from segur_certificats.model import (
        UtiliteCertificat as UtiliteCertificat,
    )
    from segur_certificats.rules import (
        SCENARIOS as SCENARIOS,
    )
    from segur_certificats.rules import (
        Requirement as Requirement,
    )
    from segur_certificats.rules import (
        Scenario as Scenario,
    )
    from segur_certificats.rules import (
        ScenarioTable as ScenarioTable,
    )
    from segur_certificats.rules import (
        clear_cache as clear_cache,
    )
    from segur_certificats.rules import (
        scenarios as scenarios,
    )
    from segur_certificats.serialize import (
        dumps as dumps,
    )
    from segur_certificats.serialize import (
        loads as loads,
    )
