import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CrmRecord } from '../../../../src/core/model';
import { SEARCH_INDEX_FORMAT_VERSION, SearchIndex, type SearchHit, type TextSearchOptions } from '../../../../src/core/search/searchIndex';
import { fixtureRecord, loadFixtureRecords } from './searchFixtures';

const ANNA = 'clients/anna-smirnova.md';
const OLD_ANNA = 'clients/archive/anna-smirnova.md';
const PETR = 'clients/petr-ivanov.md';
const JOHN = 'clients/john-smith.md';
const OLGA = 'clients/olga-fyodorova.md';
const ELENA = 'clients/elena-smirnova.md';
const SERGEY = 'clients/sergey-orlov.yaml';

const build = (): SearchIndex => new SearchIndex(loadFixtureRecords());
const files = (hits: SearchHit[]): string[] => hits.map((h) => h.file);
const highlighted = (hit: SearchHit | undefined): string[] => (hit ? hit.highlights.map(([a, b]) => hit.snippet.slice(a, b)) : []);
const exact: TextSearchOptions = { prefix: false, fuzzy: false };

test('every fixture record is indexed under its file path', () => {
  const index = build();
  assert.equal(index.size, 7);
  assert.ok(index.has(ANNA) && index.has(OLD_ANNA) && index.has(SERGEY));
});

test('Москва, Москве and москвы find the same record (Russian stems)', () => {
  const index = build();
  for (const word of ['Москва', 'Москве', 'москвы']) {
    assert.ok(files(index.search(word, exact)).includes(ANNA), word);
    // Petr's notes say "в Москве" and "из Москвы": found by every form too.
    assert.ok(files(index.search(word, exact)).includes(PETR), word);
  }
});

test('proposal and proposals find each other (English stems)', () => {
  const index = build();
  assert.ok(files(index.search('proposal', exact)).includes(JOHN)); // notes: "two proposals"
  assert.ok(files(index.search('proposals', exact)).includes(ANNA)); // notes: "revised proposal"
});

test('a prefix finds the whole word as you type', () => {
  const index = build();
  const hits = index.search('Смир');
  assert.equal(hits[0]?.file, ANNA);
  assert.ok(files(hits).includes(PETR)); // "Смирновой" in the notes
  assert.deepEqual(index.search('Смир', { prefix: false, fuzzy: false }), []);
  // A half-typed word whose stem is not a prefix of the full word's stem still matches.
  assert.ok(files(index.search('Фёдоро')).includes(OLGA));
});

test('a misspelled word is found with fuzzy matching, and not without', () => {
  const index = build();
  assert.equal(index.search('Smirnva')[0]?.file, ELENA);
  assert.deepEqual(index.search('Smirnva', { fuzzy: false }), []);
});

test('words are ANDed', () => {
  const index = build();
  assert.deepEqual(files(index.search('Смирнова Ромашка выставка', exact)), [ANNA]);
  assert.deepEqual(index.search('Смирнова London', exact), []);
});

test('a name hit ranks above a notes hit', () => {
  const index = build();
  const hits = index.search('Смирнова', { ...exact, filter: (file) => !file.includes('/archive/') });
  assert.deepEqual(files(hits), [ANNA, PETR]);
  assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0));
  assert.equal(hits[0]?.field, 'name');
  assert.equal(hits[1]?.field, 'notes');
});

test('records with the same slug in different folders are distinct hits', () => {
  const hits = build().search('Смирнова', exact);
  const annas = hits.filter((h) => h.id === 'anna-smirnova');
  assert.deepEqual(annas.map((h) => h.file).sort(), [ANNA, OLD_ANNA]);
});

test('email, its parts and the phone in any notation find the record', () => {
  const index = build();
  assert.equal(index.search('anna@romashka.ru')[0]?.file, ANNA);
  assert.equal(index.search('anna@romashka.ru')[0]?.field, 'email');
  assert.ok(files(index.search('romashka', exact)).includes(ANNA));
  for (const phone of ['9123456789', '+7 912 345-67-89', '89123456789']) {
    assert.deepEqual(files(index.search(phone, exact)), [ANNA], phone);
  }
});

