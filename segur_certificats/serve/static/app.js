// The page of `segur-certificats serve` (docs: serve.md#the-page).
// No inline script nor style: every node is built here with textContent and CSS
// classes, every message comes from the server's API in the language asked.
"use strict";

(function () {
  const T = {
    fr: {
      skip: "Aller au contenu",
      title: "Certificats serveur Ségur — MS1 et MS2",
      nav: "Outils",
      loading: "",
      "check.title": "Vérifier une demande",
      "check.intro": "Choisissez ou déposez le JSON d'une demande, ou le document de votre logiciel : chaque problème est montré à sa ligne et à son champ.",
      "check.kind": "Le document est",
      "check.kind.request": "une demande (l'enveloppe JSON de segur-certificats)",
      "check.kind.embedded": "le document de mon logiciel (ses blocs sont trouvés où qu'ils soient)",
      "check.file": "Fichier JSON",
      drop: "… ou déposez le fichier dans ce cadre.",
      "check.text": "… ou collez son texte",
      context: "Ce que dit la demande (facultatif)",
      "ctx.couloir": "Couloir",
      "ctx.type": "Type de demande",
      "ctx.unknown": "non dit",
      "ctx.depot": "Date de dépôt",
      "ctx.modification": "Date de modification",
      "check.submit": "Vérifier",
      "check.nothing": "Choisissez un fichier ou collez un texte.",
      "collect.title": "Collecter les administrateurs",
      "collect.intro": "Envoyez à vos clients le modèle de tableur, une ligne par entité juridique ; déposez la feuille remplie : les cellules en erreur sont signalées, et la demande complétée se télécharge quand aucune erreur ne reste.",
      "template.title": "1. Le modèle à remplir",
      "template.request": "La demande (facultatif : une ligne par entité juridique)",
      "template.format": "Format",
      "template.submit": "Télécharger le modèle",
      "template.done": "Modèle téléchargé : ",
      "import.title": "2. La feuille remplie",
      "import.sheet": "Feuille remplie (.xlsx ou .csv)",
      "import.request": "La demande à compléter (JSON)",
      "import.drop": "… ou déposez la feuille et la demande ensemble dans ce cadre.",
      "import.embedded": "la demande est le document de mon logiciel",
      "import.submit": "Lire la feuille",
      "import.nosheet": "Choisissez la feuille remplie.",
      "import.download": "Télécharger la demande complétée",
      "import.download.entities": "Télécharger les entités (JSON)",
      "import.fix": "Corrigez les cellules signalées dans le tableur, puis déposez la feuille à nouveau : la demande se télécharge quand aucune erreur ne reste.",
      "import.ready": "Aucune erreur : la demande est prête.",
      "explore.title": "Explorer les scénarios",
      "explore.intro": "Les trois réponses d'une commande donnent la ligne du tableau, et disent si le numéro de carte CPX est obligatoire.",
      yes: "Oui",
      no: "Non",
      unanswered: "sans réponse",
      editeur: "Editeur",
      structure: "Structure",
      footer: "Tout reste sur cette machine. API JSON décrite par",
      summary: (e, w) => (e || w ? `${e} erreur(s), ${w} avertissement(s)` : "Aucun problème."),
      ok: "Valide : aucune erreur.",
      notok: "Invalide : corrigez les erreurs.",
      "screen.caption": "Information sur le(s) administrateur(s) technique(s)",
      "screen.entity": "Entité",
      "screen.none": "Aucune entité juridique lue.",
      "screen.document": "Problèmes du document",
      "problems.caption": "Les problèmes, dans l'ordre du document",
      "problems.where": "Où",
      "problems.path": "Chemin",
      "problems.code": "Code",
      "problems.severity": "Gravité",
      "problems.message": "Message",
      error: "erreur",
      warning: "avertissement",
      line: (l, c) => `ligne ${l}, colonne ${c}`,
      "sheet.caption": "La feuille, cellules en erreur signalées",
      "sheet.others": "Problèmes de la feuille",
      "sheet.row": "Ligne",
      "card.mandatory": "Numéro de carte CPX OBLIGATOIRE",
      "card.optional": "Numéro de carte CPX FACULTATIF",
      "card.null": "Pas de commande : tout le bloc est null",
      "card.undecided": "Pas encore décidé : il manque une réponse",
      "scenarios.caption": "Scénarios de commande d'un certificat serveur",
      "scenarios.row": "Ligne",
      "scenarios.here": "◀ ce cas",
      words: { true: "TRUE", false: "FALSE", null: "NULL", mandatory: "OBLIGATOIRE", optional: "FACULTATIF" },
      failed: "Le serveur ne répond pas.",
      switchTo: "English",
      switchLang: "en",
    },
    en: {
      skip: "Skip to content",
      title: "Ségur server certificates — MS1 and MS2",
      nav: "Tools",
      loading: "",
      "check.title": "Check a request",
      "check.intro": "Choose or drop a request's JSON, or your software's own document: each problem is shown at its line and field.",
      "check.kind": "The document is",
      "check.kind.request": "a request (segur-certificats' JSON envelope)",
      "check.kind.embedded": "my software's document (its blocks are found wherever they stand)",
      "check.file": "JSON file",
      drop: "… or drop the file in this frame.",
      "check.text": "… or paste its text",
      context: "What the request is (optional)",
      "ctx.couloir": "Corridor",
      "ctx.type": "Request type",
      "ctx.unknown": "not said",
      "ctx.depot": "Filing date",
      "ctx.modification": "Modification date",
      "check.submit": "Check",
      "check.nothing": "Choose a file or paste a text.",
      "collect.title": "Collect the administrators",
      "collect.intro": "Send your customers the spreadsheet template, one row per legal entity; drop the filled sheet: the cells in error are shown, and the completed request downloads once no error remains.",
      "template.title": "1. The template to fill in",
      "template.request": "The request (optional: one row per legal entity)",
      "template.format": "Format",
      "template.submit": "Download the template",
      "template.done": "Template downloaded: ",
      "import.title": "2. The filled sheet",
      "import.sheet": "Filled sheet (.xlsx or .csv)",
      "import.request": "The request to complete (JSON)",
      "import.drop": "… or drop the sheet and the request together in this frame.",
      "import.embedded": "the request is my software's own document",
      "import.submit": "Read the sheet",
      "import.nosheet": "Choose the filled sheet.",
      "import.download": "Download the completed request",
      "import.download.entities": "Download the entities (JSON)",
      "import.fix": "Fix the cells shown in the spreadsheet, then drop the sheet again: the request downloads once no error remains.",
      "import.ready": "No error: the request is ready.",
      "explore.title": "Explore the scenarios",
      "explore.intro": "An order's three answers give the row of the table, and say whether the CPx card number is mandatory.",
      yes: "Yes",
      no: "No",
      unanswered: "no answer",
      editeur: "Editor",
      structure: "Structure",
      footer: "Everything stays on this machine. JSON API described by",
      summary: (e, w) => (e || w ? `${e} error(s), ${w} warning(s)` : "No problem."),
      ok: "Valid: no error.",
      notok: "Invalid: fix the errors.",
      "screen.caption": "The technical administrators",
      "screen.entity": "Entity",
      "screen.none": "No legal entity read.",
      "screen.document": "Problems of the document",
      "problems.caption": "The problems, in the document's order",
      "problems.where": "Where",
      "problems.path": "Path",
      "problems.code": "Code",
      "problems.severity": "Severity",
      "problems.message": "Message",
      error: "error",
      warning: "warning",
      line: (l, c) => `line ${l}, column ${c}`,
      "sheet.caption": "The sheet, cells in error shown",
      "sheet.others": "Problems of the sheet",
      "sheet.row": "Row",
      "card.mandatory": "CPx card number MANDATORY",
      "card.optional": "CPx card number OPTIONAL",
      "card.null": "No order: the whole block is null",
      "card.undecided": "Not decided yet: an answer is missing",
      "scenarios.caption": "Scenarios of a server-certificate order",
      "scenarios.row": "Row",
      "scenarios.here": "◀ this case",
      words: { true: "TRUE", false: "FALSE", null: "NULL", mandatory: "MANDATORY", optional: "OPTIONAL" },
      failed: "The server does not answer.",
      switchTo: "Français",
      switchLang: "fr",
    },
  };

  const state = { lang: "fr", vocab: null, last: {} };
  const $ = (id) => document.getElementById(id);
  const t = (key) => {
    const own = T[state.lang][key];
    return own === undefined ? T.fr[key] : own;
  };

  // -- building nodes ------------------------------------------------------------------

  function el(tag, options, children) {
    const node = document.createElement(tag);
    const opts = options || {};
    if (opts.className) node.className = opts.className;
    if (opts.text !== undefined) node.textContent = opts.text;
    for (const [name, value] of Object.entries(opts.attrs || {})) node.setAttribute(name, value);
    for (const child of children || []) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function table(caption, headers, rows, className) {
    const head = el("tr", {}, headers.map((h) => (h instanceof Node ? h : el("th", { text: h, attrs: { scope: "col" } }))));
    return el("div", { className: "scroll" }, [
      el("table", { className }, [el("caption", { text: caption }), el("thead", {}, [head]), el("tbody", {}, rows)]),
    ]);
  }

  function notice(text, className) {
    return el("p", { className: "notice " + (className || ""), text, attrs: { role: "status" } });
  }

  // -- talking to the server -------------------------------------------------------------

  async function call(method, path, params, body, headers) {
    const query = new URLSearchParams(params || {});
    query.set("lang", state.lang);
    const response = await fetch(`${path}?${query}`, { method, body, headers: headers || {} });
    const type = response.headers.get("content-type") || "";
    if (type.includes("json")) return { response, data: await response.json() };
    return { response, data: null };
  }

  /** The JSON an API answered, or null once its refusal is shown in `target`. */
  async function answered(target, method, path, params, body, headers) {
    let answer;
    try {
      answer = await call(method, path, params, body, headers);
    } catch (_error) {
      refusal(target, null);
      return null;
    }
    if (!answer.response.ok) {
      refusal(target, answer.data);
      return null;
    }
    return answer.data;
  }

  function refusal(target, data) {
    clear(target);
    const text = data && data.detail ? data.detail : t("failed");
    target.append(el("p", { className: "notice bad", text, attrs: { role: "alert" } }));
  }

  function download(content, name, type) {
    const blob = content instanceof Blob ? content : new Blob([content], { type });
    const url = URL.createObjectURL(blob);
    const link = el("a", { attrs: { href: url, download: name } });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // -- showing problems ------------------------------------------------------------------

  function counts(problems) {
    const errors = problems.filter((p) => p.severity === "error").length;
    return [errors, problems.length - errors];
  }

  function summary(report) {
    const [errors, warnings] = counts(report.problems);
    return el("div", { className: "summary " + (report.ok ? "good" : "bad") }, [
      el("p", { className: "verdict", text: report.ok ? t("ok") : t("notok") }),
      el("p", { className: "counts", text: t("summary")(errors, warnings), attrs: { "data-errors": String(errors), "data-warnings": String(warnings) } }),
    ]);
  }

  function messages(problems) {
    return el(
      "ul",
      { className: "messages" },
      problems.map((p) => el("li", { className: p.severity, text: `[${p.code}] ${p.message}` }))
    );
  }

  function where(p) {
    if (p.cell) return p.cell;
    if (p.line) return t("line")(p.line, p.column);
    return "";
  }

  function problemsTable(problems) {
    const rows = problems.map((p) =>
      el("tr", { className: p.severity, attrs: { "data-code": p.code, "data-path": p.path } }, [
        el("td", { text: where(p) }),
        el("td", {}, [el("code", { text: p.path || "/" })]),
        el("td", {}, [el("code", { text: p.code })]),
        el("td", { className: "severity", text: t(p.severity) }),
        el("td", { text: p.message }),
      ])
    );
    const headers = ["problems.where", "problems.path", "problems.code", "problems.severity", "problems.message"].map(t);
    return table(t("problems.caption"), headers, rows, "problems");
  }

  function marked(td, problems) {
    if (!problems.length) return td;
    const error = problems.some((p) => p.severity === "error");
    td.classList.add(error ? "cell-error" : "cell-warning");
    td.setAttribute("data-problems", problems.map((p) => p.code).join(" "));
    td.append(el("span", { className: "mark", text: error ? " ⚠ " : " ⓘ " }), messages(problems));
    return td;
  }

  // -- the consultation screen -----------------------------------------------------------

  function unescapeToken(token) {
    return token.replace(/~1/g, "/").replace(/~0/g, "~");
  }

  function resolve(documentValue, pointer) {
    let value = documentValue;
    for (const token of pointer.split("/").slice(1).map(unescapeToken)) {
      if (value === null || typeof value !== "object") return undefined;
      value = Object.prototype.hasOwnProperty.call(value, token) ? value[token] : undefined;
    }
    return value;
  }

  function shownValue(value, coded) {
    const vocab = state.vocab;
    if (value === undefined || value === null) return "";
    if (value === true) return vocab.yes;
    if (value === false) return vocab.no;
    if (typeof value === "string") return coded && vocab.codes[value] ? vocab.codes[value] : value;
    return JSON.stringify(value);
  }

  function under(path, prefix) {
    return path === prefix || path.startsWith(prefix + "/");
  }

  function screen(parsed, entities, problems) {
    const columns = state.vocab.columns;
    const placed = new Set();
    const rows = entities.map((pointer) => {
      const entity = resolve(parsed, pointer);
      const own = problems.filter((p) => under(p.path, pointer));
      const cells = columns.map((column) => {
        const here = own.filter((p) => under(p.path.slice(pointer.length), column.path));
        here.forEach((p) => placed.add(p));
        const td = el("td", { attrs: { "data-path": pointer + column.path } });
        td.append(el("span", { className: "value", text: shownValue(resolve(entity, column.path), column.coded) }));
        return marked(td, here);
      });
      const rest = own.filter((p) => !placed.has(p));
      rest.forEach((p) => placed.add(p));
      const head = marked(el("th", { attrs: { scope: "row" } }, [el("code", { text: pointer })]), rest);
      return el("tr", { attrs: { "data-entity": pointer } }, [head, ...cells]);
    });
    const parts = [];
    const outside = problems.filter((p) => !placed.has(p));
    if (outside.length) {
      parts.push(el("h3", { text: t("screen.document") }), messages(outside));
    }
    if (rows.length) {
      const headers = [t("screen.entity"), ...columns.map((c) => c.label)];
      parts.push(table(t("screen.caption"), headers, rows, "screen"));
    } else {
      parts.push(notice(t("screen.none")));
    }
    return parts;
  }

  // -- 1. checking a request -------------------------------------------------------------

  function parsedOrNull(text) {
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (_error) {
      return null;
    }
  }

  async function check(event) {
    if (event) event.preventDefault();
    const target = $("check-result");
    const file = $("check-file").files[0];
    const text = file ? await file.text() : $("check-text").value;
    const body = file ? file : text;
    if (!text.trim() && !file) {
      clear(target);
      target.append(notice(t("check.nothing"), "bad"));
      return;
    }
    const embedded = document.querySelector("input[name=check-kind]:checked").value === "embedded";
    const params = {};
    if (embedded) {
      const names = state.vocab.context;
      ["ctx-couloir", "ctx-type", "ctx-depot", "ctx-modification"].forEach((id, index) => {
        const value = $(id).value.trim();
        if (value) params[names[index]] = value;
      });
    }
    const path = embedded ? "/api/v1/validate-embedded" : "/api/v1/validate";
    const report = await answered(target, "POST", path, params, body, { "content-type": "application/json" });
    if (report === null) return;
    state.last.check = check;
    const parsed = parsedOrNull(text);
    let entities = [];
    if (embedded) {
      entities = report.blocks.map((b) => b.path);
    } else if (parsed && Array.isArray(parsed[state.vocab.entities])) {
      entities = parsed[state.vocab.entities].map((_e, i) => `/${state.vocab.entities}/${i}`);
    }
    clear(target);
    target.append(summary(report), ...(parsed === null ? [] : screen(parsed, entities, report.problems)));
    if (report.problems.length) target.append(problemsTable(report.problems));
  }

  // -- 2. collecting the administrators --------------------------------------------------

  function filename(response, fallback) {
    const found = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    return found ? found[1] : fallback;
  }

  async function template(event) {
    event.preventDefault();
    const target = $("collect-result");
    const file = $("template-request").files[0];
    const format = $("template-format").value;
    const params = { format };
    if ($("import-embedded").checked) params.embedded = "true";
    let answer;
    try {
      answer = await call("POST", "/api/v1/sheets/template", params, file || "", { "content-type": "application/json" });
    } catch (_error) {
      refusal(target, null);
      return;
    }
    clear(target);
    if (answer.response.status === 422 && answer.data && answer.data.problems) {
      target.append(summary(answer.data), problemsTable(answer.data.problems));
      return;
    }
    if (!answer.response.ok) {
      refusal(target, answer.data);
      return;
    }
    const name = filename(answer.response, `administrateurs.${format}`);
    download(await answer.response.blob(), name);
    target.append(notice(t("template.done") + name, "good"));
  }

  function letter(index) {
    let name = "";
    let n = index + 1;
    while (n > 0) {
      const m = (n - 1) % 26;
      name = String.fromCharCode(65 + m) + name;
      n = Math.floor((n - 1) / 26);
    }
    return name;
  }

  function sheetTable(report) {
    const byCell = new Map();
    for (const p of report.problems) {
      if (!p.cell) continue;
      if (!byCell.has(p.cell)) byCell.set(p.cell, []);
      byCell.get(p.cell).push(p);
    }
    const shown = new Set();
    const take = (name) => {
      shown.add(name);
      return byCell.get(name) || [];
    };
    const width = Math.max(report.header.length, ...report.rows.map((r) => r.cells.length));
    const letters = Array.from({ length: width }, (_v, i) => letter(i));
    const headers = [
      el("th", { text: t("sheet.row"), attrs: { scope: "col" } }),
      ...letters.map((l, i) => marked(el("th", { attrs: { scope: "col", "data-cell": `${report.sheet}!${l}1` } }, [el("span", { className: "letter", text: l + " " }), el("span", { text: report.header[i] || "" })]), take(`${report.sheet}!${l}1`))),
    ];
    const rows = report.rows.map((row) => {
      const head = marked(el("th", { text: String(row.row), attrs: { scope: "row" } }), take(`${report.sheet}!${row.row}:${row.row}`));
      const cells = letters.map((l, i) => {
        const name = `${report.sheet}!${l}${row.row}`;
        const td = el("td", { attrs: { "data-cell": name } }, [el("span", { className: "value", text: row.cells[i] || "" })]);
        return marked(td, take(name));
      });
      return el("tr", {}, [head, ...cells]);
    });
    const others = report.problems.filter((p) => !p.cell || !shown.has(p.cell));
    const parts = [];
    if (others.length) parts.push(el("h3", { text: t("sheet.others") }), messages(others));
    parts.push(table(t("sheet.caption"), headers, rows, "sheet"));
    return parts;
  }

  async function importSheet(event) {
    if (event) event.preventDefault();
    const target = $("collect-result");
    const sheet = $("import-sheet").files[0];
    const request = $("import-request").files[0];
    if (!sheet) {
      clear(target);
      target.append(notice(t("import.nosheet"), "bad"));
      return;
    }
    const form = new FormData();
    form.append("sheet", sheet, sheet.name);
    if (request) form.append("request", request, request.name);
    if ($("import-embedded").checked) form.append("embedded", "true");
    const report = await answered(target, "POST", "/api/v1/sheets/import", {}, form);
    if (report === null) return;
    state.last.collect = importSheet;
    clear(target);
    target.append(summary(report));
    if (report.written !== null) {
      const name = request ? request.name : "entites.json";
      const button = el("button", { text: request ? t("import.download") : t("import.download.entities"), attrs: { type: "button", id: "download-request" } });
      button.addEventListener("click", () => download(report.written, name, "application/json"));
      target.append(notice(t("import.ready"), "good"), button);
    } else {
      target.append(notice(t("import.fix"), "bad"));
    }
    target.append(...sheetTable(report));
  }

  // -- 3. exploring the scenarios --------------------------------------------------------

  function word(value) {
    const words = t("words");
    if (value === null) return words.null;
    if (value === true || value === false) return words[String(value)];
    return words[value] || String(value);
  }

  async function explore() {
    const target = $("explore-result");
    const names = state.vocab.answers;
    const params = {};
    names.forEach((name, index) => {
      const checked = document.querySelector(`input[name=answer-${index}]:checked`);
      if (checked && checked.value) params[name] = checked.value;
    });
    const result = await answered(target, "GET", "/api/v1/scenarios", params);
    if (result === null) return;
    state.last.explore = explore;
    const verdict = result.card ? t(`card.${result.card}`) : t("card.undecided");
    const labels = names.map((n) => state.vocab.columns.find((c) => c.path === "/" + n).label);
    const headers = [t("scenarios.row"), state.vocab.ordersLabel, ...labels, state.vocab.cardLabel, ""];
    const rows = result.rows.map((row) => {
      const here = row.number === result.row;
      const cells = [row.number, row[state.vocab.orders], ...names.map((n) => row[n]), row.card].map((v, i) =>
        el("td", { text: i === 0 ? String(v) : word(v) })
      );
      cells.push(el("td", { text: here ? t("scenarios.here") : "" }));
      const tr = el("tr", { className: here ? "highlight" : "", attrs: { "data-row": String(row.number) } }, cells);
      if (here) tr.setAttribute("aria-current", "true");
      return tr;
    });
    clear(target);
    target.append(
      el("p", { className: "verdict card-" + (result.card || "undecided"), text: verdict }),
      el("p", { className: "explanation", text: result.explanation }),
      table(t("scenarios.caption"), headers, rows, "scenarios")
    );
  }

  // -- dropping files --------------------------------------------------------------------

  function dropZone(zone, route) {
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      const files = Array.from((event.dataTransfer && event.dataTransfer.files) || []);
      route(files);
    });
  }

  function put(input, file) {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
  }

  // -- the language ----------------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    for (const node of document.querySelectorAll("[data-i18n]")) {
      const text = t(node.getAttribute("data-i18n"));
      if (typeof text === "string") node.textContent = text;
    }
    const button = $("lang-switch");
    button.textContent = t("switchTo");
    button.setAttribute("lang", t("switchLang"));
    if (state.vocab) {
      ["answer-og", "answer-statut", "answer-editeur"].forEach((id, index) => {
        const column = state.vocab.columns.find((c) => c.path === "/" + state.vocab.answers[index]);
        if (column) $(id).textContent = column.label;
      });
    }
  }

  function switchLanguage() {
    state.lang = state.lang === "fr" ? "en" : "fr";
    try {
      localStorage.setItem("segur-lang", state.lang);
    } catch (_error) {
      // storage refused: the choice lasts until the page is left
    }
    applyLanguage();
    for (const again of Object.values(state.last)) again();
  }

  // -- start -----------------------------------------------------------------------------

  async function start() {
    try {
      const saved = localStorage.getItem("segur-lang");
      if (saved === "en" || saved === "fr") state.lang = saved;
    } catch (_error) {
      // no storage: French
    }
    const answer = await call("GET", "/api/v1/vocabulary", {});
    state.vocab = answer.data;
    applyLanguage();
    $("no-script").hidden = true;
    $("lang-switch").addEventListener("click", switchLanguage);
    for (const radio of document.querySelectorAll("input[name=check-kind]")) {
      radio.addEventListener("change", () => {
        $("check-context").hidden = document.querySelector("input[name=check-kind]:checked").value !== "embedded";
      });
    }
    $("check-form").addEventListener("submit", check);
    $("template-form").addEventListener("submit", template);
    $("import-form").addEventListener("submit", importSheet);
    $("explore-form").addEventListener("change", explore);
    $("explore-form").addEventListener("submit", (event) => event.preventDefault());
    dropZone($("check-drop"), (files) => {
      if (files[0]) {
        put($("check-file"), files[0]);
        check();
      }
    });
    dropZone($("import-drop"), (files) => {
      for (const file of files) {
        put(/\.json$/i.test(file.name) ? $("import-request") : $("import-sheet"), file);
      }
      if ($("import-sheet").files[0]) importSheet();
    });
    explore();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
