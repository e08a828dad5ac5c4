// Templates: placeholders per output, escaping, missing-field markers, syntax errors with their
// position, amounts in words, and every bundled template.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { resolveConfig } from '../../../../src/core/config';
import type { CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { WorkspaceStore } from '../../../../src/core/store';
import { BUNDLED_TEMPLATES } from '../../../../src/core/templates/bundled';
import { parseTemplate, renderTemplate, rublesInWords, type Template } from '../../../../src/core/templates/template';
import { runs } from '../../fuzz';
import { SAMPLE_WORKSPACE } from '../../paths';

const TODAY = '2026-11-24';
const config = resolveConfig({ locale: 'ru-RU', currency: 'RUB', seller: { name: 'ИП Белкин', inn: '165512345632' } }).config;
const client = (front: string): CrmRecord => parseRecordText('clients/x.md', `---\n${front}\n---\n`, { kind: 'client', archived: false }).record!;
const template = (body: string, front = 'kind: document\ntitle: T\nlang: ru'): Template => {
  const parsed = parseTemplate('.crm/templates/t.md', `---\n${front}\n---\n${body}`);
  assert.deepEqual(parsed.problems, []);
  return parsed.template!;
};

test('placeholders: client fields and name, seller, today; money, date and words sections', () => {
  const t = template('{{client.name}} ({{client.company}}) — {{seller.name}}, {{today}}: {{#money}}{{client.value}}{{/money}}, {{#words}}{{client.value}}{{/words}}, {{#date}}{{client.created}}{{/date}}');
  const out = renderTemplate(t, { client: client('name: Анна\ncompany: ООО «Ромашка»\nvalue: 120000\ncreated: 2026-01-15'), config, today: TODAY });
  assert.equal(out.text, 'Анна (ООО «Ромашка») — ИП Белкин, 24 ноября 2026 г.: 120\u00a0000\u00a0₽, Сто двадцать тысяч рублей 00 копеек, 15 января 2026 г.');
  assert.deepEqual(out.missing, []);
});

test('a missing field prints a visible marker and is listed; English templates say "missing"', () => {
  const out = renderTemplate(template('ИНН {{client.inn}}, {{client.name}}, ИНН {{client.inn}}'), { client: client('name: Анна'), config, today: TODAY });
  assert.equal(out.text, 'ИНН [нет: client.inn], Анна, ИНН [нет: client.inn]');
  assert.deepEqual(out.missing, ['client.inn']);
  const en = renderTemplate(template('VAT {{client.vat}}', 'kind: message\nlang: en'), { client: client('name: A'), config, today: TODAY });
  assert.equal(en.text, 'VAT [missing: client.vat]');
});

test('HTML output escapes every value; Markdown prints it as it is; values never become template syntax', () => {
  const hostile = client('name: "<script>alert(1)</script> & {{seller.inn}}"\ncompany: "=HYPERLINK(\\"http://x\\")"');
  const t = template('{{client.name}} | {{client.company}}');
  assert.equal(renderTemplate(t, { client: hostile, config, today: TODAY }, true).text, '&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; {{seller.inn}} | &#x3D;HYPERLINK(&quot;http:&#x2F;&#x2F;x&quot;)');
  assert.equal(renderTemplate(t, { client: hostile, config, today: TODAY }).text, '<script>alert(1)</script> & {{seller.inn}} | =HYPERLINK("http://x")');
});

test('lists render through sections; a subject is a template too', () => {
  const t = template('{{#client.tags}}[{{.}}]{{/client.tags}} {{client.tags}}', 'kind: message\nlang: ru\nsubject: "Для {{client.name}}"');
  const out = renderTemplate(t, { client: client('name: Анна\ntags: [vip, b2b]'), config, today: TODAY });
  assert.equal(out.text, '[vip][b2b] vip, b2b');
  assert.equal(out.subject, 'Для Анна');
});

test('syntax errors and unescaped tags are problems with their line and column', () => {
  const unclosed = parseTemplate('.crm/templates/x.md', '---\nkind: document\n---\nline one\nHello {{client.name\n');
  assert.equal(unclosed.template, undefined);
  assert.deepEqual(unclosed.problems.map((p) => [p.line, p.column]), [[5, 7]]);
  assert.match(unclosed.problems[0]!.message, /^template syntax: Unclosed tag at \d+$/);
  const section = parseTemplate('.crm/templates/x.md', '---\nkind: document\n---\n{{#client.tags}}x\n');
  assert.match(section.problems[0]!.message, /Unclosed section "client.tags"/);
  assert.deepEqual(section.problems.map((p) => [p.line, p.column]), [[4, 1]]);
  const raw = parseTemplate('.crm/templates/x.md', '---\nkind: document\n---\n\nok {{{client.name}}}\n');
  assert.deepEqual(raw.problems.map((p) => [p.line, p.column]), [[5, 4]]);
  assert.equal(parseTemplate('.crm/templates/x.md', 'no front matter').template, undefined);
});

test('amounts in words: a reference table, rubles and kopecks', () => {
  const table: Array<[number, string]> = [
    [0, 'Ноль рублей 00 копеек'],
    [1, 'Один рубль 00 копеек'],
    [2, 'Два рубля 00 копеек'],
    [5, 'Пять рублей 00 копеек'],
    [11, 'Одиннадцать рублей 00 копеек'],
    [21, 'Двадцать один рубль 00 копеек'],
    [1000, 'Одна тысяча рублей 00 копеек'],
    [2000, 'Две тысячи рублей 00 копеек'],
    [21000, 'Двадцать одна тысяча рублей 00 копеек'],
    [120000, 'Сто двадцать тысяч рублей 00 копеек'],
    [84000.5, 'Восемьдесят четыре тысячи рублей 50 копеек'],
    [0.01, 'Ноль рублей 01 копейка'],
    [1000000, 'Один миллион рублей 00 копеек'],
    [1000000000, 'Один миллиард рублей 00 копеек'],
  ];
  for (const [n, words] of table) assert.equal(rublesInWords(n), words, String(n));
  assert.equal(rublesInWords(-1), undefined);
});

test('property: for 0…10⁹ the ruble noun agrees with the number, and the kopecks are 00', async () => {
  const fc = await import('fast-check');
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e9 }), (n) => {
      const words = rublesInWords(n)!;
      const [, noun, kopecks] = /(рубль|рубля|рублей) (\d\d) копеек$/.exec(words) ?? [];
      const last = n % 100;
      const expected = last >= 11 && last <= 14 ? 'рублей' : n % 10 === 1 ? 'рубль' : n % 10 >= 2 && n % 10 <= 4 ? 'рубля' : 'рублей';
      assert.equal(noun, expected, `${n}: ${words}`);
      assert.equal(kopecks, '00');
      assert.match(words, /^[А-ЯЁ][а-яё ]+\d\d копеек$/);
    }),
    { numRuns: runs(2000) },
  );
});

