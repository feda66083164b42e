#!/usr/bin/env node
// Generate TypeScript with @asyncapi/modelina from one AsyncAPI document, as a code generator
// user would, and list the files it wrote.
//
// usage: node modelina_check.js SPEC.yaml OUTDIR
// stdout: JSON {"files": ["RequestRidePayload.ts", ...]} (sorted); exit 1 if the parser rejects
// the document or generation fails.
'use strict';

const fs = require('fs');
const path = require('path');
const { Parser } = require('@asyncapi/parser');
const { TypeScriptFileGenerator } = require('@asyncapi/modelina');

async function main() {
  const [specPath, outDir] = process.argv.slice(2);
  if (!specPath || !outDir) {
    throw new Error('usage: node modelina_check.js SPEC.yaml OUTDIR');
  }
  const parser = new Parser({ ruleset: { rules: { 'asyncapi-latest-version': 'off' } } });
  const { document, diagnostics } = await parser.parse(fs.readFileSync(specPath, 'utf8'));
  if (!document) {
    throw new Error('parser rejected the document: ' + JSON.stringify(diagnostics.filter((d) => d.severity === 0)));
  }
  const generator = new TypeScriptFileGenerator({ modelType: 'interface', enumType: 'union', mapType: 'record' });
  await generator.generateToFiles(document, outDir, { exportType: 'named' }, true);
  const files = fs.readdirSync(outDir).filter((name) => name.endsWith('.ts')).sort();
  process.stdout.write(JSON.stringify({ files }));
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + '\n');
  process.exit(1);
});