test('ё and е are the same letter; the snippet keeps ё', () => {
  const hits = build().search('Федорова', exact);
  assert.equal(hits[0]?.file, OLGA);
  assert.equal(hits[0]?.snippet, 'Ольга Фёдорова');
  assert.deepEqual(highlighted(hits[0]), ['Фёдорова']);
});

test('a notes match gives a highlighted snippet and the line in the file', () => {
  const [hit] = build().search('выставка', exact);
  assert.equal(hit?.file, ANNA);
  assert.equal(hit?.id, 'anna-smirnova');
  assert.equal(hit?.field, 'notes');
  assert.equal(hit?.snippet, 'Познакомились на выставке. Ищет подрядчика на сайт.');
  assert.deepEqual(highlighted(hit), ['выставке']);
  assert.equal(hit?.line, 14);
});

test('the snippet shows the best window of a long note', () => {
  const [hit] = build().search('analytics contract', exact);
  assert.equal(hit?.file, JOHN);
  assert.equal(hit?.line, 12);
  assert.deepEqual(highlighted(hit), ['analytics', 'contract']);
});

test('a match in another field is labelled with its key', () => {
  const index = build();
  const [source] = index.search('referral', exact);
  assert.equal(source?.field, 'source');
  assert.equal(source?.snippet, 'source: referral');
  assert.deepEqual(highlighted(source), ['referral']);
  const [item] = index.search('лендинг', exact);
  assert.equal(item?.file, OLGA);
  assert.equal(item?.field, 'purchases.item');
  assert.deepEqual(highlighted(item), ['Лендинг']);
});

test('a .yaml record is searched by its notes field, with the file line of a `notes: |` block', () => {
  const [hit] = build().search('spreadsheet', exact);
  assert.equal(hit?.file, SERGEY);
  assert.equal(hit?.field, 'notes');
  assert.equal(hit?.line, 7);
  assert.deepEqual(highlighted(hit), ['spreadsheets']);
});

test('filter and limit', () => {
  const index = build();
  assert.deepEqual(files(index.search('Ромашка', { ...exact, filter: (f) => f.includes('/archive/') })), [OLD_ANNA]);
  assert.equal(index.search('Ромашка', { ...exact, limit: 1 }).length, 1);
  assert.deepEqual(index.search('Ромашка', { ...exact, limit: 0 }), []);
});

test('an empty or punctuation-only query finds nothing', () => {
  const index = build();
  assert.deepEqual(index.search(''), []);
  assert.deepEqual(index.search('  «»—!? '), []);
});

test('replace re-indexes a changed record; remove forgets it', () => {
  const index = build();
  const anna = fixtureRecord(ANNA);
  const moved: CrmRecord = { ...anna, data: { ...anna.data, city: 'Казань' } };
  index.replace(moved);
  assert.equal(index.size, 7);
  assert.ok(files(index.search('Казань', exact)).includes(ANNA));
  assert.ok(!files(index.search('Москва', exact)).includes(ANNA));
  // add of a file already indexed replaces too (no duplicate-id error).
  index.add(anna);
  assert.ok(files(index.search('Москва', exact)).includes(ANNA));
  assert.ok(!files(index.search('Казань', exact)).includes(ANNA));

  index.remove(ANNA);
  assert.equal(index.size, 6);
  assert.ok(!files(index.search('Смирнова', exact)).includes(ANNA));
  index.remove(ANNA); // a repeated delete event is harmless
  index.remove('clients/never-was.md');
  assert.equal(index.size, 6);
});

test('toJSON / fromJSON round trip gives the same results', () => {
  const records = loadFixtureRecords();
  const index = new SearchIndex(records);
  const json = JSON.stringify(index);
  const restored = SearchIndex.fromJSON(json);
  assert.ok(restored);
  const queries = ['Смирнова', 'Москва', 'proposal', 'Смир', 'Smirnva', 'anna@romashka.ru', 'Федорова', 'spreadsheet'];
  // Before sync: same ranking and scores, but no records to cut snippets from.
  for (const q of queries) {
    assert.deepEqual(
      restored.search(q).map((h) => [h.file, h.score]),
      index.search(q).map((h) => [h.file, h.score]),
      q,
    );
  }
  assert.deepEqual(restored.sync(records), { added: 0, updated: 0, removed: 0, unchanged: 7, restamped: 0 });
  for (const q of queries) assert.deepEqual(restored.search(q), index.search(q), q);
});

