// The extension's manifest and translations agree with the code (no VS Code needed): every
// `%key%` in package.json has an English and a Russian string, every `vscode.l10n.t('…')` in
// src/extension has a Russian translation with the same placeholders, and nothing is left over.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../paths';

function json(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The first argument of every `l10n.t('…')` call with a string literal. */
function l10nKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sources(path.join(REPO_ROOT, 'src', 'extension'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) keys.add(match[2]!.replace(/\\(.)/g, '$1'));
  }
  return keys;
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}

const manifest = json('package.json');
const nls = json('package.nls.json');
const nlsRu = json('package.nls.ru.json');

test('every %key% in package.json has an English and a Russian string', () => {
  const used = new Set([...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
  assert.ok(used.size > 0);
  for (const key of used) {
    assert.equal(typeof nls[key], 'string', `package.nls.json has ${key}`);
    assert.equal(typeof nlsRu[key], 'string', `package.nls.ru.json has ${key}`);
  }
  assert.deepEqual(Object.keys(nlsRu).sort(), Object.keys(nls).sort(), 'the Russian file has the same keys');
  assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'no unused strings in package.nls.json');
});

test('every vscode.l10n.t string in src/extension has a Russian translation with the same placeholders', () => {
  assert.equal(manifest['l10n'], './l10n');
  const bundle = json('l10n/bundle.l10n.ru.json') as Record<string, string>;
  const keys = l10nKeys();
  assert.ok(keys.size > 0);
  for (const key of keys) {
    assert.equal(typeof bundle[key], 'string', `l10n/bundle.l10n.ru.json translates "${key}"`);
    assert.deepEqual(placeholders(bundle[key]!), placeholders(key), `placeholders of "${key}"`);
  }
  assert.deepEqual(Object.keys(bundle).filter((k) => !keys.has(k)), [], 'no stale translations');
});

test('commands carry the "Plain CRM" category and views live in the Plain CRM container', () => {
  const contributes = manifest['contributes'] as {
    commands: { command: string; title: string; category: string }[];
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string }[]>;
  };
  for (const command of contributes.commands) {
    assert.match(command.command, /^plainCrm\./);
    assert.equal(command.category, '%category%', `${command.command} has the category`);
    assert.match(command.title, /^%.+%$/, `${command.command} has a localized title`);
  }
  assert.equal(nls['category'], 'Plain CRM');
  const container = contributes.viewsContainers.activitybar.find((c) => c.id === 'plainCrm');
  assert.ok(container, 'the plainCrm activity bar container');
  assert.ok(existsSync(path.join(REPO_ROOT, container.icon)), `${container.icon} exists`);
  assert.ok(contributes.views['plainCrm']?.some((v) => v.id === 'plainCrm.pipeline'));
  assert.ok((manifest['activationEvents'] as string[]).includes('workspaceContains:.crm/config.yaml'));
});

test('Workspace Trust: limited support, and the commands greyed out in Restricted Mode are the ones refused in code', () => {
  const capabilities = manifest['capabilities'] as { untrustedWorkspaces?: { supported?: unknown } };
  assert.equal(capabilities.untrustedWorkspaces?.supported, 'limited');
  const commands = (manifest['contributes'] as { commands: { command: string; enablement?: string }[] }).commands;
  const greyed = commands.filter((c) => c.enablement === 'isWorkspaceTrusted').map((c) => c.command).sort();
  const guarded = new Set<string>();
  const plain = new Set<string>();
  for (const file of sources(path.join(REPO_ROOT, 'src', 'extension'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/registerWriteCommand\(\s*'([^']+)'/g)) guarded.add(m[1]!);
    for (const m of text.matchAll(/commands\.registerCommand\(\s*'([^']+)'/g)) plain.add(m[1]!);
  }
  assert.deepEqual([...guarded].sort(), greyed, 'registerWriteCommand ⇔ "enablement": "isWorkspaceTrusted"');
  // What stays available in Restricted Mode only reads.
  assert.deepEqual([...plain].sort(), ['plainCrm.copyContact', 'plainCrm.openDashboard', 'plainCrm.reload', 'plainCrm.searchClients', 'plainCrm.showAllClients', 'plainCrm.showMyClients', 'plainCrm.sortClients']);
});
