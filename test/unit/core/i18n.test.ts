// Every message of the core and the CLI goes through t('…') with a literal English text, and
// l10n/core.l10n.ru.json translates each one with the same placeholders, and nothing more.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { languageOf, t, useLanguage } from '../../../src/core/i18n';
import { chooseLanguage } from '../../../src/cli/language';
import { REPO_ROOT } from '../paths';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const CALL = /(?<![\w.$]|function )t\(\s*/g;
const LITERAL = /^(['"])((?:\\.|(?!\1).)*)\1/;

/** The English texts of every t() call in src/core and src/cli; calls without a literal are listed apart. */
function usedKeys(): { keys: Set<string>; dynamic: string[] } {
  const keys = new Set<string>();
  const dynamic: string[] = [];
  for (const dir of ['core', 'cli']) {
    for (const file of sources(path.join(REPO_ROOT, 'src', dir))) {
      const text = readFileSync(file, 'utf8');
      for (const call of text.matchAll(CALL)) {
        const rest = text.slice(call.index + call[0].length);
        const literal = LITERAL.exec(rest);
        if (literal) keys.add(literal[2]!.replace(/\\(.)/g, '$1'));
        else dynamic.push(`${path.relative(REPO_ROOT, file)}: t(${rest.slice(0, 30)}`);
      }
    }
  }
  return { keys, dynamic };
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}

test('every t() text in src/core and src/cli has a Russian translation with the same placeholders, and none is unused', () => {
  const bundle = JSON.parse(readFileSync(path.join(REPO_ROOT, 'l10n', 'core.l10n.ru.json'), 'utf8')) as Record<string, string>;
  const { keys, dynamic } = usedKeys();
  assert.deepEqual(dynamic, [], 't() takes a literal text, so it can be translated');
  assert.ok(keys.size > 50, `found ${keys.size} texts`);
  const missing = [...keys].filter((key) => typeof bundle[key] !== 'string');
  assert.deepEqual(missing, [], 'l10n/core.l10n.ru.json translates these');
  for (const key of keys) assert.deepEqual(placeholders(bundle[key]!), placeholders(key), `placeholders of "${key}"`);
  assert.deepEqual(Object.keys(bundle).filter((k) => !keys.has(k)), [], 'no unused translations');
});

test('useLanguage switches t() between English and Russian', () => {
  const bundle = JSON.parse(readFileSync(path.join(REPO_ROOT, 'l10n', 'core.l10n.ru.json'), 'utf8')) as Record<string, string>;
  const [english, russian] = Object.entries(bundle).find(([key]) => key.includes('{0}')) ?? Object.entries(bundle)[0]!;
  try {
    useLanguage('ru');
    assert.equal(t(english, 'X'), russian.replace('{0}', 'X'));
    useLanguage('en');
    assert.equal(t(english, 'X'), english.replace('{0}', 'X'));
  } finally {
    useLanguage('en');
  }
});

test('the language comes from --lang, else LC_ALL, LC_MESSAGES, LANG', () => {
  assert.equal(languageOf('ru_RU.UTF-8'), 'ru');
  assert.equal(languageOf('ru'), 'ru');
  assert.equal(languageOf('rue'), 'en');
  assert.equal(languageOf('C.UTF-8'), 'en');
  assert.equal(languageOf(undefined), 'en');
  assert.equal(chooseLanguage([], { LANG: 'ru_RU.UTF-8' }), 'ru');
  assert.equal(chooseLanguage([], { LANG: 'ru_RU.UTF-8', LC_ALL: 'en_US.UTF-8' }), 'en');
  assert.equal(chooseLanguage([], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8' }), 'ru');
  assert.equal(chooseLanguage([], { LANG: 'ru_RU.UTF-8', LC_ALL: '' }), 'ru');
  assert.equal(chooseLanguage(['lint', '--lang', 'en'], { LANG: 'ru_RU.UTF-8' }), 'en');
  assert.equal(chooseLanguage(['--lang=ru', 'lint'], {}), 'ru');
  assert.equal(chooseLanguage(['search', '--', '--lang', 'x'], {}), 'en');
  assert.throws(() => chooseLanguage(['--lang', 'de'], {}), /--lang: "de" is not supported; use en or ru/);
});