test('sync after loading a cache re-indexes only what changed', () => {
  const records = loadFixtureRecords();
  const restored = SearchIndex.fromJSON(new SearchIndex(records).toJSON());
  assert.ok(restored);
  const changed = records
    .filter((r) => r.file !== JOHN)
    .map((r) => (r.file === ANNA ? { ...r, body: `${r.body}\nОбсудили логистику.` } : r));
  const added = { ...fixtureRecord(JOHN), file: 'clients/john-smith-2.md', id: 'john-smith-2' };
  assert.deepEqual(restored.sync([...changed, added]), { added: 1, updated: 1, removed: 1, unchanged: 5, restamped: 0 });
  assert.deepEqual(files(restored.search('логистика', exact)), [ANNA]);
  assert.deepEqual(files(restored.search('analytics', exact)), ['clients/john-smith-2.md']);
});

test('stamps: a file indexed with the same stamp is not hashed again; another stamp, or none, is; a recent one is not kept', () => {
  const hourAgo = Date.now() - 3_600_000;
  const stamped = (record: CrmRecord, mtime = hourAgo): CrmRecord => ({ ...record, stamp: `${mtime}:${record.body.length}:build` });
  const records = loadFixtureRecords().map((r) => stamped(r));
  const json = new SearchIndex(records).toJSON();
  assert.deepEqual(json.stamps, json.index.files.map((file) => records.find((r) => r.file === file)!.stamp));

  // The same stamp is trusted without reading the text: here the text differs, which a real read
  // with that stamp could not give, so the old words are still what the index finds.
  const anna = records.find((r) => r.file === ANNA)!;
  const trusted = SearchIndex.fromJSON(json)!;
  const sameStamp = { ...anna, body: `${anna.body}\nОбсудили логистику.` };
  assert.deepEqual(trusted.sync(records.map((r) => (r.file === ANNA ? sameStamp : r))), { added: 0, updated: 0, removed: 0, unchanged: 7, restamped: 0 });
  assert.deepEqual(files(trusted.search('логистика', exact)), []);

  // Another stamp: hashed, and re-indexed when the text changed.
  const reread = SearchIndex.fromJSON(json)!;
  assert.deepEqual(reread.sync(records.map((r) => (r.file === ANNA ? stamped(sameStamp, hourAgo + 1000) : r))), { added: 0, updated: 1, removed: 0, unchanged: 6, restamped: 0 });
  assert.deepEqual(files(reread.search('логистика', exact)), [ANNA]);

  // A cache without stamps (records from editors, or written before stamps) is hashed, and worth rewriting.
  const unstamped = SearchIndex.fromJSON(new SearchIndex(loadFixtureRecords()).toJSON())!;
  assert.deepEqual(unstamped.sync(records), { added: 0, updated: 0, removed: 0, unchanged: 7, restamped: 7 });
  assert.deepEqual(unstamped.toJSON().stamps, json.stamps);

  // A file modified a moment ago may change again within its mtime's tick at the same size.
  const fresh = new SearchIndex([stamped(anna, Date.now())]).toJSON();
  assert.deepEqual(fresh.stamps, ['']);
});

test('a cache from another format version, or a corrupt one, is rejected', () => {
  const json = new SearchIndex(loadFixtureRecords()).toJSON();
  assert.equal(json.version, SEARCH_INDEX_FORMAT_VERSION);
  assert.equal(SearchIndex.fromJSON({ ...json, version: SEARCH_INDEX_FORMAT_VERSION + 1 }), undefined);
  assert.equal(SearchIndex.fromJSON('{not json'), undefined);
  assert.equal(SearchIndex.fromJSON('null'), undefined);
  assert.equal(SearchIndex.fromJSON(JSON.stringify({ ...json, index: { serializationVersion: 99 } })), undefined);
  assert.equal(SearchIndex.fromJSON({ ...json, fingerprints: json.fingerprints.slice(1) }), undefined);
  // Damaged posting bytes: truncated, or counts that do not add up.
  assert.equal(SearchIndex.fromJSON({ ...json, index: { ...json.index, postings: json.index.postings.slice(0, 40) } }), undefined);
  assert.equal(SearchIndex.fromJSON({ ...json, index: { ...json.index, postingCount: json.index.postingCount + 1 } }), undefined);
  assert.equal(SearchIndex.fromJSON({ ...json, index: { ...json.index, terms: json.index.terms.slice(1) } }), undefined);
});

