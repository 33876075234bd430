// ajv 8 as a validator the schema tests talk to (tests/schema/implementations.py).
// One JSON value a line on standard input, one answer a line on standard output:
//   {"version": true}                        -> {"version": "8.x.y"}
//   {"add": "envelope", "schema": {...}}     -> {}
//   {"run": "envelope", "instances": [...]}  -> {"verdicts": [[plain, formats], ...]}
// "plain" is ajv without format assertion, "formats" with ajv-formats (full mode).
// Exits with status 3 and one line on standard error when ajv or ajv-formats is absent.
"use strict";

let Ajv2020, addFormats;
try {
    Ajv2020 = require("ajv/dist/2020");
    addFormats = require("ajv-formats");
} catch (error) {
    const reason = error.message.split("\n")[0];
    process.stderr.write(`ajv 8 and ajv-formats are not installed: ${reason}\n`);
    process.exit(3);
}

// Strict: each schema compiles without a complaint of ajv's strict mode (but
// strictRequired, which ajv leaves off by default too). The "u" flag on patterns
// is ajv's default, as Draft 2020-12 asks.
const options = { strict: true, strictRequired: false };
const validators = {};

function answer(message) {
    if (message.version) {
        return { version: require("ajv/package.json").version };
    }
    if (message.add) {
        const plain = new Ajv2020({ ...options, validateFormats: false });
        const formats = new Ajv2020(options);
        addFormats(formats);
        validators[message.add] = [plain.compile(message.schema), formats.compile(message.schema)];
        return {};
    }
    const [plain, formats] = validators[message.run];
    return { verdicts: message.instances.map((value) => [plain(value), formats(value)]) };
}

const lines = require("readline").createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
    let reply;
    try {
        reply = answer(JSON.parse(line));
    } catch (error) {
        reply = { error: String(error && error.stack ? error.stack : error) };
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
});
