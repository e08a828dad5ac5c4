// Bundle targets: one row a target (extension, CLI; the webview and workers join this table).
// Usage: node esbuild.mjs [--watch] [--minify] [target ...]
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const targets = {
  extension: {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  cli: {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    define: { PLAIN_CRM_VERSION: JSON.stringify(pkg.version) },
  },
  bench: {
    entryPoints: ['bench/run.ts'],
    outfile: 'dist/bench.js',
    platform: 'node',
    format: 'cjs',
  },
};

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const minify = args.includes('--minify');
const names = args.filter((a) => !a.startsWith('--'));
const chosen = names.length > 0 ? names : Object.keys(targets);

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
