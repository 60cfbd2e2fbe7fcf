// Validate documents with the language servers that editors run, offline, and print what they say.
//
// usage:  node diagnose.mjs INSTALL_DIR < job.json   (INSTALL_DIR holds the node_modules that
//         `npm ci` made from this folder's package-lock.json)
// stdin:  {"schemaUri": "file:///...", "schemaText": "...", "yamlFileMatch": [...],
//          "jsonFileMatch": [...], "documents": [{"name", "uri", "language": "yaml"|"json", "text"}]}
// stdout: {"<name>": [{"line", "character", "endLine", "endCharacter", "severity", "message",
//          "source"}, ...]} with LSP positions (0-based) and LSP severities (1 error, 2 warning).
//
// The schema is handed over as text: a request for its URI is answered from schemaText and any
// other request fails, so nothing is ever fetched. The file associations are the ones the README
// tells users to put in their editor settings.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

// The packages live in a git-ignored install folder, not beside this script, so load them from there.
const require = createRequire(resolve(process.argv[2], "package.json"));
const { getLanguageService: getJsonService } = require("vscode-json-languageservice");
const { TextDocument } = require("vscode-languageserver-textdocument");
const { getLanguageService: getYamlService } = require(
  "yaml-language-server/lib/umd/languageservice/yamlLanguageService",
);

const job = JSON.parse(readFileSync(0, "utf8"));

function requestSchema(uri) {
  if (uri === job.schemaUri) return Promise.resolve(job.schemaText);
  return Promise.reject(new Error(`offline: no schema at ${uri}`));
}

const workspaceContext = { resolveRelativePath: (relative, resource) => new URL(relative, resource).href };

const yaml = getYamlService({ schemaRequestService: requestSchema, workspaceContext });
yaml.configure({
  validate: true,
  hover: false,
  completion: false,
  format: false,
  schemas: [{ uri: job.schemaUri, fileMatch: job.yamlFileMatch }],
});

const json = getJsonService({ schemaRequestService: requestSchema, workspaceContext });
json.configure({ validate: true, allowComments: false, schemas: [{ uri: job.schemaUri, fileMatch: job.jsonFileMatch }] });

// What VS Code's JSON support passes for files of the "json" language (not "jsonc"); schema
// problems keep the service's default severity, as there.
const JSON_DOCUMENT_SETTINGS = { comments: "error", trailingCommas: "error" };

async function diagnose({ uri, language, text }) {
  const document = TextDocument.create(uri, language, 1, text);
  if (language === "yaml") return yaml.doValidation(document, false);
  return json.doValidation(document, json.parseJSONDocument(document), JSON_DOCUMENT_SETTINGS);
}

const results = {};
for (const document of job.documents) {
  results[document.name] = (await diagnose(document)).map(({ range, severity, message, source }) => ({
    line: range.start.line,
    character: range.start.character,
    endLine: range.end.line,
    endCharacter: range.end.character,
    severity,
    message,
    source: source ?? null,
  }));
}
process.stdout.write(JSON.stringify(results, null, 1));
