"""The screens as HTML, parsed (not string-compared) (docs: jupyter.md, scenarios.md#table)."""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from html.parser import HTMLParser
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats._view import html as html_view
from segur_certificats._vocabulary.labels import COLUMNS
from segur_certificats.model import row_cells
from segur_certificats.rules import scenario_of
from segur_certificats.strategies import demandes

from ..conftest import ROOT

PLUSIEURS = sc.loads((ROOT / "examples" / "ms1-plusieurs-entites.json").read_text(encoding="utf-8"))
EVIL = "<script>alert('x')</script>"


def soup(html):
    return BeautifulSoup(html, "html.parser")


def table_rows(table):
    return [
        [cell.get_text(strip=True) for cell in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    ]


def headers(table):
    return [th.get_text(strip=True) for th in table.thead.find_all("th")]


def assert_self_contained(html):
    page = soup(html)
    assert page.find("script") is None
    assert page.find("link") is None
    assert not [tag for tag in page.find_all(True) if tag.get("src") or tag.get("href")]


# -- the consultation screen ----------------------------------------------------------------


def test_the_consultation_table_has_the_portals_columns_and_one_row_per_order():
    page = soup(PLUSIEURS._repr_html_())
    table = page.find("table", class_="sc-commandes")
    assert headers(table) == list(COLUMNS)
    rows = table_rows(table)
    # jupyter.md#consultation-screen: the entity that orders nothing (750712184) has no row.
    assert [row[0] for row in rows] == [e.finess_juridique for e in PLUSIEURS.commandes]
    assert "750712184" not in [row[0] for row in rows]
    assert rows[2] == [
        "330781196",
        "Oui",
        "Editeur",
        "Non",
        "8002345678",
        "Dupont",
        "+33 5 56 79 56 79",
        "dupont@editeur.fr",
        "DMP, INS",
    ]
    assert_self_contained(str(page))


def test_the_request_header_shows_number_type_corridor_dates_and_status():
    info = soup(PLUSIEURS._repr_html_()).find("dl", class_="sc-demande-info")
    pairs = dict(
        zip(
            [t.get_text(strip=True) for t in info.find_all("dt")],
            [d.get_text(strip=True) for d in info.find_all("dd")],
            strict=True,
        )
    )
    assert pairs == {
        "Numéro :": "FINMS2009412M2",
        "Type :": "Demande d'avance",
        "Couloir :": "MS1",
        "Date de dépôt :": "15/01/2024",
        "Date de modification :": "01/02/2024",
        "Statut :": "A modifier",
        "Bloc administrateurs validé :": "Non",
    }


def test_a_request_without_orders_says_so():
    solde = sc.loads((ROOT / "examples" / "solde-sans-commande.json").read_text(encoding="utf-8"))
    rows = table_rows(soup(solde._repr_html_()).find("table"))
    assert rows == [["Aucune demande de certificat serveur."]]


def test_values_are_escaped_everywhere():
    first = PLUSIEURS.commandes[0].administrateur
    assert first is not None
    admin = first.evolve(nom=EVIL, email=f"{EVIL}@x.fr")
    entites = [
        e.evolve(administrateur=admin) if e.administrateur else e
        for e in PLUSIEURS.entites_juridiques
    ]
    demande = PLUSIEURS.evolve(numero_demande=EVIL, entites_juridiques=entites)
    for html in (demande._repr_html_(), sc.validate(demande)._repr_html_()):
        page = soup(html)
        assert page.find("script") is None
        assert EVIL in page.get_text()
    session = sc.edit(PLUSIEURS)
    page = soup(session._repr_html_())
    assert page.find("script") is None


@given(demandes())
def test_every_generated_request_shows_exactly_its_orders(demande):
    table = soup(demande._repr_html_()).find("table", class_="sc-commandes")
    rows = table_rows(table)
    expected = [row_cells(e) for e in demande.commandes] or [
        ["Aucune demande de certificat serveur."]
    ]
    assert rows == expected


def test_the_plain_text_form_is_a_readable_table():
    text = str(PLUSIEURS)
    assert text.splitlines()[0].startswith("Demande FINMS2009412M2")
    assert "FINESS juridique | Contractualisation OG" in text
    assert len(text.splitlines()) == 3 + len(PLUSIEURS.commandes)


# -- the validation report ------------------------------------------------------------------


def test_the_report_groups_problems_by_row_with_path_code_and_message():
    doc = json.loads(sc.dumps(PLUSIEURS))
    doc["couloir"] = 1
    doc["entitesJuridiques"][1]["certificatServeur"]["telAdminTechnique"] = "0123"
    doc["entitesJuridiques"][3]["finessJuridique"] = "330781197"
    report = sc.validate(doc)
    page = soup(report._repr_html_())
    table = page.find("table", class_="sc-problems")
    assert headers(table) == ["Chemin", "Code", "Gravité", "Message"]
    groups = [td.get_text(strip=True) for td in table.find_all("td", class_="sc-group")]
    assert groups == ["Demande", "/entitesJuridiques/1", "/entitesJuridiques/3"]
    problems = [
        (tr["data-path"], tr["data-code"]) for tr in table.find_all("tr", attrs={"data-code": True})
    ]
    assert problems == [(p.path, p.code) for p in report.problems]
    assert "3 erreur(s)" in table.caption.get_text()
    english = soup(report.html("en"))
    assert headers(english.find("table")) == ["Path", "Code", "Severity", "Message"]


def test_a_clean_report_says_no_problem():
    page = soup(sc.validate(PLUSIEURS)._repr_html_())
    assert page.find("caption").get_text(strip=True) == "Aucun problème."
    assert str(sc.validate(PLUSIEURS)) == "Aucun problème."


# -- the modification screen -------------------------------------------------------------------

FULL = sc.AdministrateurTechnique(
    contractualisation_og=False,
    statut=sc.StatutAdminTechnique.STRUCTURE,
    contractualisation_editeur=False,
    nom="Hélène",
    telephone="0692 12 34 56",
    email="h@structure.re",
    utilite=sc.UtiliteCertificat.INS,
)


@pytest.fixture
def session():
    session = sc.edit(PLUSIEURS)
    session.add("750712184", FULL)
    session.modify("690781810", nom="N'DIAYE-SOW", telephone="04 72 11 22 34")
    session.delete("130786049")
    return session


def _row(page, finess):
    return page.find("tr", attrs={"data-finess": finess})


def test_added_rows_are_green_and_marked_in_words(session):
    row = _row(soup(session._repr_html_()), "750712184")
    assert row["class"] == ["sc-added"]
    cells = row.find_all("td")
    assert all(cell.find("ins") for cell in cells[:-1])
    assert all("background" in cell["style"] for cell in cells[:-1])
    assert cells[-1].get_text(strip=True) == "✚ ajoutée"


def test_modified_fields_are_green_marked_and_keep_the_old_value(session):
    row = _row(soup(session._repr_html_()), "690781810")
    changed = row.find_all("td", class_="sc-changed")
    assert [c["data-field"] for c in changed] == ["nom", "telephone"]
    assert changed[0].ins.get_text() == "N'DIAYE-SOW"
    assert changed[0].ins["title"] == "avant : N'DIAYE"
    assert "✎" in changed[0].get_text()
    assert "avant : N'DIAYE" in changed[0]["aria-label"]
    assert row.find_all("td")[-1].get_text(strip=True) == "✎ modifiée"
    untouched = [
        td for td in row.find_all("td")[:-1] if "sc-changed" not in (td.get("class") or [])
    ]
    assert not any(td.find("ins") for td in untouched)


def test_deleted_rows_are_struck_through_until_confirmed(session):
    page = soup(session._repr_html_())
    row = _row(page, "130786049")
    assert row["class"] == ["sc-deleted"]
    assert all(cell.find("del") for cell in row.find_all("td")[:-1])
    assert row.find_all("td")[-1].get_text(strip=True) == "✖ supprimée"
    confirmed = session.confirm()
    assert _row(soup(confirmed._repr_html_()), "130786049") is None


def test_an_untouched_session_shows_no_mark():
    page = soup(sc.edit(PLUSIEURS)._repr_html_())
    assert page.find("ins") is None
    assert page.find("del") is None
    assert repr(sc.edit(PLUSIEURS)).endswith("0 ajout(s), 0 suppression(s), 0 modification(s)>")


# -- the scenario table ---------------------------------------------------------------------------


def test_the_scenario_table_shows_the_nine_rows_with_the_card_requirement():
    table = soup(sc.scenarios()._repr_html_()).find("table", class_="sc-scenarios")
    rows = table_rows(table)
    assert len(rows) == 9
    assert [row[5] for row in rows] == [s.numero_carte_cpx.label for s in sc.SCENARIOS]
    assert table.find("tr", attrs={"aria-current": "true"}) is None


@pytest.mark.parametrize("entite", PLUSIEURS.commandes, ids=lambda e: e.finess_juridique)
def test_the_row_of_an_order_is_highlighted_and_explained(entite):
    view = sc.scenarios(entite)
    page = soup(view._repr_html_())
    (current,) = page.find_all("tr", attrs={"aria-current": "true"})
    row = scenario_of(entite.administrateur)
    assert row is not None
    assert current["data-row"] == str(row.number)
    assert "◀ ce cas" in current.get_text()
    explanation = page.find("p", class_="sc-explanation").get_text()
    assert f"Ligne {row.number}" in explanation
    assert row.numero_carte_cpx.label in explanation
    assert "◀" in str(view)


def test_a_draft_with_a_missing_answer_has_no_row():
    view = sc.scenarios(sc.AdministrateurTechnique(statut=sc.StatutAdminTechnique.EDITEUR))
    assert view.highlight is None
    assert "manque" in view.explanation()


def test_no_order_is_row_one():
    highlight = sc.scenarios(sc.EntiteJuridique(finess_juridique="750712184")).highlight
    assert highlight is not None
    assert highlight.number == 1


def test_dates_are_shown_in_french_format():
    assert "02/10/2023" in str(PLUSIEURS.evolve(date_depot=dt.date(2023, 10, 2)))


# -- escaping (every text through html.escape) --------------------------------------------

TEXTS = st.text(max_size=30) | st.sampled_from(
    [EVIL, "\"'&<>", "&amp;", "&#x27;", "&amp", "a=b c", '"><b x="', " ", "&", "\r\n\x00"]
)


class _Events(HTMLParser):
    """The start tags (their attributes but the style), texts and end tags a parser
    reads, each text whole."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...] | tuple[str, str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, {k: v for k, v in attrs if k != "style"}))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            data = str(self.events.pop()[1]) + data
        self.events.append(("text", data))


def events(markup: str) -> list[Any]:
    parser = _Events()
    parser.feed(markup)
    parser.close()
    return parser.events


def element(tag: str, attributes: dict[str, str], *inside: Any) -> list[Any]:
    """The events of an element whose attributes are written only when they have a
    value (but the ``data-`` ones)."""
    start = ("start", tag, {k: v for k, v in attributes.items() if v or k.startswith("data-")})
    return [start, *inside, ("end", tag)]


def block(tag: str, css: str, *inside: Any) -> list[Any]:
    """The events of an element whose class is always written."""
    return [("start", tag, {"class": css}), *inside, ("end", tag)]


def text(value: str) -> list[Any]:
    return [("text", value)] if value else []


def test_escaping_is_the_standard_librarys():
    assert html_view._e("<a href='x'>\"&\"</a>") == escape("<a href='x'>\"&\"</a>")
    assert html_view._e("'") == "&#x27;"  # as the hand-written table wrote it
    assert html_view._e(3) == "3"


@given(TEXTS, TEXTS, TEXTS)
def test_every_text_and_attribute_is_read_back_as_it_was_given(one, other, css):
    cell = html_view.Cell(
        one,
        tag="ins",
        tag_title=other,
        after=other,
        small=one,
        title=one,
        label=other,
        css_class=css,
        data={"value": one},
        colspan=2,
    )
    cell_events = element(
        "td",
        {"class": css, "title": one, "aria-label": other, "colspan": "2", "data-value": one},
        *element("ins", {"title": other}, *text(one)),
        *text(other + (" " if one else "")),
        *(element("small", {}, *text(one)) if one else []),
    )
    assert events(cell.render()) == cell_events
    row = html_view.Row([cell], css_class=css, data={"value": other}, current=True)
    row_events = element(
        "tr", {"class": css, "aria-current": "true", "data-value": other}, *cell_events
    )
    assert events(row.render()) == row_events
    assert events(html_view.table(one, [other], [row], css)) == block(
        "table",
        css,
        *element("caption", {}, *text(one)),
        *element("thead", {}, *element("tr", {}, *element("th", {"scope": "col"}, *text(other)))),
        *element("tbody", {}, *row_events),
    )
    assert events(html_view.definitions([(one, other)], css)) == block(
        "dl",
        css,
        *element("dt", {}, *text(f"{one} :")),
        *text(" "),
        *element("dd", {}, *text(other)),
    )
    paragraph = html_view.paragraph(one, css)
    assert events(paragraph) == (block("p", css, *text(one)) if one else [])
    bullets = html_view.bullets([other], css)
    assert events(bullets) == block("ul", css, *element("li", {}, *text(other)))
    assert events(html_view.div(css, paragraph, bullets)) == block(
        "div", css, *events(paragraph), *events(bullets)
    )
