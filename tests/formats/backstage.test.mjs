// The Backstage descriptors `catalogue export-backstage` writes pass Backstage's own entity
// schemas (crates/catalogue-core/tests/fixtures/backstage/schema), each document against
// the schema of its kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { catalogue, ROOT } from './run.mjs';

const SCHEMA = join(ROOT, 'crates/catalogue-core/tests/fixtures/backstage/schema');

/// A validator per kind, with every schema registered under its `$id` (they refer to
/// each other by it).
function validators() {
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  const files = [...readdirSync(SCHEMA), ...readdirSync(join(SCHEMA, 'shared')).map((f) => `shared/${f}`), ...readdirSync(join(SCHEMA, 'kinds')).map((f) => `kinds/${f}`)];
  const kinds = {};
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(SCHEMA, file), 'utf8'));
    ajv.addSchema(schema);
    if (file.startsWith('kinds/')) kinds[file.slice(6).split('.')[0]] = schema.$id;
  }
  return (kind) => ajv.getSchema(kinds[kind]);
}

test("the demo catalogue's descriptors pass Backstage's schemas, each of its kind", () => {
  const out = catalogue('export-backstage', join(ROOT, 'public/catalogue.json'));
  assert.equal(out.code, 0, out.stderr);
  const docs = parseAllDocuments(out.stdout).map((d) => d.toJSON());
  const demo = JSON.parse(readFileSync(join(ROOT, 'public/catalogue.json'), 'utf8'));
  assert.equal(docs.length, demo.services.length + demo.parties.length);
  const schemaOf = validators();
  const kinds = new Set();
  for (const doc of docs) {
    kinds.add(doc.kind);
    const validate = schemaOf(doc.kind);
    assert.ok(validate, `a schema for ${doc.kind}`);
    assert.ok(validate(doc), `${doc.kind} ${doc.metadata.name}: ${JSON.stringify(validate.errors)}`);
  }
  assert.deepEqual([...kinds].sort(), ['Component', 'Group', 'System', 'User']);
  const broken = { ...docs.find((d) => d.kind === 'Component') };
  broken.spec = { ...broken.spec, lifecycle: undefined };
  delete broken.spec.lifecycle;
  assert.equal(schemaOf('Component')(broken), false, 'the schemas are no formality');
});
