"""The one reader of the format: a parsed JSON value into the model, in one pass
(docs: format.md#types-and-codes, problems.md#every-problem-at-once).

Every value is looked at once: its JSON type, its code or date, its key, the
null form of an entity that orders nothing (docs: format.md#no-order), and the
normalisation of free text, which the model holds and a ``normalised`` warning
reports (docs: format.md#normalisation). A value in error is reported, then
*set aside* — read as null, or, for an unknown key, not read — and reading goes
on, so that the rules still judge the rest of the document. The reader never
judges business rules; it only says what a value is.

Every source — a request's text, a parsed mapping, a request built in Python,
an editor's own document, a filled sheet, an edit session's row — comes here
as JSON values (docs: architecture.md#pipeline).

```pycon
>>> reading = Reading()
>>> entite = reading.entity({"finessJuridique": "330058066",
...     "demandeCertificatServeur": True, "StatutAdminTechnique": "Editeur"}, "/e")
>>> entite.administrateur.statut is None, [(p.path, p.code) for p in reading.problems]
(True, [('/e/StatutAdminTechnique', 'enum')])

```
"""

from __future__ import annotations

import datetime as _dt
import functools
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from enum import Enum
from typing import Any, TypeVar

import attrs

from segur_certificats import finess
from segur_certificats._internal.problems.pointer import split_pointer
from segur_certificats._internal.problems.problem import Problem, Severity
from segur_certificats._internal.problems.shown import show_value
from segur_certificats._internal.vocabulary.isodate import parse_iso_date
from segur_certificats._internal.vocabulary.keys import (
    BLOCK_KEYS,
    CERTIFICAT,
    ENTITE,
    ENVELOPPE,
    OWNERS,
)
from segur_certificats._internal.vocabulary.normalise import phone, text
from segur_certificats.model import (
    EntiteJuridique,
    RequestContext,
    StatutAdminTechnique,
    TypeDemande,
    UtiliteCertificat,
    checked_administrateur,
    checked_entite,
)

__all__ = ["Reading", "unknown_key"]

_E = TypeVar("_E", bound=Enum)

_SUGGESTED_CHARS = 64
"""Values longer than this are not compared with the codes and keys for a
suggestion: no code or key is that long, and the work stays bounded."""

_ENVELOPE_KEYS = frozenset(ENVELOPPE.values())
_ENTITY_KEYS = frozenset(ENTITE.values())
_CERTIFICAT_KEYS = frozenset(CERTIFICAT.values())
# The block's answers and administrator: values that say an order is meant.
_ANSWER_KEYS = (
    ENTITE["contractualisation_og"],
    ENTITE["statut"],
    ENTITE["contractualisation_editeur"],
)
_NO_CERTIFICAT: dict[str, Any] = dict.fromkeys(CERTIFICAT)
_FLAG, _CERT, _FINESS = (
    ENTITE["demande_certificat_serveur"],
    ENTITE["certificat"],
    ENTITE["finess_juridique"],
)
_GIVEN_KEYS = (*_ANSWER_KEYS, _CERT)
_TEL = CERTIFICAT["telephone"]
# Each enum's members by code: a code is looked up once, without the enum's call.
_MEMBERS: dict[type[Enum], dict[str, Enum]] = {
    enum: {member.value: member for member in enum}
    for enum in (TypeDemande, StatutAdminTechnique, UtiliteCertificat)
}

# -- What the messages say a value should be (fr, en) --------------------------------------

_TEXT = ("texte", "string")
_CODE = ("code en texte", "code string")
_DATE = ("date AAAA-MM-JJ en texte", "YYYY-MM-DD date string")
_OBJECT = ("objet", "object")
_ARRAY = ("tableau", "array")


def _field_of(path: str) -> str:
    """How a message names the value at ``path``: its key, with the indexes below it."""
    field = "document"
    for part in split_pointer(path):
        field = f"{field}[{part}]" if part.isdigit() else part
    return field


def _code_key(value: str) -> tuple[str, ...]:
    # "dmp, ins" and "INS,DMP" both name DMP,INS: compare the sorted parts.
    return tuple(sorted(part.strip().upper() for part in value.split(",")))


