#!/usr/bin/env node
'use strict';
// The published entry: the CLI is bundled into dist/cli.js by `npm run build`.
require('../dist/cli.js').run();
