#!/usr/bin/env node
// Run the official @asyncapi/diff on many document pairs in one process, the way `asyncapi diff`
// does: parse both with @asyncapi/parser (which dereferences them), then diff the parsed JSON.
//
// stdin: JSON list of jobs {"old": "...", "new": "...", "oldSource": "/abs/old.yaml", "newSource": "/abs/new.yaml"}.
// stdout: JSON list of results in the same order, each {"breaking": [paths], "nonBreaking": [paths],
// "unclassified": [paths]} or {"error": "..."} when a side does not parse.
'use strict';

const fs = require('fs');
const { Parser } = require('@asyncapi/parser');
const { diff } = require('@asyncapi/diff');

async function parsed(parser, text, source) {
  const output = await parser.parse(text, { source });
  if (!output.document) {
    const errors = output.diagnostics.filter((d) => d.severity === 0).map((d) => d.message);
    throw new Error(`${source} does not parse: ${errors.join('; ')}`);
  }
  return output.document.json();
}

async function main() {
  const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
  const parser = new Parser({ ruleset: { rules: { 'asyncapi-latest-version': 'off' } } });
  const results = [];
  for (const job of jobs) {
    try {
      const first = await parsed(parser, job.old, job.oldSource);
      const second = await parsed(parser, job.new, job.newSource);
      const output = diff(first, second);
      const paths = (changes) => changes.map((change) => `${change.action} ${change.path}`);
      results.push({
        breaking: paths(output.breaking()),
        nonBreaking: paths(output.nonBreaking()),
        unclassified: paths(output.unclassified()),
      });
    } catch (err) {
      results.push({ error: String(err && err.message || err) });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