let store: WorkspaceStore;
before(async () => {
  store = new WorkspaceStore(SAMPLE_WORKSPACE);
  await store.load();
});

test('every bundled template parses, and renders for a sample client (with its invoice) without gaps', () => {
  const client = store.get('yulia-tarasova')!;
  const invoice = store.invoices().find((r) => r.data.number === 'INV-2026-0001')!;
  assert.equal(Object.keys(BUNDLED_TEMPLATES).length, 18);
  for (const [file, text] of Object.entries(BUNDLED_TEMPLATES)) {
    const parsed = parseTemplate(`.crm/templates/${file.slice(3)}`, text);
    assert.deepEqual(parsed.problems, [], file);
    const out = renderTemplate(parsed.template!, { client, config: store.config, today: TODAY, invoice });
    assert.deepEqual(out.missing, [], `${file}: ${out.missing.join(', ')}`);
    assert.equal(parsed.template!.meta.lang, file.slice(0, 2));
  }
});

test('templates in .crm/templates/ are checked with the workspace: syntax errors and front matter are problems on their lines', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-templates-'));
  try {
    mkdirSync(path.join(root, '.crm', 'templates'), { recursive: true });
    writeFileSync(path.join(root, '.crm', 'config.yaml'), 'currency: RUB\n');
    writeFileSync(path.join(root, '.crm', 'templates', 'ok.md'), '---\nkind: message\nlang: ru\n---\nПривет, {{client.name}}!\n');
    writeFileSync(path.join(root, '.crm', 'templates', 'broken.md'), '---\nkind: letter\ncolour: red\n---\n\nHi {{#client.tags}}\n');
    const store = new WorkspaceStore(root);
    await store.load();
    const problems = store.problems().map((p) => `${p.file}:${p.range.start.line}:${p.range.start.column} ${p.severity} ${p.code}`);
    assert.deepEqual(problems.sort(), [
      '.crm/templates/broken.md:2:1 warning schema',
      '.crm/templates/broken.md:3:1 warning schema',
      '.crm/templates/broken.md:6:4 error parse-error',
    ]);
    assert.equal(store.clients().length, 0, 'templates are not clients');
    await store.updateFile('.crm/templates/broken.md', '---\nkind: document\n---\nFixed {{client.name}}\n');
    assert.deepEqual(store.problems(), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('every bundled template\'s front matter follows schemas/template.schema.json', async () => {
  const { schemaIssues } = await import('../../../../src/core/validate');
  for (const [file, text] of Object.entries(BUNDLED_TEMPLATES)) {
    const data = parseRecordText(`.crm/templates/${file.slice(3)}`, text, { kind: 'client', archived: false }).record!.data;
    assert.deepEqual(schemaIssues('template', data), [], file);
  }
});
