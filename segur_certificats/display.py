"""What Jupyter shows: the portal's screens as HTML, and plain-text tables (docs: jupyter.md).

Every value is HTML-escaped, and the markup carries its own inline styles: no
external CSS or JavaScript, so it renders offline and in exported notebooks.
Changes are marked by colour *and* by text (``ajoutée``, ``modifiée``,
``supprimée``, ``<ins>``/``<del>``), so they read in black and white and to
screen readers.

```pycon
>>> import segur_certificats as sc
>>> demande = sc.loads(open("examples/ms2-editeur-carte-obligatoire.json").read())
>>> print(text_table(COLUMNS[:3], [row_cells(e)[:3] for e in demande.commandes]))
FINESS juridique | Contractualisation OG | Statut administrateur
---------------- | --------------------- | ---------------------
330058066        | Non                   | Editeur
>>> print(scenarios(demande.commandes[0]).explanation())  # doctest: +NORMALIZE_WHITESPACE
Ligne 4 du tableau : numéro de carte CPX OBLIGATOIRE,
car l'éditeur a déjà contractualisé avec l'ANS.

```
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from segur_certificats._sheetio import column_name
from segur_certificats.model import (
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    oui_non,
)
from segur_certificats.names import ADMIN_PATHS
from segur_certificats.problems import Problem, anchor_of, split_pointer
from segur_certificats.rules import SCENARIOS, Requirement, Scenario, scenario_of

if TYPE_CHECKING:
    from segur_certificats.editing import EditSession
    from segur_certificats.report import Report
    from segur_certificats.sheets import CellProblem, SheetReport

__all__ = [
    "COLUMNS",
    "LABELS",
    "ScenarioTable",
    "demande_html",
    "report_html",
    "row_cells",
    "scenarios",
    "session_html",
    "sheet_html",
    "text_table",
]

#: The screen's label of each key of the format: the request's header, then the
#: columns of the consultation screen (docs: jupyter.md#consultation-screen).
LABELS: dict[str, str] = {
    "numeroDemande": "Numéro",
    "typeDemande": "Type",
    "couloir": "Couloir",
    "dateDepot": "Date de dépôt",
    "dateModification": "Date de modification",
    "statut": "Statut",
    "blocAdministrateursValide": "Bloc administrateurs validé",
    "entitesJuridiques": "Entités juridiques",
    "finessJuridique": "FINESS juridique",
    "demandeCertificatServeur": "Demande de certificat serveur",
    "contracutualisationOG": "Contractualisation OG",
    "StatutAdminTechnique": "Statut administrateur",
    "contractualisationEditeur": "Contractualisation éditeur",
    "certificatServeur": "Certificat serveur",
    "numeroCarteCPX": "Numéro de carte CPX",
    "nomAdminTechnique": "Nom",
    "telAdminTechnique": "Téléphone",
    "emailAdminTechnique": "Email",
    "utiliteCertificat": "Utilité certificat",
}
#: The `AdministrateurTechnique` field shown in each column after the first.
_FIELDS = tuple(ADMIN_PATHS)
#: The columns of the consultation screen.
COLUMNS = (
    LABELS["finessJuridique"],
    *(LABELS[path.rsplit("/", 1)[1]] for path in ADMIN_PATHS.values()),
)

_TABLE = "border-collapse:collapse;font-family:sans-serif;font-size:13px;margin:4px 0"
_CELL = "border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top"
_HEAD = _CELL + ";background:#eef1f5"
_GREEN = ";background:#d8f5d8"
_GREY = ";background:#eeeeee;color:#666"
_HIGHLIGHT = ";background:#fff3b0;font-weight:bold"
_MARK = {"added": "✚ ajoutée", "modified": "✎ modifiée", "deleted": "✖ supprimée"}


def _label(admin: AdministrateurTechnique, field: str) -> str:
    value = getattr(admin, field)
    if isinstance(value, bool) or (value is None and field.startswith("contractualisation")):
        return oui_non(value)
    if value is None:
        return ""
    return str(getattr(value, "label", value))


def row_cells(entite: EntiteJuridique) -> list[str]:
    """The texts of one row of the consultation screen, with the screen's labels."""
    admin = entite.administrateur or AdministrateurTechnique()
    return [entite.finess_juridique or "", *(_label(admin, field) for field in _FIELDS)]


