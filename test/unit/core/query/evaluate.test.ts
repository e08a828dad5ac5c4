// What each query finds in the fixture workspace (test/fixtures/query/, today 2026-11-20; its
// README lists what every record is for). One test per construct and rule of PRODUCT.md §3/§9.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createComputeContext } from '../../../../src/core/computed';
import { defaultConfig } from '../../../../src/core/config';
import { compileQuery, matches, parseQuery, QuerySyntaxError, runQuery } from '../../../../src/core/query';
import { client, loadFixture } from './queryFixtures';

const fixture = loadFixture();

/** Ids of the records `query` finds, sorted. */
function find(query: string): string[] {
  return runQuery(query, fixture.clients, fixture.ctx)
    .map((r) => r.id)
    .sort();
}

const ALL = ['anna-smirnova', 'ivan-petrov', 'john-smith', 'maria-kuznetsova', 'olga-fyodorova', 'petr-volkov', 'sergey-orlov'];

test('the empty query finds every record that is not archived', () => {
  assert.deepEqual(find(''), ALL);
});

test('tag: is tags:, case-insensitive; a list field matches when any element matches', () => {
  assert.deepEqual(find('tag:vip'), ['anna-smirnova', 'olga-fyodorova']);
  assert.deepEqual(find('tags:VIP'), ['anna-smirnova', 'olga-fyodorova']);
});

test('a,b means any of', () => {
  assert.deepEqual(find('tag:vip,b2b'), ['anna-smirnova', 'ivan-petrov', 'maria-kuznetsova', 'olga-fyodorova']);
  assert.deepEqual(find('stage:proposal,negotiation'), ['anna-smirnova', 'ivan-petrov']);
});

test('- negates: the complement, including records without the field', () => {
  assert.deepEqual(find('-tag:vip'), ['ivan-petrov', 'john-smith', 'maria-kuznetsova', 'petr-volkov', 'sergey-orlov']);
  assert.deepEqual(find('-(tag:vip OR tag:b2b)'), ['john-smith', 'petr-volkov', 'sergey-orlov']);
});

test('precedence: `a b OR c` is `(a b) OR c`; parentheses change it', () => {
  assert.deepEqual(find('tag:vip stage:won OR city:Казань'), ['olga-fyodorova', 'petr-volkov']);
  assert.deepEqual(find('tag:vip (stage:won OR city:Казань)'), ['olga-fyodorova']);
  assert.deepEqual(find('-tag:vip stage:lead'), ['john-smith', 'sergey-orlov']);
});

test('OR is upper case only: `or` is a free-text word', () => {
  assert.deepEqual(find('tag:vip OR tag:b2b'), ['anna-smirnova', 'ivan-petrov', 'maria-kuznetsova', 'olga-fyodorova']);
  assert.deepEqual(find('tag:vip or tag:b2b'), [], 'no record has the word "or"');
  assert.deepEqual(find('tag:vip AND stage:won'), ['olga-fyodorova']);
});

test('field equals value case-insensitively after NFC, with ё = е', () => {
  assert.deepEqual(find('city:москва'), ['anna-smirnova', 'maria-kuznetsova']);
  assert.deepEqual(find('city:Королев'), ['olga-fyodorova']);
  assert.deepEqual(find('CITY:LONDON'), ['john-smith']);
  // Decomposed й (и + U+0306) in the query equals the composed letter in the record.
  assert.deepEqual(find('city:"Нижни\u0438\u0306 Новгород"'), ['ivan-petrov']);
});

test('quoted values hold spaces', () => {
  assert.deepEqual(find('city:"Нижний Новгород"'), ['ivan-petrov']);
  assert.deepEqual(find('city:Нижний'), [], 'equality is of the whole value');
});

test('nested fields with dots; consent.email:false matches an explicit false only', () => {
  assert.deepEqual(find('consent.email:true'), ['anna-smirnova', 'maria-kuznetsova', 'olga-fyodorova']);
  assert.deepEqual(find('consent.email:false'), ['ivan-petrov'], 'records without consent are not "false"');
  assert.deepEqual(find('next_action.what:"Send the contract"'), ['ivan-petrov']);
  assert.deepEqual(find('purchases.item:audit'), ['ivan-petrov'], 'through a list of mappings');
});

