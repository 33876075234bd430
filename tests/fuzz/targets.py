"""Each target runs one input through the SDK and checks its oracles; a broken
promise is an AssertionError (or the unexpected exception itself)."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import segur_certificats as sc
from segur_certificats import sheets
from segur_certificats._codec.jsontext import DECODER
from segur_certificats._codec.spans import locate
from segur_certificats._problems.pointer import split_pointer
from segur_certificats._vocabulary.keys import BLOCK_KEYS

from ..conftest import EXAMPLES, ROOT
from ..vocabulary import CERTIFICAT

CERTIFICAT_KEYS = frozenset(CERTIFICAT.values())

#: No message of any problem is longer (values are quoted through a truncating display).
MAX_MESSAGE = 1200


def check_report(report: sc.Report) -> None:
    """What every report promises: no internal error, bounded messages, pointers."""
    for problem in report.problems:
        assert problem.code != "internal-error", problem
        assert problem.path == "" or problem.path.startswith("/"), problem
        for lang in ("fr", "en"):
            assert len(problem.message(lang)) <= MAX_MESSAGE, problem.code
            problem.line(lang).encode("utf-8")  # printable and savable
        json.dumps(problem.to_dict())


def validate_text(data: str | bytes) -> None:
    report = sc.validate(data)
    check_report(report)
    try:
        demande = sc.loads(data)
    except sc.InvalidDocument as exc:
        assert exc.problems
        return
    assert sc.loads(sc.dumps(demande)) == demande
    assert report.demande is None or report.demande == demande


def validate_value(text: str) -> None:
    """The same document given as a parsed value."""
    try:
        value = json.loads(text.lstrip("\ufeff"), parse_int=DECODER.parse_int)
    except ValueError:
        return
    check_report(sc.validate(value))
    check_report(sc.validate_embedded(value))


def embedded_text(data: str | bytes) -> None:
    check_report(sc.validate_embedded(data))


def _without_blocks(value: Any, paths: set[str], here: str = "") -> Any:
    """``value`` with the block keys of the objects at ``paths`` removed."""
    if isinstance(value, dict):
        kept = {k: v for k, v in value.items() if not (here in paths and k in BLOCK_KEYS)}
        return {k: _without_blocks(v, paths, f"{here}/{_escape(k)}") for k, v in kept.items()}
    if isinstance(value, list):
        return [_without_blocks(v, paths, f"{here}/{i}") for i, v in enumerate(value)]
    return value


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


Choose = Callable[[list[sc.Block]], Mapping[str, sc.EntiteJuridique]]


def replace(text: str, choose: Choose) -> None:
    """``replace_blocks`` with the blocks ``choose`` picks: the output parses, each
    new block reads back, and nothing outside the values written changes."""
    report = sc.validate_embedded(text)
    check_report(report)
    if report.problems and report.problems[0].code in {"json.syntax", "file.unreadable"}:
        return
    new = choose(list(report.blocks))
    try:
        out = sc.replace_blocks(text, new)
    except sc.BlockRefused as exc:
        assert exc.code in {"block.unknown-keys", "block.overlap"}, exc.code
        return
    body, out_body = text.lstrip("\ufeff"), out.lstrip("\ufeff")
    assert text.startswith("\ufeff") == out.startswith("\ufeff")
    before, after = DECODER.decode(body), DECODER.decode(out_body)
    again = {b.path: b.entite for b in sc.validate_embedded(out).blocks}
    for path, entite in new.items():
        assert again[path] == entite, path
    # Every byte outside the written entities is the same, and so is every member
    # of theirs that is not a block key (the editor's own keys, in their order).
    old_nodes, new_nodes = _nodes(body, new), _nodes(out_body, new)
    old_cuts = [0, *(x for n in old_nodes for x in (n.start, n.end)), len(body)]
    new_cuts = [0, *(x for n in new_nodes for x in (n.start, n.end)), len(out_body)]
    for i in range(0, len(old_cuts), 2):
        assert body[old_cuts[i] : old_cuts[i + 1]] == out_body[new_cuts[i] : new_cuts[i + 1]]
    for old, fresh in zip(old_nodes, new_nodes, strict=True):
        assert _foreign(body, old) == _foreign(out_body, fresh)
    # And every value outside the block keys of those entities too, their own keys kept.
    paths = set(new)
    assert _without_blocks(before, paths) == _without_blocks(after, paths)
    if _encodable(text):  # the SDK writes nothing that cannot be saved as UTF-8
        assert _encodable(out)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


#: ``pick(kind)`` gives a value of a kind: "bool", "admin" (an administrator or
#: None), "text" (an odd text or None), "argument" (anything an action may get).
Pick = Callable[[str], Any]


def choose_blocks(pick: Pick) -> Callable[[list[sc.Block]], dict[str, sc.EntiteJuridique]]:
    """Some of the blocks found, each with a new administrator row."""

    def choose(blocks: list[sc.Block]) -> dict[str, sc.EntiteJuridique]:
        return {
            block.path: block.entite.evolve(administrateur=pick("admin"))
            for block in blocks
            if block.entite is not None and pick("bool")
        }

    return choose


def edit_and_screens(demande: sc.Demande, pick: Pick) -> None:
    """Hostile values in the texts the screens show and hostile arguments to every
    action: only refusals of this package, and no element or attribute from a value."""
    entites = [
        e.evolve(administrateur=pick("admin") or e.administrateur) if pick("bool") else e
        for e in demande.entites_juridiques
    ]
    demande = demande.evolve(entites_juridiques=entites, numero_demande=pick("text"))
    session = sc.edit(demande.evolve(statut="A modifier", bloc_administrateurs_valide=False))
    numbers = [e.finess_juridique for e in entites] or ["330058066"]

    def number() -> Any:
        return pick("argument") if pick("bool") else numbers[0]

    for action in (
        lambda: session.modify(number(), nom=pick("argument")),
        lambda: session.add(number(), pick("admin")),
        lambda: session.delete(pick("argument")),
        session.confirm,
    ):
        with contextlib.suppress(sc.SegurCertificatsError):
            action()
    first = entites[0] if entites else None
    html(demande, sc.validate(demande), session, sc.scenarios(first))


def _nodes(text: str, blocks: Mapping[str, Any]) -> list[Any]:
    nodes = locate(text, [split_pointer(path) for path in blocks])
    assert all(node is not None for node in nodes)
    return sorted(nodes, key=lambda node: node.start)


def _foreign(text: str, node: Any) -> list[str]:
    """The text of the members the SDK does not own, in order, those inside
    ``certificatServeur`` included."""
    found = [text[m.start : m.value.end] for m in node.members if m.key not in BLOCK_KEYS]
    certificat = node.member("certificatServeur")
    if certificat is not None:
        found += [
            text[m.start : m.value.end]
            for m in certificat.value.members
            if m.key not in CERTIFICAT_KEYS
        ]
    return found


class _Tags(HTMLParser):
    """Every element and attribute name of a page (the standard library's parser,
    the one BeautifulSoup's ``html.parser`` builds on, without the tree)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def tags_of(page: str) -> tuple[set[str], set[str]]:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.tags, parser.attributes


def html(*objects: Any) -> None:
    """No element or attribute comes from a value: only the screens' own."""
    for obj in objects:
        tags, attributes = tags_of(obj._repr_html_())
        assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
        assert attributes <= ALLOWED_ATTRIBUTES, attributes - ALLOWED_ATTRIBUTES


def _checked_sheet(report: sheets.SheetReport) -> None:
    for problem in report.problems:
        assert problem.code != "internal-error", problem
        assert problem.path == "" or problem.path.startswith("/"), problem
        for lang in ("fr", "en"):
            assert len(problem.message(lang)) <= MAX_MESSAGE, problem.code
            problem.line(lang).encode("utf-8")
            assert "object at 0x" not in problem.message(lang)
        json.dumps(problem.to_dict())
    html(report)


_UNREAD = {"sheet.unreadable", "file.unreadable"}


def sheet(case: Any) -> None:
    """A file read as a filled sheet (a `strategies.SheetFile`): a report, never an
    exception; every problem at a cell, with a pointer and a bounded message; the
    screen escapes every value; every row of the file that holds something is a
    row of the report (or named by a problem); read into its request, nothing the
    sheet does not say is lost; what reads without error is written and read back
    the same."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"clients{case.suffix}"
        path.write_bytes(case.data)
        report = sheets.read(path, max_size=case.max_size)
        _checked_sheet(report)
        codes = {p.code for p in report.problems}
        read = not codes & _UNREAD and all(p.variant != "none" for p in report.problems)
        if case.rows is not None and read and report.header:
            finess_column = sheets.COLUMNS[0].header in report.header
            numbers = {n for n, _ in report.rows}
            if finess_column and "sheet.quote" not in codes:
                missing = set(case.rows) - numbers
                assert not missing, (missing, report)
        if report.ok:
            assert None not in report.entites
            assert report.rows
            again = path.with_name(f"again{case.suffix if case.suffix != '.ods' else '.xlsx'}")
            sheets.write_template(again, [e for e in report.entites if e is not None])
            assert sheets.read(again).entites == report.entites
        into = sheets.read(path, into=case.request, max_size=case.max_size)
        _checked_sheet(into)
        if into.ok:
            _nothing_lost(case.request, into)


def _nothing_lost(request: str, report: sheets.SheetReport) -> None:
    """The request written: each entity a row speaks of as the row says, every
    other one as it was."""
    assert report.written is not None
    before = sc.loads(request).entites_juridiques
    after = sc.loads(report.written).entites_juridiques
    assert len(before) == len(after)
    rows = {e.finess_juridique: e for e in report.entites if e is not None}
    seen: set[str | None] = set()
    for old, new in zip(before, after, strict=True):
        if old.finess_juridique in rows and old.finess_juridique not in seen:
            assert new == rows[old.finess_juridique], (old, new)
        else:
            assert new == old, (old, new)
        seen.add(old.finess_juridique)


def _screens(demande: sc.Demande) -> list[Any]:
    session = sc.edit(demande.evolve(statut="A modifier", bloc_administrateurs_valide=False))
    return [
        demande,
        sc.validate(demande),
        session,
        sc.scenarios(demande.commandes[0] if demande.commandes else None),
    ]


def _allowed() -> tuple[set[str], set[str]]:
    tags: set[str] = set()
    attributes: set[str] = set()
    screens = [obj for path in EXAMPLES for obj in _screens(sc.loads(path.read_bytes()))]
    # A session with every kind of change, and a report with every kind of problem.
    demande = sc.loads((ROOT / "examples" / "ms1-plusieurs-entites.json").read_bytes())
    session = sc.edit(demande.evolve(statut="A modifier"))
    rows = [str(e.finess_juridique) for e in demande.commandes]
    session.modify(rows[0], nom="VIE")
    session.delete(rows[1])
    empty = next(e for e in demande.entites_juridiques if not e.administrateur)
    session.add(str(empty.finess_juridique), session.row(rows[2]))
    report = sc.validate(b'{"couloir": 1, "entitesJuridiques": [{"finessJuridique": "1"}]}')
    with tempfile.TemporaryDirectory() as folder:
        filled = Path(folder) / "clients.csv"
        header = ";".join([c.header for c in sheets.COLUMNS] + ["Commentaire"])
        filled.write_text(f"{header}\n1;;Oui;;;;;2\n", encoding="utf-8")
        sheet_report = sheets.read(filled)
    for obj in (*screens, session, report, sheet_report):
        found, named = tags_of(obj._repr_html_())
        tags |= found
        attributes |= named
    return tags, attributes


ALLOWED_TAGS, ALLOWED_ATTRIBUTES = _allowed()