def text_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A plain-text table, columns aligned, for ``print`` and ``__str__``."""
    body = [list(row) for row in rows]
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *body, strict=False)]
    lines = [headers, ["-" * w for w in widths], *body]
    return "\n".join(
        " | ".join(
            str(cell).ljust(width) for cell, width in zip(line, widths, strict=False)
        ).rstrip()
        for line in lines
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _tr(cells: Iterable[str], attributes: str = "") -> str:
    return f"<tr{attributes}>{''.join(cells)}</tr>"


def _td(content: str, style: str = "", attributes: str = "") -> str:
    return f'<td{attributes} style="{_e(_CELL + style)}">{content}</td>'


def _thead(headers: Iterable[str]) -> str:
    cells = "".join(f'<th scope="col" style="{_e(_HEAD)}">{_e(h)}</th>' for h in headers)
    return f"<thead><tr>{cells}</tr></thead>"


def _table(caption: str, headers: Iterable[str], rows: list[str], css_class: str) -> str:
    return (
        f'<table class="{css_class}" style="{_e(_TABLE)}">'
        f'<caption style="text-align:left;font-weight:bold">{_e(caption)}</caption>'
        f"{_thead(headers)}<tbody>{''.join(rows)}</tbody></table>"
    )


def _date(value: object) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else "—"


def _header(demande: Demande) -> str:
    items = [
        (LABELS["numeroDemande"], demande.numero_demande or "—"),
        (LABELS["typeDemande"], demande.type_demande.label),
        (LABELS["couloir"], demande.couloir),
        (LABELS["dateDepot"], _date(demande.date_depot)),
        (LABELS["dateModification"], _date(demande.date_modification)),
        (LABELS["statut"], demande.statut or "—"),
        (LABELS["blocAdministrateursValide"], oui_non(demande.bloc_administrateurs_valide)),
    ]
    cells = "".join(
        f'<dt style="font-weight:bold;display:inline">{_e(k)} :</dt> '
        f'<dd style="display:inline;margin:0 12px 0 0">{_e(v)}</dd>'
        for k, v in items
    )
    return f'<dl class="sc-demande-info" style="font-family:sans-serif;font-size:13px">{cells}</dl>'


_CAPTION = "Information sur le(s) administrateur(s) technique(s)"
_EMPTY = "Aucune demande de certificat serveur."


def demande_html(demande: Demande) -> str:
    """The consultation screen: the request's header, then one row per order (docs:
    jupyter.md#consultation-screen)."""
    rows = [
        _tr(
            (_td(_e(cell)) for cell in row_cells(e)),
            attributes=f' data-finess="{_e(e.finess_juridique or "")}"',
        )
        for e in demande.commandes
    ]
    if not rows:
        rows = [_tr([_td(_e(_EMPTY), attributes=f' colspan="{len(COLUMNS)}"')])]
    table = _table(_CAPTION, COLUMNS, rows, "sc-commandes")
    return f'<div class="sc-demande">{_header(demande)}{table}</div>'


def demande_text(demande: Demande) -> str:
    """The consultation screen as plain text."""
    head = (
        f"Demande {demande.numero_demande or '—'} · {demande.type_demande.label} · "
        f"couloir {demande.couloir} · déposée le {_date(demande.date_depot)} · "
        f"modifiée le {_date(demande.date_modification)} · statut {demande.statut or '—'}"
    )
    rows = [row_cells(e) for e in demande.commandes]
    return head + "\n" + (text_table(COLUMNS, rows) if rows else _EMPTY)


# -- the validation report --------------------------------------------------------------


def _groups(report: Report) -> dict[str, list[Problem]]:
    anchors = {b.path for b in getattr(report, "blocs", ())}
    groups: dict[str, list[Problem]] = {}
    for problem in report.problems:
        parts = split_pointer(problem.path)
        if len(parts) >= 2 and parts[0] == "entitesJuridiques":
            key = f"/entitesJuridiques/{parts[1]}"
        else:
            key = anchor_of(problem.path, anchors) or ""
        groups.setdefault(key, []).append(problem)
    return groups


def _group_title(report: Report, anchor: str) -> str:
    if not anchor:
        return "Demande"
    number = None
    if report.demande is not None:
        index = int(split_pointer(anchor)[1])
        if index < len(report.demande.entites_juridiques):
            number = report.demande.entites_juridiques[index].finess_juridique
    for bloc in getattr(report, "blocs", ()):
        if bloc.path == anchor and bloc.entite is not None:
            number = bloc.entite.finess_juridique
    return f"{anchor} (FINESS juridique {number})" if number else anchor


def _summary(report: Report, lang: str) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if lang == "en":
        return f"{errors} error(s), {warnings} warning(s)" if report.problems else "No problem."
    return (
        f"{errors} erreur(s), {warnings} avertissement(s)" if report.problems else "Aucun problème."
    )