test('hostile records do not break or hang the index', () => {
  const index = build();
  const base = fixtureRecord(ANNA);
  const words = 'Лорем ипсум долор сит амет proposal '.repeat(140_000); // ≈5 MB of words
  const oneWord = 'я'.repeat(5_000_000); // 5 MB without a separator
  const ats = `${'a.'.repeat(1_000_000)}@${'@b'.repeat(1_000_000)}`; // address-like junk
  // YAML aliases ("billion laughs") make a tiny file a huge tree: 10^7 leaves if walked naively.
  let bomb: unknown = Array<string>(10).fill('lol');
  for (let i = 0; i < 6; i++) bomb = Array<unknown>(10).fill(bomb);
  const hostile: CrmRecord[] = [
    { ...base, file: 'clients/h1.md', id: 'h1', body: words },
    { ...base, file: 'clients/h2.md', id: 'h2', body: oneWord, data: { name: oneWord } },
    { ...base, file: 'clients/h3.md', id: 'h3', body: ats, data: { name: 'x', email: ats } },
    { ...base, file: 'clients/h4.md', id: 'h4', body: '', data: { name: 'Bomb', nested: bomb } },
  ];
  index.addAll(hostile);
  assert.equal(index.size, 11);
  const [hit] = index.search('ипсум', exact);
  assert.equal(hit?.file, 'clients/h1.md');
  assert.ok((hit?.snippet.length ?? 0) <= 102);
  assert.ok(index.search('ямамама').length >= 0);
  assert.ok(files(index.search('lol', exact)).includes('clients/h4.md'));
  assert.deepEqual(files(index.search('Bomb', exact)), ['clients/h4.md']);
  // A huge query is cut, not choked on.
  assert.ok(Array.isArray(index.search(words.slice(0, 1_000_000))));
  const restored = SearchIndex.fromJSON(JSON.stringify(index));
  assert.equal(restored?.size, 11);
});

test('a bulk build ranks exactly like records added one by one', () => {
  const records = loadFixtureRecords();
  const bulk = new SearchIndex(records);
  const oneByOne = new SearchIndex();
  for (const record of records) oneByOne.add(record);
  for (const q of ['Смирнова', 'Москва', 'proposal', 'Смир', 'Smirnva', 'Ромашка', '2026', 'b2b']) {
    const a = bulk.search(q);
    const b = oneByOne.search(q);
    assert.deepEqual(a.map((h) => h.file), b.map((h) => h.file), q);
    a.forEach((hit, i) => assert.ok(Math.abs(hit.score - (b[i]?.score ?? 0)) < 1e-9, q));
  }
});

test('a cache written after edits (replaced and removed records) restores the same results', () => {
  const records = loadFixtureRecords();
  const index = new SearchIndex(records);
  const anna = fixtureRecord(ANNA);
  const edited: CrmRecord = { ...anna, body: `${anna.body}\nПереговоры о логистике.` };
  index.replace(edited);
  index.remove(JOHN);
  const restored = SearchIndex.fromJSON(JSON.stringify(index));
  assert.ok(restored);
  const now = records.filter((r) => r.file !== JOHN).map((r) => (r.file === ANNA ? edited : r));
  assert.deepEqual(restored.sync(now), { added: 0, updated: 0, removed: 0, unchanged: 6, restamped: 0 });
  for (const q of ['логистика', 'Смирнова', 'proposal', 'analytics', 'Москва', 'Smirnva']) {
    assert.deepEqual(restored.search(q), index.search(q), q);
  }
});
