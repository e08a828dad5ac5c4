// The query grammar (PRODUCT.md §3, §9 "Query language"): precedence, terms, values, source
// positions and the errors a user sees — each with the column of the offending token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatQueryError, parseQuery, type QueryError, type QueryNode } from '../../../../src/core/query';

function ast(text: string): QueryNode {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`unexpected error for ${text}: ${result.error.message}`);
  return result.ast;
}

function error(text: string): QueryError {
  const result = parseQuery(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

/** A compact rendering of the tree: `(and a b)`, `(or …)`, `-x`, terms as written. */
function shape(node: QueryNode): string {
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${node.type} ${node.children.map(shape).join(' ')})`;
    case 'not':
      return `-${shape(node.child)}`;
    case 'all':
      return '*';
    case 'text':
      return node.quoted ? `"${node.text}"` : node.text;
    case 'is':
      return `is:${node.shortcuts.join(',')}`;
    case 'has':
      return `${node.present ? 'has' : 'no'}:${node.fields.map((f) => f.name).join(',')}`;
    case 'field':
      return `${node.field.name}:${node.values.map((v) => (v.kind === 'equals' ? v.text : v.kind)).join(',')}`;
  }
}

test('implicit AND between terms', () => {
  assert.equal(shape(ast('tag:vip stage:proposal')), '(and tags:vip stage:proposal)');
});

test('precedence: - binds tightest, then AND, then OR — `a b OR c` is `(a b) OR c`', () => {
  assert.equal(shape(ast('a b OR c')), '(or (and a b) c)');
  assert.equal(shape(ast('a OR b c')), '(or a (and b c))');
  assert.equal(shape(ast('-a b')), '(and -a b)');
  assert.equal(shape(ast('-a OR b')), '(or -a b)');
  assert.equal(shape(ast('a OR b OR c')), '(or a b c)');
});

test('parentheses group, and - negates a group', () => {
  assert.equal(shape(ast('a (b OR c)')), '(and a (or b c))');
  assert.equal(shape(ast('-(tag:vip OR tag:b2b)')), '-(or tags:vip tags:b2b)');
  assert.equal(shape(ast('((a))')), 'a');
  assert.equal(shape(ast('--a')), '--a');
});

test('OR is upper case only; `or` is a word. AND is optional sugar', () => {
  assert.equal(shape(ast('a or b')), '(and a or b)');
  assert.equal(shape(ast('a Or b')), '(and a Or b)');
  assert.equal(shape(ast('a AND b')), '(and a b)');
});

test('an empty query matches everything', () => {
  assert.equal(shape(ast('')), '*');
  assert.equal(shape(ast('   ')), '*');
});

test('field names: case-insensitive after NFC, nested with dots, tag: is tags:', () => {
  const node = ast('Consent.Email:true');
  assert.ok(node.type === 'field');
  assert.deepEqual(node.field, { name: 'consent.email', path: ['consent', 'email'] });
  const tag = ast('TAG:vip');
  assert.ok(tag.type === 'field' && tag.field.name === 'tags');
  // `й` written as и + combining breve is the same field name as the composed `й`.
  const decomposed = ast('Кра\u0438\u0306:1');
  assert.ok(decomposed.type === 'field');
  assert.equal(decomposed.field.name, 'край');
});

test('values: any-of lists, quoted values with spaces, and wildcards', () => {
  const list = ast('stage:proposal,negotiation');
  assert.ok(list.type === 'field');
  assert.deepEqual(list.values.map((v) => v.kind === 'equals' && v.normalized), ['proposal', 'negotiation']);
  const quoted = ast('city:"Нижний Новгород"');
  assert.ok(quoted.type === 'field' && quoted.values[0]?.kind === 'equals');
  assert.equal(quoted.values[0].normalized, 'нижний новгород');
  assert.ok(quoted.values[0].quoted);
  const mixed = ast('city:"Нижний Новгород",Москва');
  assert.ok(mixed.type === 'field' && mixed.values.length === 2);
  const pattern = ast('rfm:5**');
  assert.ok(pattern.type === 'field' && pattern.values[0]?.kind === 'equals' && pattern.values[0].pattern);
  const literal = ast('name:"a*b"');
  assert.ok(literal.type === 'field' && literal.values[0]?.kind === 'equals' && !literal.values[0].pattern, 'quoted * is literal');
  const escaped = ast('company:"ООО \\"Ромашка\\""');
  assert.ok(escaped.type === 'field' && escaped.values[0]?.kind === 'equals');
  assert.equal(escaped.values[0].text, 'ООО "Ромашка"');
});

test('numbers: > >= < <= = and ranges a..b, a.., ..b', () => {
  for (const [text, op] of [['value:>5', '>'], ['value:>=5', '>='], ['value:<5', '<'], ['value:<=5', '<='], ['value:=5', '=']] as const) {
    const node = ast(text);
    assert.ok(node.type === 'field' && node.values[0]?.kind === 'compare', text);
    assert.equal(node.values[0].op, op);
    assert.deepEqual(node.values[0].operand.type === 'number' && node.values[0].operand.value, 5);
  }
  const range = ast('value:1000..5000');
  assert.ok(range.type === 'field' && range.values[0]?.kind === 'range');
  assert.equal(range.values[0].low?.type === 'number' && range.values[0].low.value, 1000);
  assert.equal(range.values[0].high?.type === 'number' && range.values[0].high.value, 5000);
  const open = ast('value:1000..');
  assert.ok(open.type === 'field' && open.values[0]?.kind === 'range' && open.values[0].high === undefined);
  const upTo = ast('value:..5000');
  assert.ok(upTo.type === 'field' && upTo.values[0]?.kind === 'range' && upTo.values[0].low === undefined);
  const negative = ast('balance:-10..10.5');
  assert.ok(negative.type === 'field' && negative.values[0]?.kind === 'range');
});

test('dates: ISO, today and today±N(d|w|m|y), in comparisons and ranges', () => {
  const relative = ast('last_contact:<today-30d');
  assert.ok(relative.type === 'field' && relative.values[0]?.kind === 'compare');
  assert.deepEqual(relative.values[0].operand.type === 'date' && relative.values[0].operand.date, { kind: 'relative', amount: -30, unit: 'd' });
  const range = ast('created:2026-01-01..2026-06-30');
  assert.ok(range.type === 'field' && range.values[0]?.kind === 'range' && range.values[0].low?.type === 'date');
  for (const ok of ['next_action.date:<=today+2w', 'created:>=today-1m', 'birthday:today-1y..today', 'due:<today']) ast(ok);
});

test('has: and no:, is: shortcuts, lifecycle values', () => {
  assert.equal(shape(ast('has:email no:phone')), '(and has:email no:phone)');
  assert.equal(shape(ast('is:stale is:Overdue is:open is:archived')), '(and is:stale is:overdue is:open is:archived)');
  assert.equal(shape(ast('lifecycle:sleeping,lost')), 'lifecycle:sleeping,lost');
});

test('free text: words, quoted phrases, e-mail addresses as one token', () => {
  const phrase = ast('"ищет подрядчика"');
  assert.ok(phrase.type === 'text' && phrase.quoted);
  assert.deepEqual(phrase.tokens, ['ищет', 'подрядчика']);
  const word = ast('Фёдорова');
  assert.ok(word.type === 'text');
  assert.deepEqual(word.tokens, ['федорова']);
  const email = ast('anna@romashka.ru');
  assert.ok(email.type === 'text');
  assert.deepEqual(email.tokens, ['anna@romashka.ru']);
  // A word that is not a field term stays text, colon and all.
  const time = ast('10:30');
  assert.ok(time.type === 'text');
  assert.deepEqual(time.tokens, ['10', '30']);
});

test('a lone - is punctuation, not a negation', () => {
  assert.equal(shape(ast('Smith - CEO')), '(and Smith - CEO)');
});

test('nodes carry 0-based start/end offsets and a 1-based column', () => {
  const node = ast('tag:vip (stage:won OR -city:Казань)');
  assert.ok(node.type === 'and');
  const [tag, group] = node.children;
  assert.deepEqual(tag && [tag.start, tag.end, tag.column], [0, 7, 1]);
  assert.deepEqual(group && [group.start, group.end, group.column], [8, 35, 9]);
  assert.ok(group?.type === 'or');
  const negated = group.children[1];
  assert.deepEqual(negated && [negated.type, negated.start, negated.column], ['not', 22, 23]);
  assert.ok(negated?.type === 'not' && negated.child.type === 'field');
  const value = negated.child.values[0];
  assert.deepEqual(value && [value.start, value.end, value.column], [28, 34, 29]);
});

// --- Errors: `{ column, message, expected }`, never an exception --------------------------------

test('a bad number names the token and the column of the bad value', () => {
  // PRODUCT.md §3 writes this example as "column 10"; counting from 1, `abc` starts at column 9
  // (v-a-l-u-e-:->-= are columns 1–8). The column points at the first character of `abc`.
  const e = error('value:>=abc');
  assert.equal(e.column, 9);
  assert.equal(e.expected, 'a number');
  assert.equal(e.message, 'value:>=abc — expected a number at column 9');
  assert.equal(formatQueryError(e, 'value:>=abc'), 'column 9: expected a number (value:>=abc)');
  assert.equal(error('tag:vip value:>договорная').column, 16);
  assert.equal(error('value:1..x').column, 10);
  assert.equal(error('value:>today').expected, 'a number', 'value is a number field');
});

test('a bad date: not ISO, not a real day, or a bad relative expression', () => {
  const e = error('created:>15.10.2026');
  assert.equal(e.column, 10);
  assert.match(e.expected, /^a date/);
  assert.match(e.message, /^created:>15\.10\.2026 — expected a date .* at column 10$/);
  assert.match(error('last_contact:<2026-02-30').expected, /^a date/);
  assert.match(error('last_contact:<today-30').expected, /^a date/);
  assert.match(error('created:2026-01-01..today-1q').expected, /^a date/);
  assert.equal(error('created:2026-01-01..today-1q').column, 21);
  assert.match(error('custom:>today+x').expected, /^a date/, 'looks like a date on an unknown field');
  assert.equal(error('custom:>abc').expected, 'a number or a date (YYYY-MM-DD or today±N(d|w|m|y))');
  assert.equal(error('value:5..2026-01-01').expected, 'a number');
});

test('a field with no value', () => {
  const e = error('stage:');
  assert.equal(e.column, 7);
  assert.match(e.message, /^stage: — expected a value/);
  assert.equal(error('tag:vip stage: x').column, 15);
  assert.equal(error('tag:vip,').column, 9, 'an empty alternative after a comma');
  assert.equal(error('has:').column, 5);
});

test('an unknown is: shortcut, or lifecycle value', () => {
  const e = error('is:stalled');
  assert.equal(e.column, 4);
  assert.equal(e.expected, 'stale, overdue, open or archived');
  assert.equal(error('is:stale,nope').column, 10);
  assert.equal(error('lifecycle:asleep').expected, 'none, new, active, sleeping or lost');
  assert.equal(error('lifecycle:>new').expected, 'none, new, active, sleeping or lost');
  assert.ok(parseQuery('lifecycle:SLEEPING').ok, 'case-insensitive');
});

test('unclosed and stray parentheses', () => {
  const unclosed = error('tag:vip (a OR b');
  assert.equal(unclosed.column, 16, 'where the ")" is missing');
  assert.match(unclosed.message, /^\(a OR b — expected a closing "\)" at column 16$/);
  const stray = error('a) b');
  assert.equal(stray.column, 2);
  assert.match(stray.message, /^\) — expected .*without a matching "\("/);
  assert.equal(error(')').column, 1);
  assert.equal(error('()').column, 2);
});

test('a trailing or leading OR, and OR OR', () => {
  const trailing = error('tag:vip OR');
  assert.equal(trailing.column, 11);
  assert.equal(trailing.expected, 'a term after OR');
  assert.equal(error('OR tag:vip').expected, 'a term before OR');
  assert.equal(error('a OR OR b').column, 6);
  assert.equal(error('(a OR) b').column, 6);
  assert.equal(error('a AND').expected, 'a term after AND');
});

test('an unclosed quote', () => {
  const e = error('city:"Нижний Новгород');
  assert.equal(e.column, 22);
  assert.equal(e.expected, 'a closing quote (")');
  assert.equal(error('"two words').column, 11);
});

test('deep nesting is an error, not a stack overflow', () => {
  assert.match(error(`${'('.repeat(10_000)}a${')'.repeat(10_000)}`).expected, /levels of nesting/);
  assert.match(error(`${'-'.repeat(10_000)}a`).expected, /levels of nesting/);
  assert.ok(parseQuery(`${'('.repeat(20)}a${')'.repeat(20)}`).ok);
});
