// Bundle targets: one row a target (extension, CLI; the webview and workers join this table).
// Usage: node esbuild.mjs [--watch] [--minify] [target ...]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { buildValidators } from './scripts/build-validators.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** `import('pdfkit')` becomes `require('./pdfkit.js')`: the bundle next to the one that loads it. */
const pdfkitBeside = {
  name: 'pdfkit-beside',
  setup(build) {
    build.onResolve({ filter: /^pdfkit$/ }, () => ({ path: './pdfkit.js', external: true }));
  },
};

const targets = {
  extension: {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [pdfkitBeside],
    // The first statement of the bundle: activate() reports load + activation time from here.
    banner: { js: 'globalThis.__plainCrmLoadStart = performance.now();' },
  },
  cli: {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    plugins: [pdfkitBeside],
    define: { PLAIN_CRM_VERSION: JSON.stringify(pkg.version) },
    // `import('./pdfkit.js')` as a `require` in a promise: the bundle is compiled with a code cache
    // by `vm.Script` (src/cli/codeCache.ts), where `import()` needs an experimental loader.
    supported: { 'dynamic-import': false },
  },
  // bin/plain-crm.js starts here: it loads dist/cli.js through a V8 code cache (src/cli/codeCache.ts).
  cliStart: {
    entryPoints: ['src/cli/start.ts'],
    outfile: 'dist/cliStart.js',
    platform: 'node',
    format: 'cjs',
  },
  // pdfkit with fontkit is ~1.5 MB of JavaScript that only a PDF needs: a bundle of its own, loaded
  // on first use, so the extension and the CLI start without it and the package needs no node_modules.
  pdfkit: {
    entryPoints: ['node_modules/pdfkit/js/pdfkit.js'],
    outfile: 'dist/pdfkit.js',
    platform: 'node',
    format: 'cjs',
  },
  // The full-text index is built off the extension host's thread (src/core/search/indexInWorker.ts
  // looks for this file next to the bundle that starts it).
  indexWorker: {
    entryPoints: ['src/core/search/indexWorker.ts'],
    outfile: 'dist/indexWorker.js',
    platform: 'node',
    format: 'cjs',
  },
  // The dashboard's script runs in the webview (a browser): an IIFE, no Node built-ins.
  dashboard: {
    entryPoints: ['src/webview/dashboard.ts'],
    outfile: 'dist/webview/dashboard.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  // A parallel load's worker (src/core/parallelRead.ts): found beside whichever bundle starts it.
  loadWorker: {
    entryPoints: ['src/core/loadWorker.ts'],
    outfile: 'dist/loadWorker.js',
    platform: 'node',
    format: 'cjs',
  },
  bench: {
    entryPoints: ['bench/run.ts'],
    outfile: 'dist/bench.js',
    platform: 'node',
    format: 'cjs',
  },
};

/**
 * PDFs embed DejaVu Sans (Cyrillic, №, «», ₽; PRODUCT.md §8): only the regular and bold faces
 * and their licence go next to the bundles, as dist/fonts/.
 */
function copyFonts() {
  const from = 'node_modules/dejavu-fonts-ttf';
  mkdirSync('dist/fonts', { recursive: true });
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) copyFileSync(`${from}/ttf/${file}`, `dist/fonts/${file}`);
  copyFileSync(`${from}/LICENSE`, 'dist/fonts/LICENSE-DejaVu.txt');
}

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const minify = args.includes('--minify');
const names = args.filter((a) => !a.startsWith('--'));
const chosen = names.length > 0 ? names : Object.keys(targets);

copyFonts();
// The schemas' validation code, compiled ahead (src/core/validate.ts imports it).
buildValidators();
for (const name of chosen) {
  const target = targets[name];
  if (!target) {
    console.error(`esbuild.mjs: unknown target "${name}" (known: ${Object.keys(targets).join(', ')})`);
    process.exit(2);
  }
  const options = {
    bundle: true,
    target: 'node20',
    sourcemap: true,
    minify,
    logLevel: 'warning',
    legalComments: 'linked',
    ...target,
  };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