def report_html(report: Report, lang: str = "fr") -> str:
    """The problems of a report, grouped by row, each with its path, code and message."""
    english = lang == "en"
    headers = (
        ("Path", "Code", "Severity", "Message")
        if english
        else ("Chemin", "Code", "Gravité", "Message")
    )
    rows: list[str] = []
    for anchor, problems in _groups(report).items():
        title = _group_title(report, anchor)
        rows.append(
            _tr([_td(f"<strong>{_e(title)}</strong>", _GREY, ' colspan="4" class="sc-group"')])
        )
        for p in problems:
            severity = (
                p.severity.value
                if english
                else {"error": "erreur", "warning": "avertissement"}[p.severity.value]
            )
            colour = ";color:#a00" if p.severity.value == "error" else ";color:#8a6d00"
            rows.append(
                _tr(
                    [
                        _td(f"<code>{_e(p.path or '/')}</code>"),
                        _td(f"<code>{_e(p.code)}</code>"),
                        _td(_e(severity), colour),
                        _td(_e(p.message(lang))),
                    ],
                    attributes=f' data-code="{_e(p.code)}" data-path="{_e(p.path)}"',
                )
            )
    caption = _summary(report, lang)
    return f'<div class="sc-report">{_table(caption, headers, rows, "sc-problems")}</div>'


# -- the modification screen ---------------------------------------------------------------


def _changed_cell(field: str, value: str, before: str) -> str:
    """A modified field: green, marked ✎, the old value in its title and label."""
    label = f"{value} (modifié, avant : {before})"
    attributes = f' class="sc-changed" data-field="{_e(field)}" aria-label="{_e(label)}"'
    content = f'<ins title="{_e("avant : " + before)}">{_e(value)}</ins> ✎'
    return _td(content, _GREEN, attributes)


def session_html(session: EditSession) -> str:
    """The modification screen: added rows and modified fields in green and marked,
    deleted rows struck through, until confirmation (docs: editing.md#marks)."""
    changes = session.changes
    added = {e.finess_juridique for e in changes.added}
    deleted = {e.finess_juridique for e in changes.deleted}
    modified = {r.finess_juridique: {f.field: f for f in r.fields} for r in changes.modified}
    original = {e.finess_juridique: e for e in session.original.commandes}
    rows: list[str] = []
    for entite in session.preview.entites_juridiques:
        number = entite.finess_juridique
        finess_attr = f' data-finess="{_e(number or "")}"'
        if entite.administrateur is not None:
            state = "added" if number in added else "modified" if number in modified else ""
            cells = []
            for column, cell in enumerate(row_cells(entite)):
                field = _FIELDS[column - 1] if column else ""
                if state == "added":
                    cells.append(_td(f"<ins>{_e(cell)}</ins>", _GREEN))
                elif field in modified.get(number, {}):
                    before = row_cells(original[number])[column]
                    cells.append(_changed_cell(field, cell, before))
                else:
                    cells.append(_td(_e(cell)))
            cells.append(_td(_e(_MARK.get(state, ""))))
            rows.append(_tr(cells, attributes=f' class="sc-{state or "unchanged"}"{finess_attr}'))
        elif number in deleted:
            cells = [_td(f"<del>{_e(cell)}</del>", _GREY) for cell in row_cells(original[number])]
            cells.append(_td(_e(_MARK["deleted"])))
            rows.append(_tr(cells, attributes=f' class="sc-deleted"{finess_attr}'))
    header = _header(session.preview)
    table = _table(
        _CAPTION + " — modification en cours", (*COLUMNS, "Modification"), rows, "sc-session"
    )
    return f'<div class="sc-session">{header}{table}</div>'


# -- the scenario table -------------------------------------------------------------------

_PARTY = {
    StatutAdminTechnique.EDITEUR: "l'éditeur",
    StatutAdminTechnique.STRUCTURE: "l'organisme gestionnaire",
}
_SCENARIO_COLUMNS = (
    "Ligne",
    "demandeCertificatServeur",
    "contracutualisationOG",
    "StatutAdminTechnique",
    "contractualisationEditeur",
    "numeroCarteCPX",
)


def _scenario_cells(row: Scenario) -> list[str]:
    def word(value: object) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        return str(value)

    return [
        str(row.number),
        word(row.demande_certificat_serveur),
        word(row.contractualisation_og),
        word(row.statut),
        word(row.contractualisation_editeur),
        row.numero_carte_cpx.label,
    ]


