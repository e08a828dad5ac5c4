import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { resolveConfig } from '../../../src/core/config';
import { LivePipeline, nameOrder } from '../../../src/core/livePipeline';
import type { CrmRecord } from '../../../src/core/model';
import { pipelineSummary } from '../../../src/core/pipeline';

const config = resolveConfig({
  stages: ['lead', 'proposal', 'won', 'lost'],
  pipelines: { sales: ['lead', 'proposal', 'won', 'lost'], repeat: ['offer', 'bought'] },
}).config;

function client(file: number, fields: { name: string; stage?: string; pipeline?: string; value?: number; currency?: string; owner?: string; archived: boolean }): CrmRecord {
  const { archived, ...data } = fields;
  return { kind: 'client', id: `c${file}`, file: `clients/c${file}.md`, format: 'md', data, body: '', bodyLine: 0, archived };
}

const fieldsArb = fc.record({
  name: fc.constantFrom('Анна', 'анна', 'Борис', 'Bob', 'bob', 'Ёлка', 'Елена', 'Zed', ''),
  stage: fc.constantFrom('lead', 'Lead', 'proposal', 'won', 'thinking', 'Thinking', 'offer', 'huh'),
  pipeline: fc.constantFrom('sales', 'repeat', 'nope'),
  value: fc.constantFrom(0, 1000, 0.1, 0.2, 250000, -5),
  currency: fc.constantFrom('RUB', 'EUR', 'usd'),
  owner: fc.constantFrom('me@x.ru', 'you@x.ru'),
  archived: fc.boolean(),
}, { requiredKeys: ['name', 'owner', 'archived'] });

test('after any sequence of changes, the live pipeline equals a fresh summary of the same records', () => {
  const compare = nameOrder(config.locale);
  fc.assert(
    fc.property(
      fc.constantFrom('sales', 'repeat'),
      fc.boolean(),
      fc.array(fieldsArb, { maxLength: 25 }),
      fc.array(fc.tuple(fc.nat({ max: 30 }), fc.option(fieldsArb, { nil: undefined })), { maxLength: 30 }),
      (pipeline, mineOnly, initial, changes) => {
        const include = (r: CrmRecord): boolean => !r.archived && (!mineOnly || r.data.owner === 'me@x.ru');
        const files = new Map<string, CrmRecord>();
        initial.forEach((fields, i) => files.set(`clients/c${i}.md`, client(i, fields)));
        const live = new LivePipeline(config, pipeline, include, files.values());
        for (const [n, fields] of changes) {
          const file = `clients/c${n}.md`;
          if (fields) files.set(file, client(n, fields));
          else files.delete(file);
          live.update([file], (f) => files.get(f));
          const expected = pipelineSummary([...files.values()].filter(include).sort(compare), config, pipeline);
          assert.deepEqual(live.summary(), expected);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test('a move between stages touches only the two groups; an unlisted stage comes and goes', () => {
  const a = client(1, { name: 'Анна', stage: 'lead', value: 100, archived: false });
  const b = client(2, { name: 'Борис', stage: 'lead', value: 50, archived: false });
  const files = new Map([a, b].map((r) => [r.file, r]));
  const live = new LivePipeline(config, 'sales', (r) => !r.archived, files.values());
  const moved = client(2, { name: 'Борис', stage: 'thinking', value: 50, archived: false });
  files.set(moved.file, moved);
  live.update([moved.file], (f) => files.get(f));
  const summary = live.summary();
  assert.deepEqual(summary.map((g) => [g.stage.id, g.count, g.value]), [['lead', 1, 100], ['proposal', 0, 0], ['won', 0, 0], ['lost', 0, 0], ['thinking', 1, 50]]);
  assert.equal(summary[4]?.configured, false);
  files.delete(moved.file);
  live.update([moved.file], (f) => files.get(f));
  assert.deepEqual(live.summary().map((g) => g.stage.id), ['lead', 'proposal', 'won', 'lost']);
});
