// Lead scoring: the sum of the points of the rules a client matches, its band, and the config's
// rules checked for what can go wrong.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createComputeContext } from '../../../src/core/computed';
import { resolveConfig } from '../../../src/core/config';
import { runQuery } from '../../../src/core/query';
import { bandOf } from '../../../src/core/scoring';
import { WorkspaceStore } from '../../../src/core/store';
import { SAMPLE_WORKSPACE } from '../paths';

const TODAY = '2026-11-24';
let store: WorkspaceStore;
before(async () => {
  store = new WorkspaceStore(SAMPLE_WORKSPACE);
  await store.load();
});

const context = (config = store.config) => createComputeContext(store.clients({ includeArchived: true }), store.invoices(), config, TODAY);

test('score: the points of every rule the client matches, added up (negative points subtract)', () => {
  const ctx = context();
  const points = (id: string): number | undefined => ctx.field(store.get(id)!, 'score');
  // referral +20, value 120 000 +30, vip +15; has an e-mail; not stale.
  assert.equal(points('anna-smirnova'), 65);
  for (const record of store.clients()) {
    let expected = 0;
    for (const rule of store.config.scoring) if (runQuery(rule.query, [record], ctx).length === 1) expected += rule.points;
    assert.equal(ctx.field(record, 'score'), expected, record.id);
  }
  assert.ok(store.clients().some((r) => (ctx.field(r, 'score') ?? 0) < 0), 'some client scores below zero');
});

test('band: the highest band whose minimum the score reaches; the lowest band takes anything lower', () => {
  const bands = store.config.scoring_bands;
  assert.deepEqual(bands.map((b) => [b.name, b.min]), [['cold', 0], ['warm', 30], ['hot', 60]]);
  assert.equal(bandOf(-25, bands), 'cold');
  assert.equal(bandOf(29, bands), 'cold');
  assert.equal(bandOf(30, bands), 'warm');
  assert.equal(bandOf(59.5, bands), 'warm');
  assert.equal(bandOf(60, bands), 'hot');
  assert.equal(bandOf(10, []), undefined);
});

test('score and band are queryable and match the computed values', () => {
  const ctx = context();
  const hot = runQuery('band:hot', store.clients(), ctx).map((r) => r.id).sort();
  const high = runQuery('score:>=60', store.clients(), ctx).map((r) => r.id).sort();
  assert.ok(hot.length > 0);
  assert.deepEqual(hot, high);
  assert.deepEqual(runQuery('score:<0', store.clients(), ctx).map((r) => r.id).sort(), store.clients().filter((r) => ctx.field(r, 'score')! < 0).map((r) => r.id).sort());
});

test('without rules there is no score and no band', () => {
  const { config } = resolveConfig({ currency: 'RUB' });
  const ctx = context(config);
  const anna = store.get('anna-smirnova')!;
  assert.equal(ctx.field(anna, 'score'), undefined);
  assert.equal(ctx.field(anna, 'band'), undefined);
  assert.deepEqual(runQuery('no:score', [anna], ctx), [anna]);
});

test('config: bad rules are reported at their path and skipped; the good ones count', () => {
  const { config, issues } = resolveConfig({
    scoring: [{ query: 'tag:vip', points: 10 }, { query: 'value:>=abc', points: 5 }, { query: 'score:>10', points: 5 }, { query: 'tag:b2b', points: 'many' }, 'tag:x', { query: 'band:hot -tag:x', points: 1 }],
    scoring_bands: { low: 0, top: 'high', mid: 20 },
  });
  assert.deepEqual(config.scoring, [{ query: 'tag:vip', points: 10 }]);
  assert.deepEqual(
    issues.map((i) => [i.path.join('.'), i.message]),
    [
      ['scoring.1.query', 'the query does not parse: column 9: expected a number'],
      ['scoring.2.query', 'a scoring rule cannot use score or band: they are what the rules compute'],
      ['scoring.3.points', 'points must be a number, like 20 or -10'],
      ['scoring.4', 'a scoring rule needs a query (text) and points (a number)'],
      ['scoring.5.query', 'a scoring rule cannot use score or band: they are what the rules compute'],
      ['scoring_bands.top', 'expected the lowest score of the band, a number'],
    ],
  );
  assert.deepEqual(config.scoring_bands, [{ name: 'low', min: 0 }, { name: 'mid', min: 20 }]);
  assert.deepEqual(resolveConfig({ scoring: 'tag:vip' }).issues.map((i) => i.path.join('.')), ['scoring']);
});
