// Optional, for contributors with internet access: `npx @vscode/test-cli` downloads a desktop
// VS Code and runs the same integration tests in it. The project's own runner works offline and
// is what `npm run test:integration` and CI use (test/integration/run.mjs). Build first:
// `npm run compile && node esbuild.mjs`. The tests delete what they create in sample-workspace/.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/suite/**/*.test.js',
  workspaceFolder: './sample-workspace',
  mocha: { ui: 'bdd', timeout: 20000, color: true },
});
