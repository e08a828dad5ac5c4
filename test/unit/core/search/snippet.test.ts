import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeSnippet, termsMatcher, wordsMatcher, type Snippet } from '../../../../src/core/search/snippet';
import { stem } from '../../../../src/core/search/text';

const highlighted = (s: Snippet): string[] => s.highlights.map(([a, b]) => s.text.slice(a, b));
const stems = (...words: string[]): string[] => words.map((w) => stem(w));

test('a short text is the whole snippet, with the match highlighted in its original case', () => {
  const s = makeSnippet('Встреча в Москве прошла хорошо.', termsMatcher(stems('москва')));
  assert.equal(s.text, 'Встреча в Москве прошла хорошо.');
  assert.deepEqual(highlighted(s), ['Москве']);
  assert.equal(s.lineIndex, 0);
});

test('ё in the text is matched by е in the query and kept as written', () => {
  const s = makeSnippet('Ольга Фёдорова', termsMatcher(stems('федорова')));
  assert.deepEqual(highlighted(s), ['Фёдорова']);
});

test('a long text is cut on word boundaries around the match, with ellipses', () => {
  const before = 'слово '.repeat(60);
  const after = ' ещё'.repeat(60);
  const text = `${before}важное предложение${after}`;
  const s = makeSnippet(text, termsMatcher(stems('предложение')), { maxLength: 100 });
  assert.ok(s.text.startsWith('…'), s.text);
  assert.ok(s.text.endsWith('…'), s.text);
  assert.ok(s.text.length <= 102, `${s.text.length}`);
  assert.deepEqual(highlighted(s), ['предложение']);
  // Cut between words: every word in the snippet is whole.
  for (const word of s.text.replace(/…/g, '').trim().split(' ')) assert.ok(['слово', 'важное', 'предложение', 'ещё'].includes(word), word);
});

test('the window with the most distinct query terms wins over the first match', () => {
  const text = ['Proposal sent in March.', 'Nothing happened for a while.', 'The revised proposal for the dashboard is ready.'].join('\n');
  const s = makeSnippet(text, termsMatcher(stems('proposal', 'dashboard')));
  assert.equal(s.text, 'The revised proposal for the dashboard is ready.');
  assert.deepEqual(highlighted(s), ['proposal', 'dashboard']);
  assert.equal(s.lineIndex, 2);
});

test('the snippet stays on the matching line and collapses whitespace', () => {
  const s = makeSnippet('## Notes\n- [ ]   2026-11-25    Call   Anna\n- [x] other', termsMatcher(stems('call')));
  assert.equal(s.text, '- [ ] 2026-11-25 Call Anna');
  assert.deepEqual(highlighted(s), ['Call']);
  assert.equal(s.lineIndex, 1);
});

test('a matched email is one highlight', () => {
  const s = makeSnippet('Пишите на Anna@Romashka.ru, пожалуйста', termsMatcher(['anna@romashka.ru', 'anna', 'romashka', 'ru']));
  assert.deepEqual(highlighted(s), ['Anna@Romashka.ru']);
});

test('prefix matches from the index (the matched terms) are highlighted', () => {
  // A prefix search for "смир" reports the indexed term it expanded to.
  const s = makeSnippet('Рекомендация от Смирновой', termsMatcher([stem('смирновой')]));
  assert.deepEqual(highlighted(s), ['Смирновой']);
});

test('wordsMatcher: same stem, or a prefix for words of 3+ characters', () => {
  const s = makeSnippet('Смирнова звонила из Москвы', wordsMatcher(['смир', 'москва', 'зв']));
  assert.deepEqual(highlighted(s), ['Смирнова', 'Москвы']);
});

test('no match gives the start of the text without highlights', () => {
  const s = makeSnippet('First line\nsecond line', termsMatcher(['zzz']));
  assert.equal(s.text, 'First line');
  assert.deepEqual(s.highlights, []);
});

test('a 5 MB text without spaces completes', () => {
  const s = makeSnippet('я'.repeat(5_000_000), termsMatcher(['я']));
  assert.ok(s.text.length <= 102);
});
