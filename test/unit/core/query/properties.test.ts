// Properties of the query language that must hold for every input, checked with fast-check:
// the parser never throws, `a` and `-a` partition the records, `a OR b` is the union of `a` and
// `b`, and `a b` their intersection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createComputeContext } from '../../../../src/core/computed';
import { defaultConfig } from '../../../../src/core/config';
import type { CrmRecord } from '../../../../src/core/model';
import { compileQuery, matches, parseQuery, runQuery } from '../../../../src/core/query';
import { client, loadFixture, TODAY } from './queryFixtures';
import { runs } from '../../fuzz';

const fixture = loadFixture();

// Terms that exercise every construct; combined below into random well-formed queries.
const TERMS = [
  'tag:vip',
  'tag:b2b,hot',
  '-tag:retail',
  'stage:lead',
  'stage:proposal,negotiation',
  'city:Москва',
  'city:"Нижний Новгород"',
  'consent.email:false',
  'consent.email:true',
  'value:>=50000',
  'value:1000..50000',
  'value:..15000',
  'value:договорная',
  'created:<today-30d',
  'created:2026-01-01..2026-06-30',
  'last_contact:today-1y..today',
  'next_action.date:<=today+2w',
  'has:email',
  'no:phone',
  'is:stale',
  'is:overdue',
  'is:open',
  'is:archived',
  'lifecycle:none',
  'lifecycle:sleeping,lost',
  'orders:>=2',
  'revenue:>100000',
  'rfm:5**',
  'name:Ан*',
  'выставка',
  'proposal',
  'ром',
  '"revised proposal"',
  'anna@romashka.ru',
];

const query: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TERMS),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `${a} ${b}`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `${a} OR ${b}`),
    tie('q').map((a) => `-(${a})`),
    tie('q').map((a) => `(${a})`),
  ),
})).q;

// Random records built from the same vocabulary, so terms hit and miss.
const record: fc.Arbitrary<CrmRecord> = fc
  .record({
    id: fc.stringMatching(/^[a-z]{1,8}$/),
    stage: fc.option(fc.constantFrom('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost', 'Waiting'), { nil: undefined }),
    tags: fc.option(fc.subarray(['vip', 'b2b', 'hot', 'retail', 'VIP']), { nil: undefined }),
    city: fc.option(fc.constantFrom('Москва', 'москва', 'Нижний Новгород', 'London', ''), { nil: undefined }),
    value: fc.option(fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.constant('договорная')), { nil: undefined }),
    created: fc.option(fc.constantFrom('2025-01-01', '2026-01-15', '2026-11-01', '15.10.2026', '2026-02-30'), { nil: undefined }),
    last_contact: fc.option(fc.constantFrom('2026-10-02', '2026-11-20', '2025-11-20', 'вчера'), { nil: undefined }),
    consentEmail: fc.option(fc.boolean(), { nil: undefined }),
    purchases: fc.array(fc.record({ date: fc.constantFrom('2025-01-01', '2026-06-01', '2026-11-19'), amount: fc.integer({ min: 0, max: 200_000 }) }), { maxLength: 3 }),
    body: fc.constantFrom('', 'Познакомились на выставке.', 'Send the revised proposal', 'Ромашка'),
    archived: fc.boolean(),
  })
  .map((r) => {
    const data: Record<string, unknown> = { name: `Client ${r.id}`, purchases: r.purchases };
    if (r.stage !== undefined) data['stage'] = r.stage;
    if (r.tags !== undefined) data['tags'] = r.tags;
    if (r.city !== undefined) data['city'] = r.city;
    if (r.value !== undefined) data['value'] = r.value;
    if (r.created !== undefined) data['created'] = r.created;
    if (r.last_contact !== undefined) data['last_contact'] = r.last_contact;
    if (r.consentEmail !== undefined) data['consent'] = { email: r.consentEmail };
    return client(r.id, data, { body: r.body, archived: r.archived });
  });

