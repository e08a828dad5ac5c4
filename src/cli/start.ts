// The published entry's first step (bin/plain-crm.js): the CLI bundle, loaded through the code
// cache, then run. The cache is written as the process exits, so it holds what the command compiled.
import * as path from 'node:path';
import { codeCacheDir, requireWithCodeCache } from './codeCache';

const loaded = requireWithCodeCache(path.join(__dirname, 'cli.js'), codeCacheDir());
process.once('exit', () => loaded.save());
(loaded.exports as { run(): void }).run();
