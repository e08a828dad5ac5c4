// ESLint (flat config) with typescript-eslint. The core must stay free of `vscode` (STYLE.md):
// the rule below and test/unit/core/layering.test.ts both enforce it.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'sample-workspace/**', 'test/fixtures/**', 'src/core/generated/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core and src/cli are pure TypeScript: no vscode import (STYLE.md).' }],
          patterns: [{ group: ['**/extension/**'], message: 'the core and the CLI never depend on the extension layer' }],
        },
      ],
    },
  },
);