def _changes(raw: str, new: str | None) -> tuple[str, str]:
    """What normalisation did, in French and English."""
    if new is None:
        return "vide lu comme null", "blank read as null"
    changes = []
    if raw.strip() != raw:
        changes.append(("espaces autour retirés", "surrounding spaces removed"))
    if unicodedata.normalize("NFC", raw.strip()) != raw.strip():
        changes.append(("Unicode en forme NFC", "Unicode in NFC form"))
    if new != text(raw):  # what only a phone number's normalisation does
        changes.append(
            ("espaces insécables écrits comme des espaces", "non-breaking spaces written as spaces")
        )
    return ", ".join(fr for fr, _ in changes), ", ".join(en for _, en in changes)


def unknown_key(
    path: str,
    key: str,
    known: Sequence[str],
    *,
    elsewhere: Collection[str] = OWNERS.keys(),
    cutoff: float = 0.75,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """An ``unknown-key`` problem: it names the object where ``key`` belongs when it
    is a key of another object of the format (one of ``elsewhere``), or else the
    close known key if there is one."""
    params = {"key": show_value(key)}
    if key in elsewhere and key not in known:
        owner, owner_en = OWNERS[key]
        params.update(owner=owner, owner_en=owner_en)
        return Problem(path, "unknown-key", severity, params=params, variant="elsewhere")
    close = _close_key(key, tuple(known), cutoff) if len(key) <= _SUGGESTED_CHARS else None
    if close is not None:
        params["suggestion"] = show_value(close)
    variant = "suggest" if close is not None else None
    return Problem(path, "unknown-key", severity, params=params, variant=variant)


@functools.lru_cache(maxsize=1024)
def _close_key(key: str, known: tuple[str, ...], cutoff: float) -> str | None:
    """The known key ``key`` looks like, if any: the same keys come back in every
    entity of an editor's document, so the answer is kept (a bounded cache)."""
    import difflib  # noqa: PLC0415 - imported for the rare unknown key

    close = difflib.get_close_matches(key, known, n=1, cutoff=cutoff)
    return close[0] if close else None


class Reading:
    """What reading found: the problems, the ``normalised`` warnings, and the paths
    of the values set aside (no rule problem is reported at or below them)."""

    __slots__ = ("aside", "problems", "warnings")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        """The structure problems, and what a source noted of its values."""
        self.warnings: list[Problem] = []
        """The ``normalised`` warnings."""
        self.aside: set[str] = set()
        """The paths of the values set aside."""

    # -- noting -----------------------------------------------------------------------

    def problem(self, path: str, code: str, variant: str | None = None, **params: Any) -> None:
        """Note a structure problem: its value is set aside."""
        self.problems.append(Problem(path, code, params=params, variant=variant))
        self.aside.add(path)

    def _wrong_type(self, path: str, value: object, expected: tuple[str, str]) -> None:
        self.problem(
            path,
            "type",
            field=_field_of(path),
            value=show_value(value),
            expected=expected[0],
            expected_en=expected[1],
        )

    def _required(self, path: str, variant: str | None = None) -> None:
        self.problem(path, "required", variant, field=_field_of(path))

    def _normalised(self, path: str, raw: str, new: str | None) -> None:
        changes, changes_en = _changes(raw, new)
        self.warnings.append(
            Problem(
                path,
                "normalised",
                Severity.WARNING,
                params={
                    "field": _field_of(path),
                    "value": show_value(raw),
                    "written": show_value(new),
                    "changes": changes,
                    "changes_en": changes_en,
                },
            )
        )

    def _unknown_keys(
        self, obj: Mapping[str, Any], known: frozenset[str], here: str, names: Sequence[str]
    ) -> None:
        if obj.keys() <= known:  # the usual object: nothing more to do
            return
        for key in obj:  # in document order
            if key not in known:
                problem = unknown_key(f"{here}/{_escaped(key)}", key, names)
                self.problems.append(problem)
                self.aside.add(problem.path)

    # -- values -------------------------------------------------------------------------

    def text(
        self,
        obj: Mapping[str, Any],
        key: str,
        here: str,
        *,
        required: bool,
        normalised: Callable[[str | None], str | None] = text,
    ) -> str | None:
        """A free text, ``normalised`` (blank is null; blank and required is ``required``)."""
        raw = obj.get(key)
        if raw is not None and _plain(raw) and (raw.isascii() or normalised(raw) == raw):
            return raw  # type: ignore[no-any-return]
        if raw is None:
            if required:
                self._required(f"{here}/{key}")
            return None
        if not isinstance(raw, str):
            self._wrong_type(f"{here}/{key}", raw, _TEXT)
            return None
        new = normalised(raw)
        if new is None and required:
            self._required(f"{here}/{key}")
        elif new != raw:
            self._normalised(f"{here}/{key}", raw, new)
        return new

    def boolean(self, obj: Mapping[str, Any], key: str, here: str) -> bool | None:
        """A JSON boolean, or null."""
        raw = obj.get(key)
        if raw is None or isinstance(raw, bool):
            return raw
        self.problem(f"{here}/{key}", "type", "boolean", field=key, value=show_value(raw))
        return None

    def _written(
        self, raw: Any, path: str, expected: tuple[str, str], *, required: bool
    ) -> str | None:
        """The text of a code or a date, as written; ``None`` for null or blank
        (``required`` when required, else a ``normalised`` warning for blank) and,
        with its problem, for another type."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self._required(path)
            elif raw is not None:
                self._normalised(path, raw, None)
            return None
        if not isinstance(raw, str):
            self._wrong_type(path, raw, expected)
            return None
        return raw

    def code(
        self, obj: Mapping[str, Any], key: str, here: str, enum: type[_E], *, required: bool
    ) -> _E | None:
        """One of ``enum``'s codes; blank is null (``required`` when required)."""
        raw = obj.get(key)
        member = _MEMBERS[enum].get(raw) if type(raw) is str else None
        if member is not None:  # the usual value: a code as written
            return member  # type: ignore[return-value]
        path = f"{here}/{key}"
        raw = self._written(raw, path, _CODE, required=required)
        if raw is None:
            return None
        params = {
            "field": key,
            "value": show_value(raw),
            "allowed": ", ".join(show_value(member.value) for member in enum),
        }
        if len(raw) <= _SUGGESTED_CHARS:
            for member in enum:
                # A code written another way ("INS,DMP") or the screen's label ("Editeur").
                if (
                    _code_key(member.value) == _code_key(raw)
                    or getattr(member, "label", None) == raw
                ):
                    self.problem(
                        path, "enum", "suggest", suggestion=show_value(member.value), **params
                    )
                    return None
        self.problem(path, "enum", **params)
        return None

    def date(
        self, obj: Mapping[str, Any], key: str, here: str, *, required: bool
    ) -> _dt.date | None:
        """A ``YYYY-MM-DD`` date; blank is null (``required`` when required)."""
        path = f"{here}/{key}"
        raw = self._written(obj.get(key), path, _DATE, required=required)
        if raw is None:
            return None
        try:
            return parse_iso_date(raw)
        except ValueError:
            self.problem(path, "date.format", field=key, value=show_value(raw))
            return None

    def _object(self, value: Any, path: str) -> Mapping[str, Any] | None:
        """``value`` when it is a JSON object; a problem otherwise (null: ``required``)."""
        if type(value) is dict or isinstance(value, Mapping):
            return value
        if value is None:
            self._required(path)
        else:
            self._wrong_type(path, value, _OBJECT)
        return None

    # -- objects ------------------------------------------------------------------------

    def envelope(
        self, value: Any
    ) -> tuple[RequestContext, list[tuple[str, Any]], dict[str, Any] | None]:
        """Read a request envelope (docs: format.md#envelope): what it says the request
        is, its legal-entity objects with their pointers (to read with `entity()`),
        and the request's own fields when its required ones could be read."""
        if not isinstance(value, Mapping):
            self._wrong_type("", value, _OBJECT)
            return RequestContext(), [], None
        obj, keys = value, ENVELOPPE
        self._unknown_keys(obj, _ENVELOPE_KEYS, "", tuple(keys.values()))
        context = RequestContext(
            type_demande=self.code(obj, keys["type_demande"], "", TypeDemande, required=True),
            couloir=self.text(obj, keys["couloir"], "", required=True),
            date_depot=self.date(obj, keys["date_depot"], "", required=True),
            date_modification=self.date(obj, keys["date_modification"], "", required=False),
        )
        fields = {
            "numero_demande": self.text(obj, keys["numero_demande"], "", required=False),
            "statut": self.text(obj, keys["statut"], "", required=False),
            "bloc_administrateurs_valide": self._flag(obj, keys["bloc_administrateurs_valide"]),
            **attrs.asdict(context, recurse=False),
        }
        items = obj.get(keys["entites_juridiques"])
        where = f"/{keys['entites_juridiques']}"
        entities: list[tuple[str, Any]] = []
        if items is None:
            self._required(where)
        elif not isinstance(items, list):
            self._wrong_type(where, items, _ARRAY)
        else:
            entities = [(f"{where}/{index}", item) for index, item in enumerate(items)]
        required = (context.type_demande, context.couloir, context.date_depot)
        return context, entities, None if None in required else fields

    def _flag(self, obj: Mapping[str, Any], key: str) -> bool:
        """A boolean that is false when left out (``blocAdministrateursValide``)."""
        value = obj.get(key, False)
        if isinstance(value, bool):
            return value
        self.problem(f"/{key}", "type", "boolean", field=key, value=show_value(value))
        return False

    def entity(self, value: Any, here: str, *, open_keys: bool = False) -> EntiteJuridique | None:
        """Read one legal entity and its block (docs: format.md#block) found at ``here``.

        ``open_keys``: the object is an editor's own (docs: embedded.md), which may
        hold keys of its own; only keys that look like misspelt block keys are
        reported, as warnings. ``None`` when ``value`` is not an object.
        """
        obj = self._object(value, here)
        if obj is None:
            return None
        if open_keys:
            self._near_misses(obj, here)
        else:
            self._unknown_keys(obj, _ENTITY_KEYS, here, tuple(ENTITE.values()))
        usual = _usual_entity(obj) if type(obj) is dict else None
        return usual if usual is not None else self.each_value(obj, here)

    def each_value(self, obj: Mapping[str, Any], here: str) -> EntiteJuridique:
        """The block's values read one by one, each problem noted (what `entity()`
        does for an object that is not written exactly as the format writes it)."""
        number = self._finess(obj, here)
        og = self.boolean(obj, _ANSWER_KEYS[0], here)
        statut = self.code(obj, _ANSWER_KEYS[1], here, StatutAdminTechnique, required=False)
        editeur = self.boolean(obj, _ANSWER_KEYS[2], here)
        certificat = self._certificat(obj, here)
        given = [
            key
            for key, value in zip(_GIVEN_KEYS, (og, statut, editeur, certificat), strict=True)
            if value is not None
        ]
        if not self._orders(obj, here, given):
            return checked_entite(number)
        admin = checked_administrateur(
            contractualisation_og=og,
            statut=statut,
            contractualisation_editeur=editeur,
            **(certificat or _NO_CERTIFICAT),
        )
        return checked_entite(number, admin)

    def _finess(self, obj: Mapping[str, Any], here: str) -> str | None:
        number = obj.get(_FINESS)
        if number is None:
            return None  # the rules say it is required
        if not isinstance(number, str):
            self._wrong_type(f"{here}/{_FINESS}", number, _TEXT)
            return None
        compact = finess.compact(number)
        if compact != number:
            # A JSON document holds the compact form; the number is still judged on it.
            self.problems.append(
                Problem(
                    f"{here}/{_FINESS}",
                    "finess.format",
                    params={"value": show_value(number), "compact": show_value(compact)},
                    variant="compact",
                )
            )
        return compact

    def _orders(self, obj: Mapping[str, Any], here: str, given: Sequence[str]) -> bool:
        """Whether the entity orders a certificate; a flag in error is read from the
        block: an order when the block is filled in (docs: format.md#no-order,
        format.md#block-optional)."""
        path = f"{here}/{_FLAG}"
        if _FLAG not in obj:
            if given:
                self._required(path, "block")
            return bool(given)
        flag = obj[_FLAG]
        if not isinstance(flag, bool):
            self.problem(path, "type", "boolean", field=_FLAG, value=show_value(flag))
            return bool(given)
        if not flag:
            for key in given:
                self.problem(f"{here}/{key}", "must-be-null", field=key, value=show_value(obj[key]))
        return flag

    def _certificat(self, obj: Mapping[str, Any], here: str) -> dict[str, Any] | None:
        value = obj.get(_CERT)
        if value is None:
            return None
        path = f"{here}/{_CERT}"
        if not isinstance(value, Mapping):
            self._wrong_type(path, value, _OBJECT)
            return None
        self._unknown_keys(value, _CERTIFICAT_KEYS, path, tuple(CERTIFICAT.values()))
        keys = CERTIFICAT
        return {
            "numero_carte_cpx": self.text(value, keys["numero_carte_cpx"], path, required=False),
            "nom": self.text(value, keys["nom"], path, required=False),
            "telephone": self.text(
                value, keys["telephone"], path, required=False, normalised=phone
            ),
            "email": self.text(value, keys["email"], path, required=False),
            "utilite": self.code(value, keys["utilite"], path, UtiliteCertificat, required=False),
        }

    def _near_misses(self, obj: Mapping[str, Any], here: str) -> None:
        """Keys of an editor's object that look like misspelt block keys (warnings)."""
        for key in obj:
            if key in _ENTITY_KEYS or not _near_miss(key):
                continue
            problem = unknown_key(
                f"{here}/{_escaped(key)}",
                key,
                BLOCK_KEYS,
                elsewhere=_CERTIFICAT_KEYS,
                cutoff=_NEAR_CUTOFF,
                severity=Severity.WARNING,
            )
            self.problems.append(problem)


_NEAR_CUTOFF = 0.85


def _near_miss(key: object) -> bool:
    """Whether an editor's key looks like a block key: one of ``certificatServeur``'s,
    or close to one of the block's (the answer for a key is kept)."""
    return isinstance(key, str) and (
        key in _CERTIFICAT_KEYS
        or (len(key) <= _SUGGESTED_CHARS and _close_key(key, BLOCK_KEYS, _NEAR_CUTOFF) is not None)
    )


# -- The usual entity, read in one step ---------------------------------------------------
#
# Most entities are written exactly as the format writes them: known keys, the
# compact FINESS juridique, JSON booleans, codes as they are, ASCII text with
# nothing to normalise. Such an entity has no problem for the reader, and is
# built here at once; any other goes through `Reading.entity`, value by value
# (a test holds the two to the same entity on generated and hostile objects).

_ORDER_FIELDS = tuple(
    (attribute, key, UtiliteCertificat if key == CERTIFICAT["utilite"] else None)
    for attribute, key in CERTIFICAT.items()
)
_STATUTS = _MEMBERS[StatutAdminTechnique]
_UTILITES = _MEMBERS[UtiliteCertificat]


def _plain(raw: object) -> bool:
    """Whether ``raw`` is null or text its normalisation leaves as it is."""
    if raw is None:
        return True
    if type(raw) is not str or not raw:
        return False
    if raw.isascii():
        return raw[0] > " " < raw[-1]
    return raw == raw.strip() and unicodedata.is_normalized("NFC", raw)


def _usual_entity(obj: dict[str, Any]) -> EntiteJuridique | None:
    """The entity of an object whose block the reader would find nothing to say
    about (keys it does not know aside), or None when one of its values needs
    `Reading.each_value`."""
    number = obj.get(_FINESS)
    if not (
        type(number) is str and number.isalnum() and number.isascii() and number == number.upper()
    ):
        return None
    flag, og, statut, editeur, certificat = (
        obj.get(_FLAG),
        obj.get(_ANSWER_KEYS[0]),
        obj.get(_ANSWER_KEYS[1]),
        obj.get(_ANSWER_KEYS[2]),
        obj.get(_CERT),
    )
    if flag is not True:
        nothing = og is None and statut is None and editeur is None and certificat is None
        return checked_entite(number) if nothing and (flag is False or _FLAG not in obj) else None
    if not (
        (og is None or type(og) is bool)
        and (editeur is None or type(editeur) is bool)
        and (statut is None or (type(statut) is str and statut in _STATUTS))
        and (
            certificat is None
            or (type(certificat) is dict and certificat.keys() <= _CERTIFICAT_KEYS)
        )
    ):
        return None
    values: dict[str, Any] = {
        "contractualisation_og": og,
        "statut": None if statut is None else _STATUTS[statut],
        "contractualisation_editeur": editeur,
    }
    for attribute, key, codes in _ORDER_FIELDS:
        raw = certificat.get(key) if certificat is not None else None
        if codes is not None:
            if raw is not None and (type(raw) is not str or raw not in _UTILITES):
                return None
            values[attribute] = None if raw is None else _UTILITES[raw]
        elif _plain(raw) and (key != _TEL or raw is None or raw.isascii() or phone(raw) == raw):
            values[attribute] = raw
        else:
            return None
    return checked_entite(number, checked_administrateur(**values))


def _escaped(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