const workspace = fc.array(record, { maxLength: 12 }).map((generated) => {
  const clients = [...fixture.clients, ...generated];
  return { clients, ctx: createComputeContext(clients, fixture.invoices, defaultConfig(), TODAY) };
});

function ids(records: readonly CrmRecord[]): Set<CrmRecord> {
  return new Set(records);
}

test('the parser never throws, on any string', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
      const result = parseQuery(text);
      if (!result.ok) {
        assert.ok(result.error.column >= 1 && result.error.column <= text.length + 1, `column in range for ${JSON.stringify(text)}`);
        assert.ok(result.error.message.includes(result.error.expected));
      }
    }),
    { numRuns: runs(2000) },
  );
});

test('the parser never throws on strings made of query syntax, and what parses also runs', () => {
  const piece = fc.constantFrom('tag:', 'vip', ',', '"', '(', ')', '-', ' ', 'OR', 'AND', 'is:', 'stale', '..', '>=', '<', '=', 'today', '-30d', '2026-01-01', '*', ':', 'value', 'has:', 'no:', 'x', '\\', 'ё', '\u0306');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
      const text = pieces.join('');
      const result = parseQuery(text);
      if (result.ok) runQuery(result.ast, fixture.clients, fixture.ctx);
    }),
    { numRuns: runs(3000) },
  );
});

test('every generated well-formed query parses', () => {
  fc.assert(
    fc.property(query, (text) => {
      const result = parseQuery(text);
      assert.ok(result.ok, `${text}: ${result.ok ? '' : result.error.message}`);
    }),
    { numRuns: runs(1000) },
  );
});

test('`a` and `-a` partition the records', () => {
  fc.assert(
    fc.property(query, workspace, (a, { clients, ctx }) => {
      const positive = compileQuery(a, ctx);
      const negative = compileQuery(`-(${a})`, ctx);
      assert.ok(positive.ok && negative.ok);
      for (const r of clients) assert.notEqual(positive.query.matches(r), negative.query.matches(r), `${a} on ${r.id}`);
      // Over a run, both sides see the same records (the same archived rule), so the results
      // are disjoint and together are every record in scope.
      const inScope = clients.filter((r) => !r.archived || positive.query.includesArchived);
      const yes = positive.query.run(clients);
      const no = negative.query.run(clients);
      assert.equal(yes.length + no.length, inScope.length);
      const union = ids([...yes, ...no]);
      assert.equal(union.size, inScope.length);
    }),
    { numRuns: runs(1000) },
  );
});

test('`a OR b` is the union of `a` and `b`', () => {
  fc.assert(
    fc.property(query, query, workspace, (a, b, { clients, ctx }) => {
      const either = parseQuery(`(${a}) OR (${b})`);
      const pa = parseQuery(a);
      const pb = parseQuery(b);
      assert.ok(either.ok && pa.ok && pb.ok);
      for (const r of clients) {
        assert.equal(matches(either.ast, r, ctx), matches(pa.ast, r, ctx) || matches(pb.ast, r, ctx));
      }
      if (!a.includes('is:archived') && !b.includes('is:archived')) {
        const expected = ids([...runQuery(a, clients, ctx), ...runQuery(b, clients, ctx)]);
        assert.deepEqual(ids(runQuery(either.ast, clients, ctx)), expected);
      }
    }),
    { numRuns: runs(1000) },
  );
});

test('`a b` is the intersection of `a` and `b`', () => {
  fc.assert(
    fc.property(query, query, workspace, (a, b, { clients, ctx }) => {
      const both = parseQuery(`(${a}) (${b})`);
      const pa = parseQuery(a);
      const pb = parseQuery(b);
      assert.ok(both.ok && pa.ok && pb.ok);
      for (const r of clients) assert.equal(matches(both.ast, r, ctx), matches(pa.ast, r, ctx) && matches(pb.ast, r, ctx));
    }),
    { numRuns: runs(1000) },
  );
});