@attrs.frozen
class ScenarioTable:
    """The guide's scenario table (docs: scenarios.md#table), with the row of one order
    highlighted."""

    highlight: Scenario | None = None
    #: True when an order was given but an answer is missing (no row applies).
    incomplete: bool = False

    def explanation(self) -> str:
        """Why the card number is, or is not, mandatory for the highlighted row."""
        if self.incomplete:
            return "Aucune ligne ne s'applique : une des trois réponses manque."
        row = self.highlight
        if row is None:
            return ""
        if row.numero_carte_cpx is Requirement.NULL:
            return f"Ligne {row.number} du tableau : pas de commande, tout le bloc est null."
        party = _PARTY[row.statut] if row.statut else "?"
        if row.numero_carte_cpx is Requirement.MANDATORY:
            why = f"car {party} a déjà contractualisé avec l'ANS"
        else:
            why = f"car {party} n'a pas encore contractualisé avec l'ANS"
        card = row.numero_carte_cpx.label
        return f"Ligne {row.number} du tableau : numéro de carte CPX {card}, {why}."

    def __str__(self) -> str:
        rows = []
        for row in SCENARIOS:
            cells = _scenario_cells(row)
            cells.append("◀" if row == self.highlight else "")
            rows.append(cells)
        table = text_table((*_SCENARIO_COLUMNS, ""), rows)
        explanation = self.explanation()
        return table + ("\n" + explanation if explanation else "")

    def _repr_html_(self) -> str:
        rows = []
        for row in SCENARIOS:
            here = row == self.highlight
            style = _HIGHLIGHT if here else ""
            cells = [_td(_e(c), style) for c in _scenario_cells(row)]
            cells.append(_td("◀ ce cas" if here else "", style))
            attributes = f' data-row="{row.number}"' + (
                ' aria-current="true" class="sc-highlight"' if here else ""
            )
            rows.append(_tr(cells, attributes=attributes))
        caption = "Scénarios de commande d'un certificat serveur"
        table = _table(caption, (*_SCENARIO_COLUMNS, ""), rows, "sc-scenarios")
        explanation = self.explanation()
        note = (
            f'<p class="sc-explanation" style="font-family:sans-serif">{_e(explanation)}</p>'
            if explanation
            else ""
        )
        return f'<div class="sc-scenario-table">{table}{note}</div>'


def scenarios(order: EntiteJuridique | AdministrateurTechnique | None = None) -> ScenarioTable:
    """The scenario table, with the row that applies to an entity or administrator row.

    ``scenarios(entite)`` answers "why is the card number mandatory here?".
    """
    if order is None:
        return ScenarioTable()
    admin = order.administrateur if isinstance(order, EntiteJuridique) else order
    row = scenario_of(admin)
    return ScenarioTable(highlight=row, incomplete=row is None)


# -- a filled spreadsheet ------------------------------------------------------------------

_RED = ";background:#fbd9d9"
_YELLOW = ";background:#fff3b0"


def sheet_html(report: SheetReport) -> str:
    """A filled sheet's rows, each cell with a problem highlighted (red for an
    error, yellow for a warning) and its messages in the cell's title and label;
    the problems of the whole sheet above (docs: sheets.md#jupyter)."""
    by_cell: dict[str, list[CellProblem]] = {}
    for problem in report.problems:
        by_cell.setdefault(problem.cell, []).append(problem)
    letters = [column_name(i) for i in range(len(report.header))]
    rows: list[str] = []
    for number, cells in report.rows:
        row_cells = [_td(f"<strong>{number}</strong>", _GREY)]
        for index in range(len(report.header)):
            value = cells[index] if index < len(cells) else ""
            problems = by_cell.get(f"{report.sheet}!{letters[index]}{number}", [])
            if not problems:
                row_cells.append(_td(_e(value)))
                continue
            messages = " ; ".join(f"[{p.code}] {p.message()}" for p in problems)
            error = any(p.severity.value == "error" for p in problems)
            attributes = (
                f' class="sc-cell-problem" title="{_e(messages)}"'
                f' aria-label="{_e(value + " : " + messages)}"'
            )
            shown = f"{_e(value)} <small>⚠ {_e(messages)}</small>"
            row_cells.append(_td(shown, _RED if error else _YELLOW, attributes))
        rows.append(_tr(row_cells))
    shown_cells = {f"{report.sheet}!{letter}{n}" for n, _ in report.rows for letter in letters}
    others = [p for p in report.problems if p.cell not in shown_cells]
    listing = "".join(f"<li>{_e(p.line())}</li>" for p in others)
    summary = f"{len(report.errors)} erreur(s), {len(report.warnings)} avertissement(s)"
    table = _table(summary, ["", *report.header], rows, "sc-sheet")
    above = f'<ul class="sc-sheet-problems">{listing}</ul>' if listing else ""
    return f'<div class="sc-sheet-report">{above}{table}</div>'
