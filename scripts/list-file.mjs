// What the list shows of a catalogue, written beside the published catalogue.json as
// catalogue.list.json (scripts/post-build.mjs; the benchmark, for its datasets): a first
// visit shows the list from it after a small download, then reads the whole file. Only
// the fields the list draws, filters and sorts by (src/listing.rs, the rows of
// src/first_screen/markup.rs) and those a record cannot be read without: on a
// catalogue of 1,000 services, 56 KB compressed instead of 330 KB.
const SERVICE = ['id', 'revision', 'updated_at', 'name', 'view', 'owner', 'lifecycle', 'tier', 'family', 'tags', 'summary'];
const PARTY = ['id', 'revision', 'updated_at', 'kind', 'name'];

const only = (record, fields) => Object.fromEntries(fields.filter((f) => f in record).map((f) => [f, record[f]]));

export function listOf(catalogue) {
  return {
    catalogue: catalogue.catalogue,
    parties: (catalogue.parties ?? []).map((p) => only(p, PARTY)),
    services: (catalogue.services ?? []).map((s) => only(s, SERVICE)),
  };
}
