import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../paths';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('src/core never imports vscode (it is shared by the CLI and tests)', () => {
  const offenders = sources(path.join(REPO_ROOT, 'src', 'core')).filter((file) =>
    /(from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/.test(readFileSync(file, 'utf8')),
  );
  assert.deepEqual(offenders.map((f) => path.relative(REPO_ROOT, f)), []);
});

test('src/core and src/cli never import the extension layer', () => {
  const offenders = [...sources(path.join(REPO_ROOT, 'src', 'core')), ...sources(path.join(REPO_ROOT, 'src', 'cli'))].filter((file) =>
    /from\s+['"][./]*\/extension\//.test(readFileSync(file, 'utf8')),
  );
  assert.deepEqual(offenders.map((f) => path.relative(REPO_ROOT, f)), []);
});