test('a missing field equals nothing', () => {
  assert.deepEqual(find('lost_reason:price'), ['petr-volkov']);
  assert.deepEqual(find('phone:*'), ['anna-smirnova', 'maria-kuznetsova']);
  assert.deepEqual(find('nonexistent:x'), []);
});

test('* is a wildcard in unquoted values', () => {
  assert.deepEqual(find('name:Ан*'), ['anna-smirnova']);
  assert.deepEqual(find('email:*@romashka.ru'), ['anna-smirnova']);
  assert.deepEqual(find('email:"*@romashka.ru"'), [], 'quoted: a literal star');
});

test('stage without a value in the file is the first stage (as the pipeline shows it)', () => {
  assert.deepEqual(find('stage:lead'), ['john-smith', 'sergey-orlov']);
  assert.deepEqual(find('no:stage'), ['sergey-orlov'], 'has:/no: read the file as written');
});

test('id is the slug', () => {
  assert.deepEqual(find('id:anna-smirnova'), ['anna-smirnova']);
});

test('has:f — present and not null, "" or []; no:f is its negation', () => {
  assert.deepEqual(find('has:email'), ['anna-smirnova', 'ivan-petrov', 'john-smith', 'maria-kuznetsova', 'olga-fyodorova', 'sergey-orlov']);
  assert.deepEqual(find('no:email'), ['petr-volkov'], 'email: ""');
  assert.deepEqual(find('no:tags'), ['petr-volkov'], 'tags: []');
  assert.deepEqual(find('no:phone'), ['ivan-petrov', 'john-smith', 'olga-fyodorova', 'petr-volkov', 'sergey-orlov']);
  assert.deepEqual(find('has:consent.sms'), ['anna-smirnova'], 'false is present');
  assert.deepEqual(find('has:rfm'), ['anna-smirnova', 'ivan-petrov', 'olga-fyodorova'], 'computed fields too');
  const nulls = [client('n', { lost_reason: null }), client('s', { lost_reason: '  ' }), client('v', { lost_reason: 'price' })];
  const ctx = createComputeContext(nulls, [], defaultConfig(), '2026-11-20');
  assert.deepEqual(runQuery('has:lost_reason', nulls, ctx).map((r) => r.id), ['v']);
});

test('numbers: > >= < <= = compare numerically', () => {
  assert.deepEqual(find('value:>=50000'), ['anna-smirnova', 'ivan-petrov', 'olga-fyodorova', 'petr-volkov']);
  assert.deepEqual(find('value:>50000'), ['anna-smirnova', 'olga-fyodorova', 'petr-volkov']);
  assert.deepEqual(find('value:<15000'), ['sergey-orlov']);
  assert.deepEqual(find('value:<=15000'), ['maria-kuznetsova', 'sergey-orlov']);
  assert.deepEqual(find('value:=50000'), ['ivan-petrov']);
  assert.deepEqual(find('value:50000'), ['ivan-petrov'], 'a bare number equals numerically');
});

test('number ranges include both ends; open ends allowed', () => {
  assert.deepEqual(find('value:15000..50000'), ['ivan-petrov', 'maria-kuznetsova']);
  assert.deepEqual(find('value:..15000'), ['maria-kuznetsova', 'sergey-orlov']);
  assert.deepEqual(find('value:100000..'), ['anna-smirnova', 'olga-fyodorova']);
  assert.deepEqual(find('value:50000..15000'), [], 'an empty range');
});

test('an invalid value never satisfies a comparison (`договорная` is not a number, `15.10.2026` is not a date)', () => {
  assert.ok(!find('value:>0').includes('john-smith'));
  assert.ok(!find('value:..999999999').includes('john-smith'));
  assert.ok(find('-value:>0').includes('john-smith'), 'so its negation holds');
  assert.ok(!find('created:<today').includes('john-smith'));
  assert.ok(!find('created:2000-01-01..2100-01-01').includes('john-smith'));
  assert.deepEqual(find('value:договорная'), ['john-smith'], 'equality still compares the text');
});

test('a quoted number in YAML is still a number', () => {
  const records = [client('q', { value: '5000' }), client('w', { value: 'five' })];
  const ctx = createComputeContext(records, [], defaultConfig(), '2026-11-20');
  assert.deepEqual(runQuery('value:>1000', records, ctx).map((r) => r.id), ['q']);
});

