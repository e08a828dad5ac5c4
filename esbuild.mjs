// Bundle targets: one row a target (extension, CLI; the webview and workers join this table).
// Usage: node esbuild.mjs [--watch] [--minify] [target ...]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const targets = {
  extension: {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    // pdfkit locates its colour profile with import.meta.url, which a CommonJS bundle lacks: it is
    // loaded from node_modules, and only when a PDF is made.
    external: ['vscode', 'pdfkit'],
    // The first statement of the bundle: activate() reports load + activation time from here.
    banner: { js: 'globalThis.__plainCrmLoadStart = performance.now();' },
  },
  cli: {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    external: ['pdfkit'],
    define: { PLAIN_CRM_VERSION: JSON.stringify(pkg.version) },
  },
  // The dashboard's script runs in the webview (a browser): an IIFE, no Node built-ins.
  dashboard: {
    entryPoints: ['src/webview/dashboard.ts'],
    outfile: 'dist/webview/dashboard.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
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
