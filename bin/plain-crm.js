#!/usr/bin/env node
'use strict';
// The published entry: the CLI is bundled into dist/cli.js by `npm run build`, and dist/cliStart.js
// loads it through a V8 code cache (src/cli/codeCache.ts).
require('../dist/cliStart.js');