test('dates compare as dates; ISO ranges include both ends', () => {
  assert.deepEqual(find('created:2026-01-01..2026-06-30'), ['anna-smirnova']);
  assert.deepEqual(find('created:2026-01-15..2026-01-15'), ['anna-smirnova']);
  assert.deepEqual(find('created:<2026-01-01'), ['ivan-petrov', 'olga-fyodorova', 'petr-volkov']);
  assert.deepEqual(find('created:2026-11-01'), ['maria-kuznetsova']);
});

test('relative dates: today, today-30d, today±N(w|m|y)', () => {
  // today-30d = 2026-10-21, today-1y = 2025-11-20, today-1m = 2026-10-20, today+1w = 2026-11-27
  assert.deepEqual(find('last_contact:<today-30d'), ['anna-smirnova', 'olga-fyodorova', 'petr-volkov']);
  assert.deepEqual(find('created:>=today-30d'), ['maria-kuznetsova']);
  assert.deepEqual(find('created:today-1y..today'), ['anna-smirnova', 'maria-kuznetsova', 'sergey-orlov']);
  assert.deepEqual(find('last_contact:today-10d'), ['ivan-petrov'], 'equality with a relative date');
  assert.deepEqual(find('next_action.date:today..today+1w'), ['anna-smirnova']);
  assert.deepEqual(find('last_contact:>=today-1m'), ['ivan-petrov']);
  assert.deepEqual(find('next_action.date:<today'), ['ivan-petrov', 'petr-volkov'], 'a field comparison, not the overdue rule');
});

test('relative dates resolve against the context’s today', () => {
  const later = loadFixture('2026-12-01');
  assert.deepEqual(runQuery('created:>=today-30d', later.clients, later.ctx).map((r) => r.id), ['maria-kuznetsova']);
  const muchLater = loadFixture('2027-01-01');
  assert.deepEqual(runQuery('created:>=today-30d', muchLater.clients, muchLater.ctx), []);
});

test('is:stale — open stage, days since last_contact (else created) over the threshold', () => {
  // anna: 49 days in proposal; sergey: no stage (lead), created 80 days ago. Olga (won), petr
  // (lost), john (no valid date), maria (19 days) and ivan (10 days) are not stale.
  assert.deepEqual(find('is:stale'), ['anna-smirnova', 'sergey-orlov']);
});

test('is:overdue — an overdue next action, or a sent invoice past due', () => {
  // ivan: next_action 2026-11-01; maria: INV-2026-0002 sent, due 2026-11-01. Petr's overdue
  // action is in `lost`; ivan's draft invoice does not count.
  assert.deepEqual(find('is:overdue'), ['ivan-petrov', 'maria-kuznetsova']);
});

test('is:open — the stage is not closed', () => {
  assert.deepEqual(find('is:open'), ['anna-smirnova', 'ivan-petrov', 'john-smith', 'maria-kuznetsova', 'sergey-orlov']);
  assert.deepEqual(find('-is:open'), ['olga-fyodorova', 'petr-volkov']);
});

test('archived records are left out unless the query contains is:archived', () => {
  assert.ok(!find('tag:vip').includes('old-lead'));
  assert.ok(!find('city:Москва').includes('old-lead'));
  assert.deepEqual(find('is:archived'), ['old-lead'], 'is:archived alone gives only archived records');
  assert.deepEqual(find('is:archived tag:vip'), ['old-lead']);
  assert.deepEqual(find('is:archived OR tag:vip'), ['anna-smirnova', 'old-lead', 'olga-fyodorova']);
  assert.deepEqual(find('-is:archived'), ALL);
});

test('lifecycle: none, new, active, sleeping, lost', () => {
  assert.deepEqual(find('lifecycle:none'), ['john-smith', 'maria-kuznetsova', 'petr-volkov', 'sergey-orlov']);
  assert.deepEqual(find('lifecycle:active'), ['anna-smirnova']);
  assert.deepEqual(find('lifecycle:sleeping'), ['olga-fyodorova']);
  assert.deepEqual(find('lifecycle:lost'), ['ivan-petrov']);
  assert.deepEqual(find('lifecycle:new'), []);
  assert.deepEqual(find('lifecycle:sleeping,lost'), ['ivan-petrov', 'olga-fyodorova']);
});

