// CSV import in the core: reading spreadsheet files, mapping columns, planning creates and merges.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { CORE_SCHEMA, load } from 'js-yaml';
import { defaultConfig } from '../../../../src/core/config';
import { mapColumns, mappingText, parseMapOption, snakeCase, type ColumnMapping } from '../../../../src/core/import/columnMap';
import { detectDelimiter, detectEncoding, readCsvTable, type CsvTable } from '../../../../src/core/import/csvTable';
import { type ImportPlan, importSummary, planImport, planLines } from '../../../../src/core/import/importPlan';
import { importDate, importStage } from '../../../../src/core/import/rowValues';
import type { CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { SAMPLE_WORKSPACE } from '../../paths';

const config = defaultConfig();
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function table(text: string | Uint8Array): CsvTable {
  const result = readCsvTable(typeof text === 'string' ? utf8(text) : text);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

function mapped(t: CsvTable, map = ''): ColumnMapping[] {
  const overrides = parseMapOption(map);
  assert.ok(!('error' in overrides));
  const result = mapColumns(t.header, overrides);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

/** Records from file texts, parsed as the store does. */
function records(files: Record<string, string>): { list: CrmRecord[]; texts: Map<string, string> } {
  const list = Object.entries(files).map(([file, text]) => parseRecordText(file, text, { kind: 'client', archived: file.includes('/archive/') }).record!);
  return { list, texts: new Map(Object.entries(files)) };
}

async function plan(csv: string | Uint8Array, files: Record<string, string> = {}, map = ''): Promise<ImportPlan> {
  const t = table(csv);
  const { list, texts } = records(files);
  return planImport(t, mapped(t, map), {
    config,
    records: list,
    textOf: async (file) => texts.get(file),
    exists: (file) => texts.has(file),
    today: '2026-11-24',
  });
}

const fields = (text: string): Record<string, unknown> => load(text.split('---\n')[1]!, { schema: CORE_SCHEMA }) as Record<string, unknown>;

test('encoding: a BOM, else valid UTF-8, else Windows-1251; the delimiter from the header line', () => {
  const header = 'ФИО;Телефон;Город\r\n';
  assert.equal(detectEncoding(utf8(header)), 'utf-8');
  assert.equal(detectEncoding(iconv.encode(header, 'windows-1251')), 'windows-1251');
  assert.equal(detectEncoding(iconv.encode(header, 'utf-16le', { addBOM: true })), 'utf-16le');
  assert.equal(detectDelimiter('a;b;c\n1,5;2;3'), ';');
  assert.equal(detectDelimiter('a,b,"c;d"\n'), ',');
  assert.equal(detectDelimiter('a\tb\tc'), '\t');
  assert.equal(detectDelimiter('name'), ',');
  const t = table(iconv.encode('Имя\tГород\nАнна\tКазань\n', 'utf-16le', { addBOM: true }));
  assert.deepEqual([t.encoding, t.delimiter, t.header, t.rows[0]!.cells], ['utf-16le', '\t', ['Имя', 'Город'], ['Анна', 'Казань']]);
  const bom = table(`\uFEFFName,Email\n"Smith, Anna",a@b.ru\n`);
  assert.deepEqual(bom.header, ['Name', 'Email']);
  assert.deepEqual(bom.rows[0]!.cells, ['Smith, Anna', 'a@b.ru']);
});

test('rows keep the line they start on, across quoted line breaks and blank or empty-cell lines', () => {
  const t = table('Name;Notes\r\nAnna;"one\r\ntwo"\r\n\r\n;\r\nBob;x\r\n');
  assert.deepEqual(t.rows.map((r) => [r.line, r.cells]), [
    [2, ['Anna', 'one\ntwo']],
    [6, ['Bob', 'x']],
  ]);
});

test('an unclosed quote names the line it opens on; an empty or binary file is an error', () => {
  assert.deepEqual(readCsvTable(utf8('Name,Email\nAnna,a@b.ru\n"Bob,b@c.ru\nCarl,c@d.ru\n')), {
    error: 'line 3: a quoted cell starts here and is never closed (a " is missing); nothing was imported',
  });
  assert.match((readCsvTable(utf8('')) as { error: string }).error, /empty/);
  assert.match((readCsvTable(new Uint8Array([0x4e, 0, 0x41, 0x0a])) as { error: string }).error, /binary/);
});

test('headers map by name or a Russian/English alias; --map overrides; the rest become snake_case fields', () => {
  const header = ['ФИО', 'E-mail', 'Почта ', 'Телефон', 'Организация', 'Город', 'Метки', 'Источник', 'Стадия', 'Job Title', 'Дата визита', '', 'Stage since'];
  const result = mapColumns(header, parseMapOption('Почта=-') as Map<string, string>);
  assert.ok(!('error' in result));
  assert.equal(
    mappingText(result),
    'ФИО=name, E-mail=email, Почта =-, Телефон=phone, Организация=company, Город=city, Метки=tags, Источник=source, Стадия=stage, Job Title=job_title, Дата визита=дата_визита, =-, Stage since=-',
  );
  assert.deepEqual(mapColumns(['E-mail', 'Почта']), { error: 'columns "E-mail" and "Почта" both map to email; use --map "Почта=-" to skip one' });
  assert.match((mapColumns(['Город', 'Заметка']) as { error: string }).error, /no column for the name, e-mail or phone/);
  assert.match((mapColumns(['Name'], new Map([['Nope', 'city']])) as { error: string }).error, /no column "Nope"/);
  assert.deepEqual(parseMapOption('Имя'), { error: '--map: "Имя" is not Column=field' });
  assert.match((parseMapOption('A=b c') as { error: string }).error, /not a field name/);
  // "Фамилия" next to "Имя": "Имя" is the first name, and the name is both.
  assert.equal(mappingText(mapColumns(['Фамилия', 'Имя', 'Телефон']) as ColumnMapping[]), 'Фамилия=last_name, Имя=first_name, Телефон=phone');
  assert.equal(snakeCase('2nd Phone #'), '_2nd_phone');
});

test('typed cells take spreadsheet forms: dd.mm.yyyy dates, stage labels, decimal commas, да/нет', async () => {
  assert.equal(importDate('5.3.1985'), '1985-03-05');
  assert.equal(importDate('31.02.2026'), undefined);
  assert.equal(importStage('Предложение', { ...config, stages: [{ id: 'proposal', label: 'Предложение', closed: false }] }), 'proposal');
  const p = await plan('Фамилия;Имя;Сумма;День рождения;Согласие на рассылку;Стадия\nИванова;Ольга;120 000,50;14.05.1990;да;won\n');
  const created = p.outcomes[0]!;
  assert.equal(created.kind, 'create');
  assert.equal(created.file, 'clients/olga-ivanova.md');
  assert.deepEqual(fields(created.text), {
    name: 'Ольга Иванова', first_name: 'Ольга', last_name: 'Иванова', stage: 'won', value: 120000.5, birthday: '1990-05-14', consent: { email: true }, created: '2026-11-24', stage_since: '2026-11-24',
  });
});

test('bad rows are skipped with their line and reason; the others are imported', async () => {
  const p = await plan(['Name,Email,Value,Stage,Unsubscribed', 'Anna,bad@@mail,,,', 'Bob,bob@x.ru,12abc,,', 'Carl,c@x.ru,,thinking,', ',d@x.ru,,,', 'Dan,d2@x.ru,,,maybe', 'Eve,e@x.ru,,,,extra', 'Fay,f@x.ru,,,no', ''].join('\n'));
  assert.deepEqual(planLines(p), [
    'line 2: skipped, invalid e-mail: "bad@@mail" is not an e-mail address',
    'line 3: skipped, invalid value: value: "12abc" is not a number',
    'line 4: skipped, unknown stage: unknown stage "thinking"; configured stages: lead, qualified, proposal, negotiation, won, lost',
    'line 5: skipped, no name: a new record needs a name, and no record has this e-mail or phone',
    'line 6: skipped, invalid value: unsubscribed: "maybe" is not yes or no (да/нет, true/false, 1/0)',
    'line 7: skipped, too many cells: 6 cells, the header has 5',
    'line 8: create clients/fay.md (Fay)',
  ]);
  assert.equal(importSummary(p), 'created 1, updated 0, unchanged 0, skipped 6 (1 invalid e-mail, 2 invalid value, 1 unknown stage, 1 no name, 1 too many cells)');
});

const OLGA = `---
# The client since 2024
name: Ольга Иванова
email: Olga@Mail.ru
phone: "+7 (912) 345-67-89"
city: Казань
tags: [b2b]   # segments
stage: proposal
---
## Notes
Звонить после 18:00.
`;

test('a match by e-mail or phone fills empty fields and adds tags, never overwriting; the rest of the file stays', async () => {
  const p = await plan('Name;E-mail;Phone;City;Company;Tags;Notes\nОльга;olga@mail.ru ;;Москва;ООО Ромашка;b2b, VIP;Звонить после 18:00.\nО. Иванова;;8 912 345 67 89;казань;;новый;Перезвонить в декабре\n', { 'clients/olga-ivanova.md': OLGA });
  assert.equal(p.outcomes.length, 1);
  const o = p.outcomes[0]!;
  assert.equal(o.kind, 'update');
  assert.deepEqual(o.lines, [2, 3]);
  assert.deepEqual(o.filled, ['company']);
  assert.deepEqual(o.tags, ['VIP', 'новый']);
  assert.deepEqual(o.conflicts, [
    { line: 2, field: 'name', kept: 'Ольга Иванова', offered: 'Ольга' },
    { line: 2, field: 'city', kept: 'Казань', offered: 'Москва' },
    { line: 3, field: 'name', kept: 'Ольга Иванова', offered: 'О. Иванова' },
  ]);
  assert.equal(
    o.text,
    OLGA.replace('tags: [b2b]', 'tags: [b2b, VIP, новый]').replace('stage: proposal\n', 'stage: proposal\ncompany: ООО Ромашка\n') + '\n## Log\n- 2026-11-24 import: Перезвонить в декабре\n',
  );
  assert.match(planLines(p).join('\n'), /^lines 2, 3: update clients\/olga-ivanova\.md \(Ольга Иванова\): company, tags \+VIP \+новый, notes\n {2}conflict, line 2: name stays "Ольга Иванова"; the file has "Ольга"/);
  assert.equal(importSummary(p), 'created 0, updated 1, unchanged 0, skipped 0; 3 conflicts, existing values kept');
});

test('a record with nothing new is unchanged, archived records match too, and a second import changes nothing', async () => {
  const archived = OLGA.replace('name: Ольга Иванова', 'name: Ольга Архивная').replace('Olga@Mail.ru', 'old@mail.ru').replace('+7 (912) 345-67-89', '+7 900 000-00-00');
  const csv = 'Name,Email,Phone,City\nОльга Иванова,OLGA@mail.ru,,Казань\nОльга Архивная,,+79000000000,\nНовая Клиентка,new@x.ru,,\nБез Контактов,,,Тверь\n';
  const files = { 'clients/olga-ivanova.md': OLGA, 'clients/archive/olga-old.md': archived };
  const first = await plan(csv, files);
  assert.deepEqual(first.outcomes.map((o) => [o.kind, 'file' in o ? o.file : '']), [
    ['unchanged', 'clients/olga-ivanova.md'],
    ['unchanged', 'clients/archive/olga-old.md'],
    ['create', 'clients/novaia-klientka.md'],
    ['create', 'clients/bez-kontaktov.md'],
  ]);
  const created = Object.fromEntries(first.outcomes.flatMap((o) => (o.kind === 'create' ? [[o.file, o.text]] : [])));
  const second = await plan(csv, { ...files, ...created });
  assert.deepEqual(second.outcomes.map((o) => o.kind), ['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  assert.equal(importSummary(second), 'created 0, updated 0, unchanged 4, skipped 0');
});

test('rows that match each other make one record; slugs never collide; a shared name without contacts is ambiguous', async () => {
  const p = await plan('Name,Email,Phone,Tags\nАнна,anna@x.ru,,a\nАнна,,,\nАнна Б,ANNA@x.ru,+7 912 000-11-22,b\nАнна,other@x.ru,,\n', { 'clients/anna.md': '---\nname: Анна\nphone: "+7 999 000-00-00"\n---\n' });
  assert.deepEqual(planLines(p), [
    'lines 2, 4: create clients/anna-2.md (Анна)',
    '  conflict, line 4: name stays "Анна"; the file has "Анна Б"',
    'line 3: skipped, ambiguous name: no e-mail or phone, and 2 records are named "Анна": clients/anna.md, line 2',
    'line 5: create clients/anna-3.md (Анна)',
  ]);
  const merged = p.outcomes[0]!;
  assert.equal(merged.kind, 'create');
  assert.deepEqual(fields(merged.text).tags, ['a', 'b']);
  assert.equal(fields(merged.text).phone, '+7 912 000-11-22');
});

test('cells are stored verbatim as YAML strings: formulas, quotes, numbers-as-text, line breaks, custom fields', async () => {
  const p = await plan('Name,City,Phone,Code,Notes\n"=HYPERLINK(""http://evil"",""x"")","Нижний: ""Новгород"" #1",89123456789,007,"line one\nline two"\n');
  const o = p.outcomes[0]!;
  assert.equal(o.kind, 'create');
  const parsed = parseRecordText(o.file, o.text, { kind: 'client', archived: false });
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(
    { name: parsed.record!.data.name, city: parsed.record!.data.city, phone: parsed.record!.data.phone, code: parsed.record!.data['code'] },
    { name: '=HYPERLINK("http://evil","x")', city: 'Нижний: "Новгород" #1', phone: '89123456789', code: '007' },
  );
  assert.equal(o.file, 'clients/hyperlink-http-evil-x.md');
  assert.match(parsed.record!.body, /line one\nline two/);
  assert.equal(p.outcomes.length, 1);
  assert.ok(!o.text.includes('consent'), 'consent is never assumed');
});

test('the Windows-1251 ";" sample from Excel imports into the sample workspace', async () => {
  const bytes = readFileSync(path.join(SAMPLE_WORKSPACE, 'examples', 'contacts-excel-1251.csv'));
  const t = table(bytes);
  assert.deepEqual([t.encoding, t.delimiter, t.rows.length], ['windows-1251', ';', 8]);
  assert.equal(t.header[0], 'ФИО');
  const anna = readFileSync(path.join(SAMPLE_WORKSPACE, 'clients', 'anna-smirnova.md'), 'utf8');
  const p = await plan(bytes, { 'clients/anna-smirnova.md': anna });
  assert.equal(importSummary(p), 'created 4, updated 1, unchanged 0, skipped 2 (1 invalid e-mail, 1 too many cells)');
});
