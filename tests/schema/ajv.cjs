// ajv 8 as a validator the schema tests talk to (tests/schema/implementations.py).
// One JSON value a line on standard input, one answer a line on standard output:
//   {"schemas": {"envelope": {...}, "entity": {...}}}  -> {"version": "8.x.y"}
//   {"kind": "envelope", "instances": [...]}           -> {"verdicts": [[plain, formats], ...]}
// "plain" is ajv without format assertion, "formats" with ajv-formats' (full mode).
// Exits with status 3 and a line on standard error when ajv or ajv-formats is absent.
"use strict";

let Ajv2020, addFormats;
try {
    Ajv2020 = require("ajv/dist/2020");
    addFormats = require("ajv-formats");
} catch (error) {
    process.stderr.write(`ajv 8 and ajv-formats are not installed: ${error.message.split("\n")[0]}\n`);
    process.exit(3);
}

const readline = require("readline");
let validators = {};

function compile(schemas) {
    validators = {};
    for (const [kind, schema] of Object.entries(schemas)) {
        // Strict: the schema compiles without a warning of ajv's strict mode (but
        // strictRequired, off by default in ajv too); unicodeRegExp is
        // ajv's default (the "u" flag), as Draft 2020-12 asks.
        const options = { strict: true, strictRequired: false };
        const plain = new Ajv2020({ ...options, validateFormats: false });
        const formats = new Ajv2020(options);
        addFormats(formats);
        validators[kind] = [plain.compile(schema), formats.compile(schema)];
    }
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
    let answer;
    try {
        const message = JSON.parse(line);
        if (message.schemas) {
            compile(message.schemas);
            answer = { version: require("ajv/package.json").version };
        } else {
            const [plain, formats] = validators[message.kind];
            answer = {
                verdicts: message.instances.map((instance) => [
                    plain(instance),
                    formats(instance),
                ]),
            };
        }
    } catch (error) {
        answer = { error: String(error && error.stack ? error.stack : error) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
});
