"""The option groups the commands share: the messages' language, the output
format, the size limit, what an editor's document is, and where the server
listens (docs: cli.md).

Only what ``--help`` needs is imported here; the validation stack is imported
when a command runs (docs: api.md#imports).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
from typing import TYPE_CHECKING

from segur_certificats._codec.files import MAX_SIZE
from segur_certificats._problems.catalogue import LANGUAGES
from segur_certificats._vocabulary.isodate import parse_iso_date
from segur_certificats._vocabulary.keys import TYPES_DEMANDE

if TYPE_CHECKING:
    from segur_certificats.model import RequestContext

__all__ = [
    "check_context",
    "context_of",
    "language",
    "output_format",
    "request_context",
    "server",
    "size_limit",
]

_SIZE = re.compile(r"([0-9]+)([KMG]?)", re.IGNORECASE)


def _size(text: str) -> int:
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500K, 64M)")
    exponent = " KMG".index(str(match[2]).upper() or " ")
    return int(str(match[1])) << (10 * exponent)


def _iso_date(text: str) -> _dt.date:
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def language(parser: argparse.ArgumentParser, what: str = "messages") -> None:
    """``--lang``: French (default) or English."""
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="fr", help=f"language of the {what} (default fr)"
    )


def output_format(parser: argparse.ArgumentParser) -> None:
    """``--format``: text for people (default) or JSON Lines."""
    parser.add_argument(
        "--format", choices=["text", "json"], default="text", help="text (default) or JSON Lines"
    )


def size_limit(parser: argparse.ArgumentParser, what: str = "file read") -> None:
    """``--max-size``: the largest file read (or request body)."""
    parser.add_argument(
        "--max-size",
        type=_size,
        default=MAX_SIZE,
        metavar="SIZE",
        help=f"largest {what}, in bytes, or with K, M or G (default 64M)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 86400:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r} (e.g. 60)")
    return value


def _origin(text: str) -> str:
    if not re.fullmatch(r"https?://[^/\s]+", text):
        raise argparse.ArgumentTypeError(f"not an origin: {text!r} (e.g. https://example.org)")
    return text


def _host_name(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]", text):
        raise argparse.ArgumentTypeError(f"not a host name: {text!r} (e.g. poste.local)")
    return text


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit() and int(text) > 0):
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r} (e.g. 1000)")
    return int(text)


def server(parser: argparse.ArgumentParser) -> None:
    """Where the server listens and what it allows: ``--host``, ``--port``, ``--open``,
    ``--cors``, ``--allow-host``, ``--timeout``, ``--max-problems``."""
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0: any free one)"
    )
    parser.add_argument("--open", action="store_true", help="open the page in the default browser")
    parser.add_argument(
        "--cors",
        action="append",
        default=[],
        type=_origin,
        metavar="ORIGIN",
        help="let the web pages of ORIGIN call the API (repeatable; default: none)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        type=_host_name,
        metavar="NAME",
        help="answer requests made to NAME too, besides the address served and localhost "
        "(repeatable; default: none)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="longest a request may take (default 60)",
    )
    parser.add_argument(
        "--max-problems",
        type=_count,
        default=1000,
        metavar="COUNT",
        help="most problems an answer lists; all are counted (default 1000)",
    )


def request_context(parser: argparse.ArgumentParser, what: str, *, modifies: bool = False) -> None:
    """``--embedded`` and what an editor's document is: ``--type-demande``,
    ``--couloir``, ``--date-depot``, ``--date-modification``; ``modifies`` (a command
    that writes into the request): ``--date-modification`` is the day of this
    modification, with or without ``--embedded``, and ``--statut`` and
    ``--bloc-administrateurs-valide`` say who may change an editor's document
    (docs: editing.md#who-may-change)."""
    group = parser.add_argument_group("editor documents")
    group.add_argument("--embedded", action="store_true", help=what)
    group.add_argument("--type-demande", choices=TYPES_DEMANDE)
    group.add_argument("--couloir", help="the request's corridor, e.g. MS1")
    group.add_argument("--date-depot", type=_iso_date, metavar="YYYY-MM-DD")
    if not modifies:
        group.add_argument("--date-modification", type=_iso_date, metavar="YYYY-MM-DD")
        parser.set_defaults(statut=None, bloc_administrateurs_valide=None, modifies=False)
        return
    parser.set_defaults(modifies=True)
    group.add_argument(
        "--date-modification",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the day of this modification, written as the request's dateModification "
        "(default: today)",
    )
    group.add_argument(
        "--statut", help='the document\'s status: known and not "A modifier", it is read-only'
    )
    group.add_argument(
        "--bloc-administrateurs-valide",
        action="store_const",
        const=True,
        help="the gestionnaire validated the document's administrators block: it is read-only",
    )


def context_of(args: argparse.Namespace) -> RequestContext:
    """What the options say the editor's document is (AVANCE when only the corridor
    is given), and who may change it."""
    from segur_certificats.model import RequestContext, TypeDemande  # noqa: PLC0415

    type_demande = args.type_demande or ("AVANCE" if args.couloir else None)
    return RequestContext(
        type_demande=TypeDemande(type_demande) if type_demande else None,
        couloir=args.couloir,
        date_depot=args.date_depot,
        date_modification=args.date_modification,
        statut=args.statut,
        bloc_administrateurs_valide=args.bloc_administrateurs_valide,
    )


def check_context(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse what an editor's document is without ``--embedded`` (the day of a
    modification excepted); and a context whose dates the rules refuse."""
    from segur_certificats.model import RequestContext  # noqa: PLC0415
    from segur_certificats.rules import check_dates  # noqa: PLC0415

    given = {
        "--type-demande": args.type_demande,
        "--couloir": args.couloir,
        "--date-depot": args.date_depot,
        "--statut": args.statut,
        "--bloc-administrateurs-valide": args.bloc_administrateurs_valide,
    }
    if not args.modifies:  # a modification's day is given for a request too
        given["--date-modification"] = args.date_modification
    named = [option for option, value in given.items() if value is not None]
    if not args.embedded and named:
        parser.error(f"{', '.join(named)}: only with --embedded (an editor's own document)")
    dates = RequestContext(date_depot=args.date_depot, date_modification=args.date_modification)
    for problem in check_dates(dates):
        parser.error(problem.message(args.lang))
