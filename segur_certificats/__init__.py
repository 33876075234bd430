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
"""

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The public names and the module each lives in. They are imported on first use,
# so that ``import segur_certificats`` (and ``segur-certificats --version``) stays
# cheap (docs: api.md#imports).
_EXPORTS: dict[str, str] = {
    "Changes": "segur_certificats.changes",
    "diff": "segur_certificats.changes",
    "ScenarioTable": "segur_certificats.display",
    "scenarios": "segur_certificats.display",
    "EditSession": "segur_certificats.editing",
    "edit": "segur_certificats.editing",
    "Bloc": "segur_certificats.embedded",
    "EmbeddedReport": "segur_certificats.embedded",
    "replace_blocks": "segur_certificats.embedded",
    "validate_embedded": "segur_certificats.embedded",
    "BlockRefused": "segur_certificats.errors",
    "EditRefused": "segur_certificats.errors",
    "InvalidArgument": "segur_certificats.errors",
    "InvalidDocument": "segur_certificats.errors",
    "InvalidFiness": "segur_certificats.errors",
    "InvalidFinessChecksum": "segur_certificats.errors",
    "InvalidFinessFormat": "segur_certificats.errors",
    "InvalidRow": "segur_certificats.errors",
    "InvalidTelephone": "segur_certificats.errors",
    "SegurCertificatsError": "segur_certificats.errors",
    "STATUT_A_MODIFIER": "segur_certificats.model",
    "STATUT_EN_COURS": "segur_certificats.model",
    "AdministrateurTechnique": "segur_certificats.model",
    "Demande": "segur_certificats.model",
    "EntiteJuridique": "segur_certificats.model",
    "StatutAdminTechnique": "segur_certificats.model",
    "TypeDemande": "segur_certificats.model",
    "UtiliteCertificat": "segur_certificats.model",
    "oui_non": "segur_certificats.model",
    "Problem": "segur_certificats.problems",
    "Severity": "segur_certificats.problems",
    "SCENARIOS": "segur_certificats.rules",
    "RequestContext": "segur_certificats.rules",
    "Requirement": "segur_certificats.rules",
    "Scenario": "segur_certificats.rules",
    "dumps": "segur_certificats.serialize",
    "loads": "segur_certificats.serialize",
    "Report": "segur_certificats.report",
    "validate": "segur_certificats.report",
    "validate_file": "segur_certificats.report",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:  # a submodule, e.g. segur_certificats.rules
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


if TYPE_CHECKING:
    from segur_certificats.changes import (
        Changes,
        diff,
    )
    from segur_certificats.display import (
        ScenarioTable,
        scenarios,
    )
    from segur_certificats.editing import (
        EditSession,
        edit,
    )
    from segur_certificats.embedded import (
        Bloc,
        EmbeddedReport,
        replace_blocks,
        validate_embedded,
    )
    from segur_certificats.errors import (
        BlockRefused,
        EditRefused,
        InvalidArgument,
        InvalidDocument,
        InvalidFiness,
        InvalidFinessChecksum,
        InvalidFinessFormat,
        InvalidRow,
        InvalidTelephone,
        SegurCertificatsError,
    )
    from segur_certificats.model import (
        STATUT_A_MODIFIER,
        STATUT_EN_COURS,
        AdministrateurTechnique,
        Demande,
        EntiteJuridique,
        StatutAdminTechnique,
        TypeDemande,
        UtiliteCertificat,
        oui_non,
    )
    from segur_certificats.problems import (
        Problem,
        Severity,
    )
    from segur_certificats.report import (
        Report,
        validate,
        validate_file,
    )
    from segur_certificats.rules import (
        SCENARIOS,
        RequestContext,
        Requirement,
        Scenario,
    )
    from segur_certificats.serialize import (
        dumps,
        loads,
    )

__all__ = [
    "SCENARIOS",
    "STATUT_A_MODIFIER",
    "STATUT_EN_COURS",
    "AdministrateurTechnique",
    "Bloc",
    "BlockRefused",
    "Changes",
    "Demande",
    "EditRefused",
    "EditSession",
    "EmbeddedReport",
    "EntiteJuridique",
    "InvalidArgument",
    "InvalidDocument",
    "InvalidFiness",
    "InvalidFinessChecksum",
    "InvalidFinessFormat",
    "InvalidRow",
    "InvalidTelephone",
    "Problem",
    "Report",
    "RequestContext",
    "Requirement",
    "Scenario",
    "ScenarioTable",
    "SegurCertificatsError",
    "Severity",
    "StatutAdminTechnique",
    "TypeDemande",
    "UtiliteCertificat",
    "diff",
    "dumps",
    "edit",
    "loads",
    "oui_non",
    "replace_blocks",
    "scenarios",
    "validate",
    "validate_embedded",
    "validate_file",
]
