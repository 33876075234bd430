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

from segur_certificats.version import __version__

# The public names and the module each lives in: the one list. ``__all__`` is made
# from it, and a test holds the imports for type checkers below to the same names.
_EXPORTS: dict[str, str] = {
    "AdministrateurTechnique": "segur_certificats.format.model",
    "Demande": "segur_certificats.format.model",
    "EntiteJuridique": "segur_certificats.format.model",
    "StatutAdminTechnique": "segur_certificats.format.codes",
    "TypeDemande": "segur_certificats.format.codes",
    "UtiliteCertificat": "segur_certificats.format.codes",
    "RequestContext": "segur_certificats.format.context",
    "Problem": "segur_certificats.problems.problem",
    "Severity": "segur_certificats.problems.problem",
    "BlockRefused": "segur_certificats.problems.errors",
    "EditRefused": "segur_certificats.problems.errors",
    "InvalidArgument": "segur_certificats.problems.errors",
    "InvalidDocument": "segur_certificats.problems.errors",
    "InvalidFiness": "segur_certificats.problems.errors",
    "InvalidFinessChecksum": "segur_certificats.problems.errors",
    "InvalidFinessFormat": "segur_certificats.problems.errors",
    "InvalidRow": "segur_certificats.problems.errors",
    "InvalidTelephone": "segur_certificats.problems.errors",
    "MissingExtra": "segur_certificats.problems.errors",
    "SegurCertificatsError": "segur_certificats.problems.errors",
    "dumps": "segur_certificats.codec.writer",
    "SCENARIOS": "segur_certificats.rules.scenarios",
    "Requirement": "segur_certificats.rules.scenarios",
    "Scenario": "segur_certificats.rules.scenarios",
    "ScenarioTable": "segur_certificats.rules.table",
    "scenarios": "segur_certificats.rules.table",
    "clear_cache": "segur_certificats.rules.cache",
    "Report": "segur_certificats.pipeline.report",
    "loads": "segur_certificats.pipeline.validate",
    "validate": "segur_certificats.pipeline.validate",
    "validate_file": "segur_certificats.pipeline.validate",
    "Bloc": "segur_certificats.embedded.check",
    "EmbeddedReport": "segur_certificats.embedded.check",
    "validate_embedded": "segur_certificats.embedded.check",
    "replace_blocks": "segur_certificats.embedded.replace",
    "Changes": "segur_certificats.editing.changes",
    "diff": "segur_certificats.editing.changes",
    "EditSession": "segur_certificats.editing.session",
    "edit": "segur_certificats.editing.session",
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
    from segur_certificats.codec.writer import (
        dumps as dumps,
    )
    from segur_certificats.editing.changes import (
        Changes as Changes,
    )
    from segur_certificats.editing.changes import (
        diff as diff,
    )
    from segur_certificats.editing.session import (
        EditSession as EditSession,
    )
    from segur_certificats.editing.session import (
        edit as edit,
    )
    from segur_certificats.embedded.check import (
        Bloc as Bloc,
    )
    from segur_certificats.embedded.check import (
        EmbeddedReport as EmbeddedReport,
    )
    from segur_certificats.embedded.check import (
        validate_embedded as validate_embedded,
    )
    from segur_certificats.embedded.replace import (
        replace_blocks as replace_blocks,
    )
    from segur_certificats.format.codes import (
        StatutAdminTechnique as StatutAdminTechnique,
    )
    from segur_certificats.format.codes import (
        TypeDemande as TypeDemande,
    )
    from segur_certificats.format.codes import (
        UtiliteCertificat as UtiliteCertificat,
    )
    from segur_certificats.format.context import (
        RequestContext as RequestContext,
    )
    from segur_certificats.format.model import (
        AdministrateurTechnique as AdministrateurTechnique,
    )
    from segur_certificats.format.model import (
        Demande as Demande,
    )
    from segur_certificats.format.model import (
        EntiteJuridique as EntiteJuridique,
    )
    from segur_certificats.pipeline.report import (
        Report as Report,
    )
    from segur_certificats.pipeline.validate import (
        loads as loads,
    )
    from segur_certificats.pipeline.validate import (
        validate as validate,
    )
    from segur_certificats.pipeline.validate import (
        validate_file as validate_file,
    )
    from segur_certificats.problems.errors import (
        BlockRefused as BlockRefused,
    )
    from segur_certificats.problems.errors import (
        EditRefused as EditRefused,
    )
    from segur_certificats.problems.errors import (
        InvalidArgument as InvalidArgument,
    )
    from segur_certificats.problems.errors import (
        InvalidDocument as InvalidDocument,
    )
    from segur_certificats.problems.errors import (
        InvalidFiness as InvalidFiness,
    )
    from segur_certificats.problems.errors import (
        InvalidFinessChecksum as InvalidFinessChecksum,
    )
    from segur_certificats.problems.errors import (
        InvalidFinessFormat as InvalidFinessFormat,
    )
    from segur_certificats.problems.errors import (
        InvalidRow as InvalidRow,
    )
    from segur_certificats.problems.errors import (
        InvalidTelephone as InvalidTelephone,
    )
    from segur_certificats.problems.errors import (
        MissingExtra as MissingExtra,
    )
    from segur_certificats.problems.errors import (
        SegurCertificatsError as SegurCertificatsError,
    )
    from segur_certificats.problems.problem import (
        Problem as Problem,
    )
    from segur_certificats.problems.problem import (
        Severity as Severity,
    )
    from segur_certificats.rules.cache import (
        clear_cache as clear_cache,
    )
    from segur_certificats.rules.scenarios import (
        SCENARIOS as SCENARIOS,
    )
    from segur_certificats.rules.scenarios import (
        Requirement as Requirement,
    )
    from segur_certificats.rules.scenarios import (
        Scenario as Scenario,
    )
    from segur_certificats.rules.table import (
        ScenarioTable as ScenarioTable,
    )
    from segur_certificats.rules.table import (
        scenarios as scenarios,
    )
