// The CLI as npm ships it: `npm pack`, unpack the tarball far from this repository (so no
// node_modules can be found), and run its bin — help, lint, and an invoice PDF with Cyrillic.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT, SAMPLE_WORKSPACE } from './paths';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-pack-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function npm(args: string[]): string {
  // Scripts are skipped: `npm run test:unit` has just built dist/, which is what gets packed.
  return execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
}

test('the npm tarball holds the CLI bundles and runs with nothing installed beside it', () => {
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir])) as { filename: string; files: { path: string }[] }[];
  assert.ok(packed);
  const files = packed.files.map((f) => f.path).sort();
  for (const file of ['bin/plain-crm.js', 'dist/cli.js', 'dist/pdfkit.js', 'dist/loadWorker.js', 'dist/fonts/DejaVuSans.ttf', 'dist/fonts/DejaVuSans-Bold.ttf', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    assert.ok(files.includes(file), `${file} is packed`);
  }
  assert.deepEqual(files.filter((f) => /^(src|test|node_modules|sample-workspace)\//.test(f) || f.endsWith('.map') || f === 'dist/extension.js'), [], 'no sources, maps or the extension');

  execFileSync('tar', ['-xzf', path.join(dir, packed.filename), '-C', dir]);
  const pkg = path.join(dir, 'package');
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { dependencies?: object; bin: Record<string, string> };
  assert.equal(manifest.dependencies, undefined, 'everything is bundled: installing it fetches nothing');
  const bin = path.join(pkg, manifest.bin['plain-crm']!);

  const ws = path.join(dir, 'ws');
  cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
  const run = (...args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, [bin, ...args, '-w', ws, '--today', '2026-11-24'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LANG: 'C.UTF-8', NODE_PATH: '' } });

  const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  assert.equal(version.stdout.trim(), manifest.bin && (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  const stats = run('stats', '--format', 'json');
  assert.equal(stats.status, 0, String(stats.stderr));
  assert.ok((JSON.parse(String(stats.stdout)) as { records: number }).records >= 30);

  const render = run('invoice', 'render', 'INV-2026-0001');
  assert.equal(render.status, 0, String(render.stderr));
  const pdf = path.join(ws, 'exports', 'invoices', 'INV-2026-0001.pdf');
  assert.ok(existsSync(pdf));
  assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
  // The text layer holds the Cyrillic title (pdftotext comes with poppler-utils, which CI installs).
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  if (text.status === 0) assert.match(text.stdout, /Счёт № INV-2026-0001/);
});
