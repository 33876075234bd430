"""The message catalogue: one French and one English template per problem code.

A problem's message is ``CATALOGUE[code]`` (or ``CATALOGUE[code + ":" + variant]``
for a more specific wording) filled with the problem's parameters. The codes
are a stable contract (docs: problems.md#codes); the wording may improve over time.

```pycon
>>> render("max-length", {"field": "nomAdminTechnique", "length": "30", "max": "25"})
'nomAdminTechnique : 30 caractères pour 25 au plus.'
>>> render("enum", {"field": "utiliteCertificat", "value": '"DMP, INS"',
...                 "suggestion": '"DMP,INS"'}, "en", "suggest")
'utiliteCertificat: "DMP, INS" is not an accepted code; write "DMP,INS".'

```
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "CATALOGUE",
    "CODES",
    "LANGUAGES",
    "REFUSALS",
    "SERVE_CODES",
    "SHEET_CODES",
    "render",
]

LANGUAGES = ("fr", "en")
"""The languages messages exist in; French is the default."""

CATALOGUE: Mapping[str, tuple[str, str]] = {
    # -- reading the input ------------------------------------------------
    "file.unreadable": (
        "Fichier illisible : {reason}.",
        "The file cannot be read: {reason}.",
    ),
    "file.unreadable:missing": (
        "Fichier introuvable.",
        "No such file.",
    ),
    "file.unreadable:folder": (
        "C'est un dossier, pas un fichier : donnez les fichiers (par ex. dossier/*.json).",
        "This is a folder, not a file: name the files (e.g. folder/*.json).",
    ),
    "file.unreadable:permission": (
        "Lecture du fichier non autorisée.",
        "Permission to read the file denied.",
    ),
    "file.unreadable:not-regular": (
        "Ce n'est pas un fichier ordinaire (tube, périphérique…) : donnez un fichier, ou - "
        "pour l'entrée standard.",
        "This is not a regular file (a pipe, a device…): name a file, or - for standard input.",
    ),
    "file.unreadable:too-large": (
        "Fichier trop grand : plus de {limit} octets (limite réglable : --max-size, max_size=).",
        "File too large: more than {limit} bytes (the limit can be set: --max-size, max_size=).",
    ),
    "file.unreadable:spreadsheet": (
        "Ce fichier est une feuille de calcul ({kind}), pas un document JSON : lisez-la avec "
        "segur-certificats import (sheets.read en Python).",
        "This file is a spreadsheet ({kind}), not a JSON document: read it with "
        "segur-certificats import (sheets.read in Python).",
    ),
    "file.unreadable:encoding": (
        "Le fichier n'est pas en UTF-8 (octet invalide à la position {position}).",
        "The file is not UTF-8 (invalid byte at position {position}).",
    ),
    "json.syntax": (
        "JSON invalide, ligne {line}, colonne {column} : caractère inattendu {char}.",
        "Invalid JSON at line {line}, column {column}: unexpected character {char}.",
    ),
    "json.syntax:end": (
        "JSON invalide : le texte s'arrête ligne {line}, colonne {column}, avant la fin "
        "du document (fichier tronqué, ou crochet ou accolade non fermé).",
        "Invalid JSON: the text ends at line {line}, column {column} before the document "
        "does (a truncated file, or a bracket or brace left open).",
    ),
    "json.syntax:extra": (
        "JSON invalide, ligne {line}, colonne {column} : du texte suit la fin du document.",
        "Invalid JSON at line {line}, column {column}: text follows the end of the document.",
    ),
    "json.syntax:string": (
        "JSON invalide, ligne {line}, colonne {column} : chaîne de caractères jamais "
        "fermée (guillemet manquant).",
        "Invalid JSON at line {line}, column {column}: a string is never closed (missing quote).",
    ),
    "json.syntax:control": (
        "JSON invalide, ligne {line}, colonne {column} : caractère de contrôle {char} non "
        "permis ici ; dans une chaîne, écrivez-le échappé (\\n, \\t, \\u0000…).",
        "Invalid JSON at line {line}, column {column}: control character {char} is not "
        "allowed here; inside a string, write it escaped (\\n, \\t, \\u0000…).",
    ),
    "json.syntax:escape": (
        "JSON invalide, ligne {line}, colonne {column} : séquence d'échappement {escape} "
        'invalide (permises : \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).',
        "Invalid JSON at line {line}, column {column}: invalid escape sequence {escape} "
        '(allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).',
    ),
    "json.syntax:comma": (
        "JSON invalide, ligne {line}, colonne {column} : virgule en trop avant {char}.",
        "Invalid JSON at line {line}, column {column}: extra comma before {char}.",
    ),
    "json.syntax:limit": (
        "Le document dépasse une limite du lecteur JSON : il ne peut pas être lu sans risque.",
        "The document exceeds a limit of the JSON reader: it cannot be read safely.",
    ),
    "json.syntax:depth": (
        "Le document imbrique trop de niveaux pour être lu sans risque.",
        "The document nests too deep to be read safely.",
    ),
    "json.syntax:constant": (
        "{value} n'est pas une valeur JSON (NaN et Infinity ne sont pas permis).",
        "{value} is not a JSON value (NaN and Infinity are not allowed).",
    ),
    "json.duplicate-key": (
        "La clé {key} apparaît plusieurs fois dans cet objet : la valeur retenue serait ambiguë.",
        "Key {key} appears more than once in this object: which value wins is ambiguous.",
    ),
    "document.embedded": (
        "Ce document n'a pas d'entitesJuridiques mais contient {count} objet(s) avec un "
        "finessJuridique (le premier en {first}) : c'est peut-être le document d'un éditeur ; "
        "vérifiez-le avec check --embedded (validate_embedded en Python).",
        "This document has no entitesJuridiques but holds {count} object(s) with a "
        "finessJuridique (the first at {first}): it may be an editor's own document; check "
        "it with check --embedded (validate_embedded in Python).",
    ),
    "internal-error": (
        "Erreur interne de segur-certificats sur ce document ({error}) : merci de la "
        "signaler avec le document. Les autres documents sont vérifiés.",
        "Internal error of segur-certificats on this document ({error}): please report "
        "it with the document. The other documents are checked.",
    ),
    # -- structure ----------------------------------------------------------
    "type": (
        "{field} : la valeur {value} n'a pas le bon type ({expected} attendu).",
        "{field}: value {value} has the wrong type ({expected} expected).",
    ),
    "type:key": (
        "Clé {value} : une clé d'objet JSON est un texte.",
        "Key {value}: a JSON object key is a string.",
    ),
    "type:boolean": (
        "{field} : {value} n'est pas un booléen JSON ; écrivez true ou false (sans guillemets).",
        "{field}: {value} is not a JSON boolean; write true or false (without quotes).",
    ),
    "required": (
        "{field} est obligatoire : la valeur est absente, null ou vide.",
        "{field} is required: the value is missing, null or blank.",
    ),
    "required:order": (
        "{field} est obligatoire lorsque demandeCertificatServeur vaut true.",
        "{field} is required when demandeCertificatServeur is true.",
    ),
    "required:block": (
        "demandeCertificatServeur est obligatoire dès que le bloc certificat serveur est "
        "renseigné : true pour commander un certificat, false sinon.",
        "demandeCertificatServeur is required once the server-certificate block is filled "
        "in: true to order a certificate, false otherwise.",
    ),
    "must-be-null": (
        "{field} doit être null lorsque demandeCertificatServeur vaut false (reçu : {value}).",
        "{field} must be null when demandeCertificatServeur is false (got {value}).",
    ),
    "enum": (
        "{field} : {value} n'est pas un code accepté ; codes acceptés : {allowed}.",
        "{field}: {value} is not an accepted code; accepted codes: {allowed}.",
    ),
    "enum:suggest": (
        "{field} : {value} n'est pas un code accepté ; écrivez {suggestion}.",
        "{field}: {value} is not an accepted code; write {suggestion}.",
    ),
    "unknown-key": (
        "Clé inconnue {key} : ce format ne la connaît pas.",
        "Unknown key {key}: this format does not have it.",
    ),
    "unknown-key:suggest": (
        "Clé inconnue {key} : vouliez-vous écrire {suggestion} ?",
        "Unknown key {key}: did you mean {suggestion}?",
    ),
    "unknown-key:elsewhere": (
        "Clé {key} mal placée : elle appartient à {owner}, pas à cet objet.",
        "Key {key} is misplaced: it belongs in {owner}, not in this object.",
    ),
    "date.format": (
        "{field} : {value} n'est pas une date au format AAAA-MM-JJ.",
        "{field}: {value} is not a date in the YYYY-MM-DD format.",
    ),
    # -- field rules (docs: format.md#field-rules) ------------------------------------------
    "max-length": (
        "{field} : {length} caractères pour {max} au plus.",
        "{field}: {length} characters where at most {max} are allowed.",
    ),
    "finess.format": (
        "{value} n'est pas un FINESS juridique : 9 chiffres attendus "
        "(2A ou 2B en tête pour la Corse).",
        "{value} is not a FINESS juridique: 9 digits expected (2A or 2B first for Corsica).",
    ),
    "finess.format:compact": (
        "Le FINESS juridique {value} doit être écrit sous sa forme compacte : {compact}.",
        "FINESS juridique {value} must be written in its compact form: {compact}.",
    ),
    "finess.checksum": (
        "Clé de contrôle du FINESS juridique {value} incorrecte (clé de Luhn) : "
        "vérifiez le numéro.",
        "Wrong check key in FINESS juridique {value} (Luhn key): check the number.",
    ),
    "finess.duplicate": (
        "Le FINESS juridique {value} commande déjà un certificat serveur en {other} : "
        "un seul certificat par FINESS juridique.",
        "FINESS juridique {value} already orders a server certificate at {other}: "
        "one certificate per FINESS juridique.",
    ),
    "finess.duplicate:twice": (
        "Le FINESS juridique {value} est aussi l'entité juridique {other} de la demande : "
        "une ligne de la feuille ne peut pas dire laquelle elle complète (une entité par "
        "FINESS juridique) ; rien n'est écrit.",
        "FINESS juridique {value} is also legal entity {other} of the request: a row of "
        "the sheet cannot say which one it fills in (one entity per FINESS juridique); "
        "nothing is written.",
    ),
    "nom.format": (
        "Nom {value} non accepté : lettres uniquement, avec des espaces, tirets ou "
        "apostrophes simples entre les lettres.",
        "Name {value} is not accepted: letters only, with single spaces, hyphens or "
        "apostrophes between letters.",
    ),
    "nom.script": (
        "Nom {value} écrit dans un autre alphabet que le latin : le champ alphabétique du "
        "portail peut le refuser ; écrivez-le en lettres latines.",
        "Name {value} is not written in Latin letters: the portal's alphabetic field may "
        "refuse it; write it in Latin letters.",
    ),
    "tel.invalid:uri": (
        "{value} : enlevez « tel: » ; seul le numéro est attendu (ex. 0603334174).",
        '{value}: remove "tel:"; only the number is expected (e.g. 0603334174).',
    ),
    "tel.invalid:extension": (
        "{value} : enlevez le poste (extension) ; seul le numéro est attendu.",
        "{value}: remove the extension; only the number is expected.",
    ),
    "tel.invalid:letters": (
        "{value} : enlevez les lettres ; seul le numéro est attendu, en chiffres.",
        "{value}: remove the letters; only the number is expected, in digits.",
    ),
    "tel.invalid:control": (
        "{value} : enlevez les caractères invisibles ou de contrôle.",
        "{value}: remove the invisible or control characters.",
    ),
    "tel.invalid:characters": (
        "{value} : caractères non permis ; seuls les chiffres, espaces, points, tirets, "
        "barres obliques, parenthèses et un + en tête le sont.",
        "{value}: characters not allowed; only digits, spaces, dots, hyphens, slashes, "
        "parentheses and a leading + are.",
    ),
    "tel.invalid": (
        "{value} n'est pas un numéro de téléphone valide (ex. 0603334174, 0262 30 40 50 "
        "ou +32 2 555 12 12).",
        "{value} is not a valid phone number (e.g. 0603334174, 0262 30 40 50 or +32 2 555 12 12).",
    ),
    "email.invalid": (
        "{value} n'est pas une adresse e-mail valide : {reason}.",
        "{value} is not a valid e-mail address: {reason}.",
    ),
    "cpx.required": (
        "Le numéro de carte CPX est obligatoire dans ce scénario : {party} a déjà "
        "contractualisé avec l'ANS.",
        "The CPx card number is required in this scenario: {party} has already "
        "contracted with ANS.",
    ),
    "normalised": (
        "{field} : {value} sera écrit {written} ({changes}).",
        "{field}: {value} will be written as {written} ({changes}).",
    ),
    "cpx.format": (
        "Numéro de carte CPX {value} inhabituel : les cartes CPx portent 10 chiffres.",
        "Unusual CPx card number {value}: CPx cards carry 10 digits.",
    ),
    # -- request rules (docs: validating.md#request-rules) ----------------------------------------
    "demande.not-eligible": (
        "La commande de certificat serveur n'existe que pour les demandes d'avance des "
        "couloirs MS1 et MS2 (ici : typeDemande {type}, couloir {couloir}).",
        "Server certificates can be ordered only in advance requests of corridors MS1 "
        "and MS2 (here: typeDemande {type}, couloir {couloir}).",
    ),
    "demande.before-feature": (
        "Demande déposée le {depot}, avant le 21/09/2023, et sans modification depuis : "
        "la commande de certificat serveur n'y est pas disponible (renseignez "
        "dateModification si la demande a été modifiée à partir du 21/09/2023).",
        "Request filed on {depot}, before 2023-09-21, and not modified since: server "
        "certificates cannot be ordered in it (set dateModification if it was modified "
        "on or after 2023-09-21).",
    ),
    "demande.before-feature:modified": (
        "Demande déposée le {depot} et modifiée le {modification}, avant le 21/09/2023 : "
        "la commande de certificat serveur n'y est pas disponible. Elle le devient avec "
        "une modification à partir du 21/09/2023.",
        "Request filed on {depot} and modified on {modification}, before 2023-09-21: "
        "server certificates cannot be ordered in it. A modification on or after "
        "2023-09-21 makes them available.",
    ),
    "demande.modified-before-filing": (
        "Date de modification {modification} antérieure à la date de dépôt {depot} : "
        "une demande n'est modifiée qu'après son dépôt.",
        "Modification date {modification} is before the filing date {depot}: a "
        "request is modified only after it is filed.",
    ),
    # -- the modification screen (docs: editing.md#rules), for EditRefused ------------------
    "edit.read-only": (
        "Demande en lecture seule : seules les demandes au statut « A modifier » se "
        "modifient (statut : « {statut} »).",
        'Read-only request: only requests whose status is "A modifier" can be edited '
        '(status: "{statut}").',
    ),
    "edit.validated": (
        "Le bloc des administrateurs techniques a été validé par le gestionnaire : il "
        "n'est plus modifiable.",
        "The gestionnaire has validated the technical administrators block: it can no "
        "longer be edited.",
    ),
    "edit.unknown-finess": (
        "Le FINESS juridique {finess} n'est pas une entité juridique de cette demande.",
        "FINESS juridique {finess} is not a legal entity of this request.",
    ),
    "edit.row-exists": (
        "Le FINESS juridique {finess} a déjà un administrateur technique : modifiez sa "
        "ligne (un seul certificat par FINESS juridique).",
        "FINESS juridique {finess} already has a technical administrator: modify its row "
        "(one certificate per FINESS juridique).",
    ),
    "edit.no-row": (
        "Le FINESS juridique {finess} n'a pas de ligne d'administrateur technique.",
        "FINESS juridique {finess} has no technical administrator row.",
    ),
    "edit.finess-fixed": (
        "Le FINESS juridique d'une ligne ne se modifie pas ({finess}) : supprimez la ligne "
        "et ajoutez-en une autre.",
        "The FINESS juridique of a row cannot be changed ({finess}): delete the row and "
        "add another.",
    ),
    "argument.type": (
        "{argument} : {value} n'a pas le bon type ({expected} attendu).",
        "{argument}: {value} has the wrong type ({expected} expected).",
    ),
    "argument.unknown-field": (
        "{argument} n'est pas un champ de {cls} ; ses champs : {fields}.",
        "{argument} is not a field of {cls}; its fields: {fields}.",
    ),
    "argument.value": (
        "{argument} : {value} ne peut pas être satisfait ({reason}).",
        "{argument}: {value} cannot be honoured ({reason}).",
    ),
    "block.pointer": (
        "Pointeur JSON {pointer} invalide (RFC 6901) : {reason}.",
        "Invalid JSON Pointer {pointer} (RFC 6901): {reason}.",
    ),
    "block.not-found": (
        "Aucun bloc en {pointer} : un bloc est un objet contenant finessJuridique, tel "
        "que validate_embedded() le liste (Block.path).",
        "No block at {pointer}: a block is an object holding finessJuridique, as "
        "validate_embedded() lists it (Block.path).",
    ),
    "block.overlap": (
        "Les pointeurs {pointer} et {other} désignent le même objet ou deux objets "
        "imbriqués : un seul des deux peut être écrit.",
        "Pointers {pointer} and {other} name the same object or nested objects: only "
        "one of them can be written.",
    ),
    "block.finess-fixed": (
        "L'entité en {pointer} a le FINESS juridique {value}, pas {finess} : un FINESS "
        "juridique ne se modifie pas.",
        "The entity at {pointer} is FINESS juridique {value}, not {finess}: a FINESS "
        "juridique is never changed.",
    ),
    "block.unknown-keys": (
        "certificatServeur en {pointer} contient des clés que ce format n'a pas ({keys}) : "
        "l'écrire à null les perdrait ; corrigez ces clés d'abord.",
        "certificatServeur at {pointer} holds keys this format does not have ({keys}): "
        "writing it as null would lose them; fix those keys first.",
    ),
    "extra.missing": (
        "{feature} demande {package}, une dépendance facultative : "
        "pip install 'segur-certificats[{extra}]'.",
        "{feature} needs {package}, an optional dependency: "
        "pip install 'segur-certificats[{extra}]'.",
    ),
    "edit.closed": (
        "Les modifications ont déjà été confirmées : ouvrez une nouvelle session.",
        "The changes were already confirmed: open a new session.",
    ),
    # -- spreadsheets (docs: sheets.md#problems) ------------------------------------
    "sheet.unreadable": (
        "Ce fichier n'est pas une feuille de calcul lisible ({error}).",
        "This file is not a readable spreadsheet ({error}).",
    ),
    "sheet.unreadable:not-spreadsheet": (
        "Ce fichier n'est pas une feuille de calcul : enregistrez-la en .xlsx, .ods ou .csv.",
        "This file is not a spreadsheet: save it as .xlsx, .ods or .csv.",
    ),
    "sheet.unreadable:protected": (
        "Classeur protégé par mot de passe : enregistrez-le en .xlsx sans mot de passe.",
        "Password-protected workbook: save it as .xlsx without a password.",
    ),
    "sheet.unreadable:xls": (
        "Ancien format .xls (Excel 97-2003), non lu : enregistrez-le en .xlsx ou en .ods.",
        "Old .xls format (Excel 97-2003), not read: save it as .xlsx or .ods.",
    ),
    "sheet.unreadable:encoding": (
        "Le fichier CSV n'est ni en UTF-8 ni en Windows-1252 (octet invalide à la position "
        "{position}) : enregistrez-le en « CSV UTF-8 ».",
        "The CSV file is neither UTF-8 nor Windows-1252 (invalid byte at position "
        '{position}): save it as "CSV UTF-8".',
    ),
    "sheet.unreadable:nul": (
        "Le fichier contient un octet nul (position {position}) : ce n'est pas un CSV texte ; "
        "enregistrez la feuille en .xlsx, .ods ou « CSV UTF-8 ».",
        "The file holds a NUL byte (position {position}): it is not a text CSV; save the "
        'sheet as .xlsx, .ods or "CSV UTF-8".',
    ),
    "sheet.unreadable:field-too-long": (
        "Une valeur du CSV dépasse {limit} caractères (ligne {row}) : un guillemet jamais "
        "refermé, ou une cellule démesurée.",
        "A value of the CSV is longer than {limit} characters (line {row}): a quote never "
        "closed, or an outsized cell.",
    ),
    "sheet.unreadable:too-large": (
        "Classeur trop grand : une fois décompressé, plus de {limit} octets (limite "
        "réglable : --max-size, max_size=).",
        "Workbook too large: more than {limit} bytes once decompressed (the limit can be "
        "set: --max-size, max_size=).",
    ),
    "sheet.unreadable:expanded": (
        "Classeur trop grand : ses lignes et cellules répétées et ses espaces, une fois "
        "développés, font plus de {limit} octets (limite réglable : --max-size, max_size=).",
        "Workbook too large: its repeated rows and cells and its spaces come to more than "
        "{limit} bytes once expanded (the limit can be set: --max-size, max_size=).",
    ),
    "sheet.unreadable:too-many-rows": (
        "Feuille trop grande : plus de {rows} lignes (limite réglable avec la taille : "
        "--max-size, max_size=).",
        "Sheet too large: more than {rows} rows (the limit follows the size limit: "
        "--max-size, max_size=).",
    ),
    "sheet.unreadable:memory": (
        "Mémoire insuffisante pour lire ce fichier : découpez la feuille en plusieurs fichiers.",
        "Not enough memory to read this file: split the sheet into several files.",
    ),
    "sheet.header": (
        "En-tête {header} non reconnu.",
        "Header {header} not recognised.",
    ),
    "sheet.header:none": (
        "La première ligne doit porter les en-têtes des colonnes (voir le modèle : "
        "segur-certificats template).",
        "The first row must hold the column headers (see the template: segur-certificats "
        "template).",
    ),
    "sheet.header:renamed": (
        "En-tête {header} non reconnu : vouliez-vous écrire {suggestion} ?",
        "Header {header} not recognised: did you mean {suggestion}?",
    ),
    "sheet.header:unknown": (
        "Colonne en trop {header} : le modèle ne l'a pas, ses valeurs ne seraient pas lues ; "
        "supprimez-la.",
        "Extra column {header}: the template does not have it, its values would not be "
        "read; remove it.",
    ),
    "sheet.header:duplicate": (
        "La colonne {header} apparaît deux fois : gardez-en une.",
        "Column {header} appears twice: keep one.",
    ),
    "sheet.header:missing": (
        "Colonne(s) manquante(s) : {headers}.",
        "Missing column(s): {headers}.",
    ),
    "sheet.number": (
        "{field} : {value} est enregistré comme un nombre ; mettez la colonne au format "
        "texte et tapez le numéro tel quel.",
        "{field}: {value} is stored as a number; format the column as text and type the "
        "number as it is.",
    ),
    "sheet.number:zero-lost": (
        "{field} : {value} a perdu son zéro en tête (enregistré comme un nombre) : écrivez "
        "{fixed} dans une colonne au format texte.",
        "{field}: {value} lost its leading zero (stored as a number): write {fixed} in a "
        "column formatted as text.",
    ),
    "sheet.scientific": (
        "{field} : {value} est en notation scientifique, des chiffres sont perdus : retapez "
        "le numéro dans une colonne au format texte.",
        "{field}: {value} is in scientific notation, digits are lost: type the number "
        "again in a column formatted as text.",
    ),
    "sheet.date": (
        "{field} : la cellule est une date ({value}) là où un texte est attendu : mettez la "
        "colonne au format texte.",
        "{field}: the cell is a date ({value}) where text is expected: format the column as text.",
    ),
    "sheet.merged": (
        "{field} : cellule fusionnée ({range}), sa valeur est perdue : défusionnez et "
        "remplissez chaque cellule.",
        "{field}: merged cell ({range}), its value is lost: unmerge and fill in each cell.",
    ),
    "sheet.formula": (
        "{field} : formule {formula} sans valeur calculée : tapez la valeur, ou ouvrez et "
        "enregistrez le fichier dans votre tableur.",
        "{field}: formula {formula} without a computed value: type the value, or open and "
        "save the file in your spreadsheet program.",
    ),
    "sheet.formula:cached": (
        "{field} : formule {formula} : sa dernière valeur calculée est lue.",
        "{field}: formula {formula}: its last computed value is read.",
    ),
    "sheet.unwritable": (
        "Impossible d'écrire {name} : {reason}.",
        "Cannot write {name}: {reason}.",
    ),
    "sheet.unwritable:exists": (
        "{name} existe déjà : choisissez un autre nom, ou --force pour le remplacer.",
        "{name} already exists: choose another name, or --force to replace it.",
    ),
    "sheet.unwritable:format": (
        "{name} : le modèle s'écrit en .xlsx ou en .csv.",
        "{name}: the template is written as .xlsx or .csv.",
    ),
    # The rules' messages on a sheet, which names its columns, not the JSON keys.
    "required:sheet-order": (
        "{field} est obligatoire lorsque {flag} vaut Oui.",
        "{field} is required when {flag} is Oui.",
    ),
    "required:sheet-block": (
        "{flag} est obligatoire dès qu'une colonne de l'administrateur est remplie : Oui pour "
        "commander un certificat, Non sinon.",
        "{flag} is required once a column of the administrator is filled in: Oui to order a "
        "certificate, Non otherwise.",
    ),
    "must-be-null:sheet": (
        "{field} doit rester vide lorsque {flag} vaut Non (reçu : {value}).",
        "{field} must stay blank when {flag} is Non (got {value}).",
    ),
    "sheet.unknown-finess": (
        "Le FINESS juridique {value} n'est pas une entité juridique de la demande.",
        "FINESS juridique {value} is not a legal entity of the request.",
    ),
    "sheet.unknown-finess:near": (
        "Le FINESS juridique {value} n'est pas une entité juridique de la demande ; "
        "vouliez-vous écrire {near}, qui en est une ?",
        "FINESS juridique {value} is not a legal entity of the request; did you mean "
        "{near}, which is one?",
    ),
    "sheet.error": (
        "{field} : la cellule affiche l'erreur {value} : corrigez-la et tapez la valeur.",
        "{field}: the cell shows the error {value}: fix it and type the value.",
    ),
    "sheet.error:formula": (
        "{field} : la formule {formula} donne l'erreur {value} : tapez la valeur.",
        "{field}: formula {formula} gives the error {value}: type the value.",
    ),
    "sheet.encoding": (
        "Fichier CSV lu en {encoding} (pas en UTF-8) : vérifiez les accents ; « CSV UTF-8 » "
        "est plus sûr.",
        'CSV file read as {encoding} (not UTF-8): check the accents; "CSV UTF-8" is safer.',
    ),
    "sheet.quote": (
        "Guillemet ouvert dans cette cellule et refermé plus loin : les lignes {first} à "
        "{last} du fichier sont lues comme une seule cellule. Retirez ce guillemet.",
        "A quote opened in this cell closes further on: lines {first} to {last} of the file "
        "are read as one cell. Remove that quote.",
    ),
    "sheet.row": (
        "Ligne mal formée.",
        "Malformed row.",
    ),
    "sheet.row:beyond": (
        "Valeur dans la colonne {column}, qui n'a pas d'en-tête : elle ne serait pas lue ; "
        "déplacez-la ou supprimez-la.",
        "A value in column {column}, which has no header: it would not be read; move or remove it.",
    ),
    "sheet.row:narrower": (
        "La ligne a {count} valeur(s) pour {header} colonnes : un séparateur manque, les "
        "valeurs sont peut-être décalées.",
        "The row has {count} value(s) for {header} columns: a separator is missing, the "
        "values may be shifted.",
    ),
    "sheet.empty": (
        "La feuille {sheet} n'a aucune ligne sous l'en-tête : rien à importer.",
        "Sheet {sheet} has no row under its header: nothing to import.",
    ),
    "sheet.duplicate": (
        "Le FINESS juridique {value} est aussi à la ligne {rows} : une ligne par entité juridique.",
        "FINESS juridique {value} is also on row {rows}: one row per legal entity.",
    ),
    "sheet.missing-row": (
        "L'entité juridique {value} ({pointer}) n'a pas de ligne dans la feuille : sa "
        "demande est gardée telle quelle.",
        "Legal entity {value} ({pointer}) has no row in the sheet: its order is kept as it is.",
    ),
    "sheet.bare-row": (
        "{flag} : la ligne du FINESS juridique {value} est vide, la commande de la demande "
        "est gardée telle quelle ; répondez « Non » pour la retirer.",
        "{flag}: the row of FINESS juridique {value} is blank, so the request's order is "
        'kept as it is; answer "Non" to remove it.',
    ),
    # -- the local server's refusals (docs: serve.md#statuses) -----------------------
    "serve.too-large": (
        "Envoi trop grand : plus de {limit} octets (la limite du serveur, --max-size).",
        "Upload too large: more than {limit} bytes (the server's limit, --max-size).",
    ),
    "serve.media-type": (
        "Type de contenu {media} illisible ici : envoyez {expected}.",
        "Media type {media} cannot be read here: send {expected}.",
    ),
    "serve.missing-field": (
        "Le champ {field} du formulaire (multipart/form-data) manque : joignez-y un fichier.",
        "The form field {field} (multipart/form-data) is missing: attach a file to it.",
    ),
    "serve.parameter": (
        "Paramètre {name} incorrect : {value} ; attendu : {expected}.",
        "Wrong parameter {name}: {value}; expected: {expected}.",
    ),
    "serve.malformed": (
        "Corps de la requête illisible : {reason}.",
        "The request's body cannot be read: {reason}.",
    ),
    "serve.not-found": (
        "Rien à cette adresse : la description de l'API est à /openapi.json.",
        "Nothing at this address: the API is described at /openapi.json.",
    ),
    "serve.method": (
        "Méthode {method} non permise à cette adresse ; permises : {allowed}.",
        "Method {method} not allowed at this address; allowed: {allowed}.",
    ),
    "serve.origin": (
        "Requête refusée : une page de {origin} ne peut pas appeler ce serveur "
        "(autorisez-la avec --cors).",
        "Request refused: a page of {origin} may not call this server (allow it with --cors).",
    ),
    "serve.host": (
        "Requête refusée : ce serveur ne répond pas au nom {host} (autorisez-le avec "
        "--allow-host).",
        "Request refused: this server does not answer to the name {host} (allow it with "
        "--allow-host).",
    ),
    "serve.busy": (
        "Serveur occupé ({queue} travaux en attente) : réessayez dans {retry} s.",
        "Server busy ({queue} jobs waiting): try again in {retry} s.",
    ),
    "serve.timeout": (
        "Requête abandonnée après {seconds} s (la limite du serveur, --timeout).",
        "Request given up after {seconds} s (the server's limit, --timeout).",
    ),
    "serve.template": (
        "Le modèle ne peut pas être écrit : {reason}.",
        "The template cannot be written: {reason}.",
    ),
    "serve.internal": (
        "Erreur interne du serveur : signalez-la avec l'identifiant de requête {request_id}.",
        "Internal server error: report it with the request id {request_id}.",
    ),
}
"""``code[:variant]`` → (French template, English template)."""

_ALL = tuple(dict.fromkeys(key.split(":")[0] for key in CATALOGUE))
_REFUSAL_PREFIXES = ("edit.", "block.", "argument.", "extra.")
_SHEET_PREFIX = "sheet."
_SERVE_PREFIX = "serve."
CODES: tuple[str, ...] = tuple(
    code for code in _ALL if not code.startswith((*_REFUSAL_PREFIXES, _SHEET_PREFIX, _SERVE_PREFIX))
)
"""Every stable problem code of a document."""
SHEET_CODES: tuple[str, ...] = tuple(code for code in _ALL if code.startswith(_SHEET_PREFIX))
"""The codes of the problems only a spreadsheet can have (`segur_certificats.sheets`)."""
SERVE_CODES: tuple[str, ...] = tuple(code for code in _ALL if code.startswith(_SERVE_PREFIX))
"""The codes of the local server's refusals, its HTTP error answers
(`segur_certificats.serve`, docs: serve.md#statuses)."""
REFUSALS: tuple[str, ...] = tuple(code for code in _ALL if code.startswith(_REFUSAL_PREFIXES))
"""The codes of the refusals (`segur_certificats.CodedError`)."""
MODIFICATION_CODES: tuple[str, ...] = ("edit.read-only", "edit.validated")
"""The refusals a report of a modification holds as problems: a sheet written into
a request that may not be changed (docs: editing.md#who-may-change)."""


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def render(
    code: str, params: Mapping[str, str], lang: str = "fr", variant: str | None = None
) -> str:
    """The message of a problem in ``lang`` (``"fr"`` or ``"en"``).

    A parameter whose name ends in ``_en`` replaces the one without the suffix
    in English messages, for values that are words rather than data.
    """
    key = f"{code}:{variant}" if variant and f"{code}:{variant}" in CATALOGUE else code
    templates = CATALOGUE.get(key)
    if templates is None:
        return f"{code} {dict(params)}"
    english = lang == "en"
    values = _Params({k: v for k, v in params.items() if not k.endswith("_en")})
    if english:
        values.update({k[:-3]: v for k, v in params.items() if k.endswith("_en")})
    return (templates[1] if english else templates[0]).format_map(values)