test('computed fields: orders, revenue, avg_check, last_purchase, days_*', () => {
  assert.deepEqual(find('orders:>=2'), ['anna-smirnova', 'ivan-petrov']);
  assert.deepEqual(find('orders:0'), ['john-smith', 'maria-kuznetsova', 'petr-volkov', 'sergey-orlov']);
  assert.deepEqual(find('revenue:>100000'), ['olga-fyodorova']);
  assert.deepEqual(find('ltv:60000..75000'), ['anna-smirnova', 'ivan-petrov']);
  assert.deepEqual(find('avg_check:>50000'), ['olga-fyodorova']);
  assert.deepEqual(find('last_purchase:>=2026-01-01'), ['anna-smirnova', 'olga-fyodorova']);
  assert.deepEqual(find('days_to_birthday:<=7'), ['anna-smirnova']);
  assert.deepEqual(find('days_since_contact:>30'), ['anna-smirnova', 'olga-fyodorova', 'petr-volkov', 'sergey-orlov']);
  assert.deepEqual(find('days_in_stage:>100'), ['olga-fyodorova']);
});

test('rfm with * wildcards', () => {
  // anna 533, olga 315, ivan 151 (see computed.test.ts); clients without orders have no rfm.
  assert.deepEqual(find('rfm:5**'), ['anna-smirnova']);
  assert.deepEqual(find('rfm:*5*'), ['ivan-petrov'], 'in rfm each * is one digit');
  assert.deepEqual(find('rfm:5*'), [], 'so the code has three positions');
  assert.deepEqual(find('rfm:**5'), ['olga-fyodorova']);
  assert.deepEqual(find('rfm:533'), ['anna-smirnova']);
  assert.deepEqual(find('rfm:1**'), ['ivan-petrov']);
  assert.deepEqual(find('no:rfm'), ['john-smith', 'maria-kuznetsova', 'petr-volkov', 'sergey-orlov']);
});

test('computed fields win over a front-matter key of the same name', () => {
  const record = client('x', { orders: 99 });
  const ctx = createComputeContext([record], [], defaultConfig(), '2026-11-20');
  assert.deepEqual(runQuery('orders:99', [record], ctx), []);
  assert.deepEqual(runQuery('orders:0', [record], ctx).map((r) => r.id), ['x']);
});

test('free text: a word matches a token of any field value or the notes by its stem', () => {
  assert.deepEqual(find('выставка'), ['anna-smirnova'], 'notes say "на выставке"');
  assert.deepEqual(find('смирновой'), ['anna-smirnova'], 'the name, another case');
  assert.deepEqual(find('proposals'), ['anna-smirnova', 'ivan-petrov'], 'stage value, next_action.what, notes');
  assert.deepEqual(find('spreadsheet'), ['sergey-orlov'], 'a .yaml record’s notes');
  assert.deepEqual(find('федорова'), ['olga-fyodorova'], 'ё folds to е');
  assert.deepEqual(find('120000'), ['anna-smirnova'], 'numbers are field values too');
});

test('free text: a word of 3+ characters also matches as a prefix', () => {
  assert.deepEqual(find('ром'), ['anna-smirnova'], 'Ромашка');
  assert.deepEqual(find('kuzn'), ['maria-kuznetsova'], 'an e-mail part');
  assert.deepEqual(find('ро'), [], 'two characters: whole words only');
});

test('free text: words are ANDed; a quoted phrase must be adjacent and in order', () => {
  assert.deepEqual(find('proposal revised'), ['anna-smirnova']);
  assert.deepEqual(find('"revised proposal"'), ['anna-smirnova']);
  assert.deepEqual(find('"proposal revised"'), []);
  assert.deepEqual(find('"ищет подрядчика"'), ['anna-smirnova']);
  assert.deepEqual(find('"подрядчика ищет"'), []);
  assert.deepEqual(find('wants proposal'), ['ivan-petrov']);
  assert.deepEqual(find('"wants proposal"'), [], 'not adjacent: "wants a new proposal"');
});

test('free text: an e-mail address matches whole; its parts match on their own', () => {
  assert.deepEqual(find('anna@romashka.ru'), ['anna-smirnova']);
  assert.deepEqual(find('romashka'), ['anna-smirnova']);
  assert.deepEqual(find('ivan.petrov@mail.example.com'), ['ivan-petrov']);
});

test('free text combines with structured terms', () => {
  assert.deepEqual(find('выставка tag:vip'), ['anna-smirnova']);
  assert.deepEqual(find('выставка -tag:vip'), []);
  assert.deepEqual(find('wants OR выставка'), ['anna-smirnova', 'ivan-petrov', 'sergey-orlov']);
});

