"""``segur-certificats check`` as the docs describe it (docs: cli.md)."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys

import pytest

import segur_certificats as sc
from segur_certificats._codec import envelope
from segur_certificats._codec.files import File
from segur_certificats._problems.catalogue import CODES
from segur_certificats._vocabulary.keys import TYPES_DEMANDE
from segur_certificats.cli import main
from segur_certificats.model import TypeDemande

from ..conftest import DATA, EXAMPLES, ROOT
from ..problem_examples import EXAMPLES as PROBLEM_EXAMPLES
from ..problem_examples import INTERNAL_ERROR

GOLDEN = json.loads((DATA / "golden-envelope.json").read_text(encoding="utf-8"))
E0 = "/entitesJuridiques/0"
C0 = f"{E0}/certificatServeur"


def run(capsys, *args, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = main([str(a) for a in args])
    return status, capsys.readouterr().out


def golden(**changes):
    doc = copy.deepcopy(GOLDEN)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    return doc


def write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def test_valid_examples_exit_zero_and_say_so(capsys):
    status, out = run(capsys, "check", *EXAMPLES)
    assert status == 0
    assert out.count("aucune erreur") == len(EXAMPLES)


def test_json_lines_one_object_per_file_in_the_given_order(capsys, tmp_path):
    bad = write(tmp_path, "bad.json", golden(couloir=3))
    status, out = run(capsys, "check", "--format", "json", EXAMPLES[0], bad, EXAMPLES[1])
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [line["file"] for line in lines] == [str(EXAMPLES[0]), str(bad), str(EXAMPLES[1])]
    assert [line["ok"] for line in lines] == [True, False, True]
    assert lines[1]["problems"] == [
        {
            "path": "/couloir",
            "code": "type",
            "severity": "error",
            "message": "couloir : la valeur 3 n'a pas le bon type (texte attendu).",
            "line": 1,
            "column": 62,
        }
    ]


def test_english_messages_on_request(capsys, tmp_path):
    bad = write(tmp_path, "bad.json", golden(couloir=3))
    _, out = run(capsys, "check", "--lang", "en", bad)
    assert out == (
        f"{bad}:1:62: /couloir: [type] couloir: value 3 has the wrong type (string expected).\n"
    )


def test_standard_input(capsys, monkeypatch):
    status, out = run(
        capsys, "check", "-", stdin=json.dumps(GOLDEN).encode(), monkeypatch=monkeypatch
    )
    assert (status, out) == (0, "-: aucune erreur\n")


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("segur-certificats 0.")


def test_bad_arguments_exit_two(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["check", "--lang", "de", "x.json"])
    assert caught.value.code == 2
    for date in ["2023-W38-4", "20231002", "02/10/2023"]:  # the JSON's own date rule
        with pytest.raises(SystemExit) as caught:
            main(["check", "--embedded", "--date-depot", date, "x.json"])
        assert caught.value.code == 2


def test_unreadable_files_are_that_files_problem(capsys, tmp_path):
    latin = tmp_path / "latin1.json"
    latin.write_bytes(json.dumps(GOLDEN).replace("STU", "ST\u00c9").encode("latin-1"))
    status, out = run(
        capsys, "check", "--format", "json", tmp_path / "missing.json", tmp_path, latin
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [[p["code"] for p in line["problems"]] for line in lines] == [["file.unreadable"]] * 3


def test_warnings_are_marked_and_do_not_fail(capsys, tmp_path):
    path = write(
        tmp_path,
        "w.json",
        golden(**{"entitesJuridiques.0.certificatServeur.numeroCarteCPX": "XXXXXXX"}),
    )
    status, out = run(capsys, "check", path)
    assert status == 0
    assert "[cpx.format] (avertissement)" in out


def test_values_the_terminal_cannot_show_do_not_crash_the_command(tmp_path):
    path = write(tmp_path, "lone.json", '{"couloir": "\\ud800"}')
    result = subprocess.run(
        [sys.executable, "-m", "segur_certificats", "check", str(path)],
        capture_output=True,
        env={"PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr


# Every code (docs: problems.md#codes), produced through the CLI's JSON output at its path.
R_API_3 = [
    "file.unreadable",
    "json.syntax",
    "json.duplicate-key",
    "type",
    "required",
    "must-be-null",
    "enum",
    "unknown-key",
    "max-length",
    "finess.format",
    "finess.checksum",
    "finess.duplicate",
    "nom.format",
    "tel.invalid",
    "email.invalid",
    "cpx.required",
    "demande.not-eligible",
    "demande.before-feature",
]


def test_every_spec_code_exists_in_the_catalogue_and_has_an_example():
    assert set(R_API_3) <= set(CODES)
    assert sorted([*PROBLEM_EXAMPLES, INTERNAL_ERROR]) == sorted(CODES)


#: The codes that are warnings, never errors (docs: problems.md).
WARNING_CODES = {"cpx.format", "nom.script", "normalised", "document.embedded"}
#: What else an example's document has, beside its code's problem.
ALSO = {
    "document.embedded": [("/entitesJuridiques", "required"), ("/beneficiaires", "unknown-key")]
}


@pytest.mark.parametrize("code", [code for code in CODES if code != INTERNAL_ERROR])
def test_every_code_is_produced_at_its_path_through_the_cli(code, capsys, tmp_path):
    doc, path = PROBLEM_EXAMPLES[code]
    file = tmp_path / "missing.json" if doc is None else write(tmp_path, "doc.json", doc)
    status, out = run(capsys, "check", "--format", "json", file)
    (line,) = [json.loads(x) for x in out.splitlines()]
    warning = code in WARNING_CODES
    also = ALSO.get(code, [])
    assert status == (0 if warning and not also else 1)
    assert [(p["path"], p["code"]) for p in line["problems"]] == [(path, code), *also]
    assert all(p["message"] for p in line["problems"])
    assert line["problems"][0]["severity"] == ("warning" if warning else "error")


def test_every_code_is_documented():
    documented = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    assert [code for code in CODES if f"| `{code}` |" not in documented] == []


# -- one file's failure never stops the others; nothing waits or grows without bound ----


def test_a_huge_number_in_one_file_does_not_stop_the_others(capsys, tmp_path):
    big = write(tmp_path, "big.json", json.dumps(GOLDEN).replace('"MS2"', "9" * 5000))
    status, out = run(capsys, "check", "--format", "json", EXAMPLES[0], big, EXAMPLES[1])
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [line["ok"] for line in lines] == [True, False, True]
    assert [p["code"] for p in lines[1]["problems"]] == ["type"]


@pytest.mark.parametrize("where", ["validate", "reading"])
def test_an_internal_failure_is_that_files_problem_and_exit_two(capsys, monkeypatch, where):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    if where == "validate":
        monkeypatch.setattr(envelope, "read_entity", fail)
    else:
        monkeypatch.setattr(File, "read", fail)
    status, out = run(capsys, "check", "--format", "json", EXAMPLES[0], EXAMPLES[1])
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 2
    assert len(lines) == 2
    assert all(line["problems"][0]["code"] == "internal-error" for line in lines)


def _cli(*args, **kwargs):
    command = [sys.executable, "-m", "segur_certificats", "check", *map(str, args)]
    return subprocess.run(command, capture_output=True, timeout=60, check=False, **kwargs)


def test_a_fifo_and_a_device_are_refused_without_waiting(tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # no writer: opening it for reading would wait forever
    done = _cli("--format", "json", fifo, "/dev/zero", EXAMPLES[0])
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [line["problems"][0]["code"] if line["problems"] else None for line in lines] == [
        "file.unreadable",
        "file.unreadable",
        None,
    ]
    assert "ordinaire" in lines[0]["problems"][0]["message"]
    assert done.returncode == 1
    assert done.stderr == b""


def test_an_endless_standard_input_is_read_only_up_to_the_limit():
    with open("/dev/zero", "rb") as endless:
        done = _cli("--format", "json", "--max-size", "1M", "-", stdin=endless)
    (line,) = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert line["problems"][0]["code"] == "file.unreadable"
    assert str(1 << 20) in line["problems"][0]["message"]


def test_a_file_over_the_limit_is_refused(capsys, tmp_path):
    status, out = run(capsys, "check", "--max-size", "100", EXAMPLES[0])
    assert status == 1
    assert "[file.unreadable]" in out
    assert "100" in out


def test_piping_into_head_ends_quietly(tmp_path):
    files = [str(EXAMPLES[0])] * 2000
    command = [sys.executable, "-m", "segur_certificats", "check", *files]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # what head does once it has its lines
        error = process.stderr.read()
        process.wait(timeout=60)
    assert b"Traceback" not in error
    assert b"BrokenPipe" not in error


def test_a_syntax_error_is_located_as_file_line_column(capsys, tmp_path):
    broken = write(tmp_path, "broken.json", '{\n  "couloir": "MS1",\n}')
    status, out = run(capsys, "check", broken)
    assert status == 1
    assert out.startswith(f"{broken}:2:19: /: [json.syntax]")
    status, out = run(capsys, "check", "--format", "json", broken)
    (problem,) = json.loads(out)["problems"]
    assert (problem["line"], problem["column"]) == (2, 19)


@pytest.mark.parametrize("arguments", [["--version"], ["--help"], ["serve", "--help"]])
def test_version_and_help_do_not_import_the_validation_stack(arguments):
    script = (
        "import sys\n"
        "from segur_certificats.cli import main\n"
        f"try:\n    main({arguments!r})\nexcept SystemExit:\n    pass\n"
        "heavy = ('attr', 'cattrs', 'phonenumbers', 'email_validator', 'segur_certificats.model',\n"
        "         'starlette', 'uvicorn', 'anyio', 'segur_certificats.serve')\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_reading_and_writing_json_do_not_import_the_field_rules_libraries():
    # docs: api.md#imports — phonenumbers and email-validator are imported when a first
    # value needs them, never by loads() and dumps().
    script = (
        "import sys\n"
        "import segur_certificats as sc\n"
        f"demande = sc.loads(open({str(EXAMPLES[0])!r}, encoding='utf-8').read())\n"
        "sc.dumps(demande)\n"
        "print([m for m in ('phonenumbers', 'email_validator') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_cli_knows_every_request_type():
    assert tuple(t.code for t in TypeDemande) == TYPES_DEMANDE


def test_reports_as_data_are_exactly_the_json_lines(capsys, tmp_path):
    bad = write(tmp_path, "bad.json", '{\n  "couloir": 3,\n}')
    other = write(tmp_path, "other.json", golden(couloir=3))
    for file in (bad, other, EXAMPLES[0]):
        status, out = run(capsys, "check", "--format", "json", "--lang", "en", file)
        line = json.loads(out)
        report = sc.validate_file(file)
        assert status == (0 if report.ok else 1)
        assert line == {"file": str(file), **report.to_dict("en")}
        assert [p.to_dict("en") for p in report.problems] == line["problems"]


# -- A newcomer's first mistakes, answered by the command itself ------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        (
            "clients.xlsx",
            (ROOT / "examples" / "sheets" / "clients-a-corriger.xlsx").read_bytes(),
            ".xlsx",
        ),
        ("clients.ods", b"PK\x03\x04" + b"\0" * 60, ".ods"),
        ("clients.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 60, ".xls"),
        (
            "clients.csv",
            "\ufeffFINESS juridique;Raison sociale;Nom\r\n330058066;;STU\r\n".encode(),
            "CSV",
        ),
        ("clients.txt", b"FINESS juridique,Nom\n330058066,STU\n", "CSV"),
    ],
)
def test_check_names_a_spreadsheet_and_points_to_import(capsys, tmp_path, name, data, kind):
    path = tmp_path / name
    path.write_bytes(data)
    status, out = run(capsys, "check", path)
    assert status == 1
    assert out.count("\n") == 1
    assert "[file.unreadable]" in out
    assert kind in out
    assert "segur-certificats import" in out
    _, english = run(capsys, "check", "--lang", "en", path)
    assert "is a spreadsheet" in english


def test_a_json_syntax_error_in_a_csv_like_text_stays_a_syntax_error(capsys, tmp_path):
    path = write(tmp_path, "x.json", "FINESS, not a request")
    _, out = run(capsys, "check", path)
    assert "[json.syntax]" in out


def test_an_editors_document_checked_as_a_request_gets_one_hint(capsys):
    document = ROOT / "examples" / "embedded" / "dossier-editeur.json"
    status, out = run(capsys, "check", document)
    assert status == 1
    hints = [line for line in out.splitlines() if "[document.embedded]" in line]
    assert len(hints) == 1
    assert "--embedded" in hints[0]
    assert "/demande/beneficiaires/0" in hints[0]
    status, out = run(capsys, "check", "--embedded", "--couloir", "MS1", document)
    assert "document.embedded" not in out


def test_a_request_with_its_entities_gets_no_hint(capsys):
    _, out = run(capsys, "check", "--format", "json", *EXAMPLES)
    assert "document.embedded" not in out


def test_import_without_output_says_nothing_was_written(tmp_path):
    # Through the real command line: the note is on standard error, so standard
    # output stays the report (JSON Lines with --format json).
    pytest.importorskip("openpyxl", reason="the [xlsx] extra writes the template")
    from segur_certificats import sheets  # noqa: PLC0415

    request = ROOT / "examples" / "ms1-plusieurs-entites.json"
    sheet = tmp_path / "clients.xlsx"
    sheets.write_template(sheet, sc.loads(request.read_text(encoding="utf-8")))

    def command(*args):
        return subprocess.run(
            [sys.executable, "-m", "segur_certificats", "import", str(sheet), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )

    before = sorted(tmp_path.iterdir())
    into = command("--into", str(request))
    assert into.returncode == 0
    assert into.stdout.strip().endswith("aucune erreur")
    assert "rien n'est écrit" in into.stderr
    assert "-o demande.json" in into.stderr
    assert "la demande" in into.stderr
    alone = command("--lang", "en", "--format", "json")
    assert alone.returncode == 0
    assert json.loads(alone.stdout)["ok"] is True
    assert "nothing written: add -o entites.json to write the legal entities" in alone.stderr
    assert sorted(tmp_path.iterdir()) == before  # nothing written indeed
    out = tmp_path / "out.json"
    written = command("--into", str(request), "-o", str(out))
    assert written.returncode == 0
    assert written.stderr == ""
    assert out.read_bytes() == request.read_bytes()
    # A sheet with an error writes nothing either, and says why in its report.
    bad = tmp_path / "bad.csv"
    bad.write_text("FINESS juridique;Nom\n123;X\n", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "segur_certificats", "import", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1
    assert "rien n'est écrit" not in refused.stderr


@pytest.mark.parametrize(
    ("lang", "line"), [("fr", "{out} : {n} ligne(s)"), ("en", "{out}: {n} row(s)")]
)
def test_template_says_how_many_rows_in_its_language(capsys, tmp_path, lang, line):
    request = ROOT / "examples" / "ms1-structure-carte-facultative.json"
    count = len(sc.loads(request.read_text(encoding="utf-8")).entites_juridiques)
    out = tmp_path / "modele.csv"
    status, printed = run(capsys, "template", out, "--from", request, "--lang", lang)
    assert status == 0
    assert printed == line.format(out=out, n=count) + "\n"
