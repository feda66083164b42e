#!/usr/bin/env node
// Models for a client, made by @asyncapi/modelina from one AsyncAPI document.
//
// stdin: JSON {"spec": "<document text>", "lang": "typescript" | "python"}
// stdout: JSON {"models": [{"name", "code", "title", "schemaId"}]}, one entry per model, sorted by
// name; `title` and `schemaId` (the component key, when there is one) say which schema it is, so
// the caller can name a message's payload type without guessing Modelina's naming.
// exit 1 with the parser's errors on stderr when the document is rejected.
'use strict';

const { Parser } = require('@asyncapi/parser');
const modelina = require('@asyncapi/modelina');

// Additional properties are not modelled: Modelina would add a property literally called
// `additionalProperties` to every object, which no frame on the wire carries.
const PROCESSOR_OPTIONS = { interpreter: { ignoreAdditionalProperties: true } };

// Modelina 5.10's Pydantic preset writes a `const` as `default=''value''` (a syntax error) and a
// plain `str` type. This preset renders every property itself: a const becomes a Literal with
// its default, strings are written with JSON quoting (valid Python), and aliases keep the wire
// name of properties Modelina renamed.
const PYDANTIC_PROPERTIES = {
  class: {
    property({ property, renderer, model }) {
      const options = property.property.options || {};
      const optional = !property.required || options.isNullable === true;
      const args = [];
      let type = property.property.type;
      if (options.const) {
        renderer.dependencyManager.addDependency('from typing import Literal');
        const value = JSON.stringify(options.const.originalInput);
        type = `Literal[${value}]`;
        args.push(`default=${value}`);
      } else if (optional) {
        type = `Optional[${type}]`;
        args.push('default=None');
      }
      const description = property.property.originalInput && property.property.originalInput.description;
      if (typeof description === 'string') {
        args.push(`description=${JSON.stringify(description)}`);
      }
      if (property.propertyName !== property.unconstrainedPropertyName) {
        args.push(`alias=${JSON.stringify(property.unconstrainedPropertyName)}`);
      }
      type = renderer.renderPropertyType({ modelType: model.type, propertyType: type });
      return `${property.propertyName}: ${type} = Field(${args.join(', ')})`;
    },
  },
};

function generator(lang) {
  if (lang === 'typescript') {
    return new modelina.TypeScriptGenerator({
      modelType: 'interface',
      enumType: 'union',
      mapType: 'record',
      rawPropertyNames: true,
      processorOptions: PROCESSOR_OPTIONS,
    });
  }
  if (lang === 'python') {
    return new modelina.PythonGenerator({
      processorOptions: PROCESSOR_OPTIONS,
      presets: [modelina.PYTHON_PYDANTIC_PRESET, PYDANTIC_PROPERTIES],
    });
  }
  throw new Error(`unknown language ${lang}`);
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const { spec, lang } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const parser = new Parser({ ruleset: { rules: { 'asyncapi-latest-version': 'off' } } });
  const { document, diagnostics } = await parser.parse(spec);
  if (!document) {
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`);
    process.stderr.write(`the AsyncAPI parser rejected the document:\n${errors.join('\n')}\n`);
    process.exit(1);
  }
  const outputs = await generator(lang).generate(document);
  const models = outputs.map((output) => {
    const input = output.model.originalInput || {};
    return {
      name: output.modelName,
      code: output.result,
      title: typeof input.title === 'string' ? input.title : null,
      schemaId: typeof input['x-parser-schema-id'] === 'string' ? input['x-parser-schema-id'] : null,
    };
  });
  models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  process.stdout.write(JSON.stringify({ models }));
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + '\n');
  process.exit(1);
});