test('free text after an edit: a changed record (a new object) is read afresh in a new context', () => {
  const before = client('x', { name: 'Alpha' }, { body: 'Первая встреча' });
  const other = client('y', { name: 'Beta' }, { body: 'Звонок' });
  const ctx1 = createComputeContext([before, other], [], defaultConfig(), '2026-11-20');
  assert.deepEqual(runQuery('встреча', [before, other], ctx1).map((r) => r.id), ['x']);
  const after = client('x', { name: 'Alpha' }, { body: 'Отправили договор' });
  const ctx2 = createComputeContext([after, other], [], defaultConfig(), '2026-11-20');
  assert.deepEqual(runQuery('встреча', [after, other], ctx2), []);
  assert.deepEqual(runQuery('договор', [after, other], ctx2).map((r) => r.id), ['x']);
  assert.deepEqual(runQuery('звонок', [after, other], ctx2).map((r) => r.id), ['y']);
});

test('compileQuery and matches(): the same predicate, one record at a time', () => {
  const compiled = compileQuery('tag:vip stage:won', fixture.ctx);
  assert.ok(compiled.ok);
  assert.ok(compiled.query.matches(fixture.byId('olga-fyodorova')));
  assert.ok(!compiled.query.matches(fixture.byId('anna-smirnova')));
  const parsed = parseQuery('is:stale');
  assert.ok(parsed.ok);
  assert.ok(matches(parsed.ast, fixture.byId('anna-smirnova'), fixture.ctx));
  assert.ok(!matches(parsed.ast, fixture.byId('olga-fyodorova'), fixture.ctx));
  assert.ok(!compileQuery('value:>=abc', fixture.ctx).ok);
});

test('runQuery with bad query text throws a typed error with the column', () => {
  assert.throws(() => runQuery('value:>=abc', fixture.clients, fixture.ctx), (error: unknown) => {
    return error instanceof QuerySyntaxError && error.column === 9 && error.expected === 'a number';
  });
});

test('results keep the order of the given records', () => {
  const reversed = [...fixture.clients].reverse();
  const ids = runQuery('tag:vip,b2b', reversed, fixture.ctx).map((r) => r.id);
  assert.deepEqual(ids, ['olga-fyodorova', 'maria-kuznetsova', 'ivan-petrov', 'anna-smirnova']);
});

test('hostile records: prototype keys and deep nesting neither match by accident nor crash', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 5000; i++) deep = [deep];
  const records = [client('deep', { tags: deep }), client('proto', {})];
  const ctx = createComputeContext(records, [], defaultConfig(), '2026-11-20');
  assert.deepEqual(runQuery('has:constructor', records, ctx), []);
  assert.deepEqual(runQuery('tostring:x', records, ctx), []);
  assert.deepEqual(runQuery('stage:constructor', records, ctx), []);
  assert.deepEqual(runQuery('tag:x', records, ctx), [], 'nesting past the depth limit is not followed');
  assert.deepEqual(runQuery('x', records, ctx), []);
});

test('tag: plain words use each record\'s normalized tag list; numbers, booleans, nested lists, case and ё as any field', () => {
  const odd = client('odd', { name: 'Odd', tags: ['  VIP ', 2024, true, 'Ёлка', ['nested'], { not: 'a tag' }] });
  const plain = client('plain', { name: 'Plain', tags: 'solo' });
  const none = client('none', { name: 'None' });
  const ctx = createComputeContext([odd, plain, none], [], defaultConfig(), '2026-11-24');
  const ids = (query: string): string[] => runQuery(query, [odd, plain, none], ctx).map((r) => r.id);
  assert.deepEqual(ids('tag:vip'), ['odd']);
  assert.deepEqual(ids('tag:елка'), ['odd']);
  assert.deepEqual(ids('tag:true'), ['odd']);
  assert.deepEqual(ids('tag:nested'), ['odd']);
  assert.deepEqual(ids('tag:solo'), ['plain'], 'a single tag written as text');
  assert.deepEqual(ids('tag:2024'), ['odd'], 'a number value takes the general path and still matches');
  assert.deepEqual(ids('tag:vi*'), ['odd'], 'a wildcard too');
  assert.deepEqual(ids('tag:a'), []);
  assert.deepEqual(ids('-tag:vip'), ['plain', 'none']);
  assert.deepEqual(ids('tag:vip,solo'), ['odd', 'plain']);
});
