#!/usr/bin/env node
// Run the official @asyncapi/parser on many documents in one process (its start-up costs ~2.5 s).
//
// stdin: JSON list of jobs, each {"path": "/abs/file.yaml"} or {"text": "...", "source": "/abs/x.yaml"}.
// stdout: JSON list of results in the same order, each {"source", "diagnostics": [{code, severity,
// path, line, column, message}]} with 1-based line/column and severity as a name.
//
// Remote (http/https) references are never fetched: the readers the parser uses for them are
// replaced before the parser is loaded, so such a reference becomes an unresolved-ref diagnostic.
// The `asyncapi-latest-version` info is switched off (3.0.0 documents are deliberate here).
'use strict';

const fs = require('fs');
const path = require('path');

const parserDir = path.dirname(require.resolve('@asyncapi/parser/package.json'));
const readers = require(require.resolve('@stoplight/json-ref-readers', { paths: [parserDir] }));
readers.resolveHttp = async (ref) => {
  throw new Error(`remote reference not fetched by the test harness: ${ref.href()}`);
};

const { Parser } = require('@asyncapi/parser');

const SEVERITY = ['error', 'warning', 'info', 'hint'];

function toDict(diagnostic) {
  const start = (diagnostic.range && diagnostic.range.start) || { line: 0, character: 0 };
  return {
    code: String(diagnostic.code),
    severity: SEVERITY[diagnostic.severity] || String(diagnostic.severity),
    path: (diagnostic.path || []).map(String),
    line: start.line + 1,
    column: start.character + 1,
    message: diagnostic.message,
    source: diagnostic.source || null,
  };
}

async function main() {
  const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
  const parser = new Parser({ ruleset: { rules: { 'asyncapi-latest-version': 'off' } } });
  const results = [];
  for (const job of jobs) {
    const source = path.resolve(job.source || job.path);
    let diagnostics;
    try {
      const text = job.text !== undefined ? job.text : fs.readFileSync(source, 'utf8');
      const output = await parser.parse(text, { source });
      diagnostics = output.diagnostics.map(toDict);
    } catch (err) {
      diagnostics = [{ code: 'harness-exception', severity: 'error', path: [], line: 1, column: 1,
        message: String(err && err.stack || err), source }];
    }
    results.push({ source, diagnostics });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
