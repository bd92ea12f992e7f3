// The SLO documents `catalogue export-openslo` writes pass the OpenSLO v1 JSON schema
// (crates/catalogue-core/tests/fixtures/openslo/schema), and read back through
// `catalogue import-openslo` into the same catalogue they came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { catalogue, ROOT } from './run.mjs';

const SCHEMA = join(ROOT, 'crates/catalogue-core/tests/fixtures/openslo/schema');
const DEMO = join(ROOT, 'public/catalogue.json');

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  for (const file of readdirSync(join(SCHEMA, 'parts'))) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA, 'parts', file), 'utf8')));
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMA, 'openslo.schema.json'), 'utf8')));
}

test("the demo catalogue's targets as SLOs pass the OpenSLO v1 schema and read back unchanged", () => {
  const out = catalogue('export-openslo', DEMO);
  assert.equal(out.code, 0, out.stderr);
  const docs = parseAllDocuments(out.stdout).map((d) => d.toJSON());
  assert.ok(docs.length >= 10, out.stderr);
  const validate = validator();
  for (const doc of docs) assert.ok(validate(doc), `${doc.metadata.name}: ${JSON.stringify(validate.errors)}`);
  assert.equal(validate({ ...docs[0], spec: { ...docs[0].spec, budgetingMethod: 'Whenever' } }), false, 'the schema is no formality');
  assert.match(out.stderr, /left out: .*the share of events that must meet it is not known/);

  const dir = mkdtempSync(join(tmpdir(), 'openslo-'));
  writeFileSync(join(dir, 'slos.yaml'), out.stdout);
  const back = catalogue('import-openslo', '--into', DEMO, join(dir, 'slos.yaml'));
  assert.equal(back.code, 0, back.stderr);
  const before = JSON.parse(readFileSync(DEMO, 'utf8'));
  const after = JSON.parse(back.stdout);
  const availability = (cat) => cat.agreements.map((a) => a.targets.filter((t) => t.metric === 'availability').map((t) => t.value));
  assert.deepEqual(availability(after), availability(before));
  assert.ok(after.agreements.some((a) => a.targets.some((t) => t.slo?.window === '28d')), 'measured as SLOs now');
});
