"""segur-certificats: the server-certificate orders of a Ségur Numérique MS1/MS2 request.

Build, read, validate and write the JSON block by which a software editor
orders server certificates for its médico-social customers (corridors MS1 and
MS2), exactly as the ASP portal expects it.

```pycon
>>> import segur_certificats as sc
>>> demande = sc.loads(open("examples/ms2-editeur-carte-obligatoire.json").read())
>>> [e.finess_juridique for e in demande.commandes]
['330058066']

```
"""

from segur_certificats.diff import Changes, diff
from segur_certificats.display import ScenarioTable, scenarios
from segur_certificats.edit import EditSession, edit
from segur_certificats.embedded import Bloc, EmbeddedReport, replace_blocks, validate_embedded
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
from segur_certificats.problems import Problem, Severity
from segur_certificats.rules import SCENARIOS, RequestContext, Requirement, Scenario
from segur_certificats.serialize import dumps, loads
from segur_certificats.validate import Report, validate, validate_file

__version__ = "0.1.0"

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
