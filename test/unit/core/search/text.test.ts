import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmailToken, MAX_TOKEN_LENGTH, normalizeText, stem, tokenize } from '../../../../src/core/search/text';

test('normalizeText: NFC, lower case, ё → е', () => {
  assert.equal(normalizeText('ЁЛКА Ёжик'), 'елка ежик');
  // A decomposed ё (е + U+0308, as macOS file names store it) is the same word.
  assert.equal(normalizeText('Фе\u0308доров'), 'федоров');
  assert.equal(normalizeText('Smith'), 'smith');
});

test('tokenize splits Cyrillic and Latin text on anything that is not a letter or digit', () => {
  assert.deepEqual(tokenize('Анна Смирнова, ООО «Ромашка»!'), ['анна', 'смирнова', 'ооо', 'ромашка']);
  assert.deepEqual(tokenize('John Smith — Acme Corp.'), ['john', 'smith', 'acme', 'corp']);
  assert.deepEqual(tokenize('first_name/last-name'), ['first', 'name', 'last', 'name']);
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' \n\t—…!? '), []);
});

test('tokenize folds ё into е', () => {
  assert.deepEqual(tokenize('Пётр Фёдоров'), ['петр', 'федоров']);
});

test('tokenize keeps digits and mixed words', () => {
  assert.deepEqual(tokenize('+7 912 345-67-89'), ['7', '912', '345', '67', '89']);
  assert.deepEqual(tokenize('INV-2026-0001 b2b'), ['inv', '2026', '0001', 'b2b']);
});

test('an email yields the whole address, then its parts', () => {
  assert.deepEqual(tokenize('anna@romashka.ru'), ['anna@romashka.ru', 'anna', 'romashka', 'ru']);
  assert.deepEqual(tokenize('Write to Ivan.Petrov@Mail.Example.com.'), [
    'write',
    'to',
    'ivan.petrov@mail.example.com',
    'ivan',
    'petrov',
    'mail',
    'example',
    'com',
  ]);
  // Not an address: no domain dot, or a one-letter top-level domain.
  assert.deepEqual(tokenize('@ivan'), ['ivan']);
  assert.deepEqual(tokenize('anna@romashka.r'), ['anna', 'romashka', 'r']);
  assert.ok(isEmailToken('anna@romashka.ru'));
  assert.ok(!isEmailToken('anna'));
});

test('without the whole-address tokens the words keep their order (for "two words" phrases)', () => {
  const words = tokenize('ivan anna@x.ru petr').filter((t) => !isEmailToken(t));
  assert.deepEqual(words, ['ivan', 'anna', 'x', 'ru', 'petr']);
});

test('very long tokens are cut, and hostile input completes', () => {
  const [only] = tokenize('я'.repeat(10_000));
  assert.equal(only?.length, MAX_TOKEN_LENGTH);
  // A long run of address characters with many @: the email scan is bounded around each @.
  const hostile = `${'a.'.repeat(500_000)}@${'b-'.repeat(500_000)}${'@'.repeat(100_000)}`;
  assert.ok(tokenize(hostile).length > 0);
});

test('stem: Russian forms of one word share a stem', () => {
  const forms = ['Москва', 'Москве', 'москвы', 'Москву'].map((w) => stem(normalizeText(w)));
  assert.equal(new Set(forms).size, 1);
  assert.equal(stem('смирнова'), stem('смирновой'));
});

test('stem: English plural and singular share a stem', () => {
  assert.equal(stem('proposals'), stem('proposal'));
  assert.equal(stem('dashboards'), stem('dashboard'));
});

test('stem leaves numbers, mixed words and emails alone', () => {
  assert.equal(stem('2026'), '2026');
  assert.equal(stem('b2b'), 'b2b');
  assert.equal(stem('anna@romashka.ru'), 'anna@romashka.ru');
});

test('stem is stable across calls (cached)', () => {
  for (let i = 0; i < 3; i++) assert.equal(stem('предложения'), stem('предложение'));
});

test('normalizeText equals NFC + lower case + ё→е for every BMP character (its fast path is exact)', () => {
  const reference = (s: string): string => s.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
  const wrong: string[] = [];
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code < 0xe000) continue; // lone surrogates are not characters
    const ch = String.fromCharCode(code);
    if (normalizeText(ch) !== reference(ch)) wrong.push(code.toString(16));
  }
  assert.deepEqual(wrong, []);
});

test('tokenize handles characters outside the BMP: letters join words, emoji separate them', () => {
  assert.deepEqual(tokenize('𠀋𠀌 and 𝐀'), ['𠀋𠀌', 'and', '𝐀']);
  assert.deepEqual(tokenize('ok😀go'), ['ok', 'go']);
  assert.deepEqual(tokenize('broken \ud800 surrogate'), ['broken', 'surrogate']);
});

test('tokenize equals normalizeText of each word of the text, on tricky and random text', () => {
  // Word by word, so a word's case folding never depends on its neighbours (a Greek Σ after
  // "word." would otherwise become a final ς in a record but σ in a query).
  const reference = (text: string): string[] =>
    [...text.normalize('NFC').matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => normalizeText(m[0]).slice(0, MAX_TOKEN_LENGTH));
  const tricky = ['ΟΔΟΣ. Σίσυφος ΣΑΣ', 'İstanbul DİYARBAKIR', 'STRASSE ẞ', 'Фе\u0308доров ЁЛКА ёлка', 'e\u0301te\u0301 CAFÉ', '𐐀𐐁 Deseret', 'ǅemal ǈ'];
  for (const text of tricky) assert.deepEqual(tokenize(text), reference(text), text);
  const pool = [...'aZяЯёЁΣσİıßẞ\u0301\u0308 .,-—«»0123456789𝐀😀\t\n'];
  let seed = 7;
  const next = (): number => {
    seed = (seed * 48271) % 2147483647;
    return seed;
  };
  for (let k = 0; k < 2000; k++) {
    let text = '';
    for (let i = next() % 40; i > 0; i--) text += pool[next() % pool.length] ?? '';
    assert.deepEqual(tokenize(text), reference(text), JSON.stringify(text));
  }
});
