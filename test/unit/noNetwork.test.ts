// Nothing leaves the machine (PRODUCT.md §6): the shipped bundles (pdfkit's included)
// load no networking module and make no network call. `node:child_process` is allowed only for
// `git config user.email` (My Clients), which SECURITY.md explains.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './paths';

const NETWORK_MODULES = /require\(["'](?:node:)?(?:http|https|http2|net|tls|dgram|dns|undici|ws|axios|node-fetch)["']\)/g;
// A call of the global fetch, XHR, WebSocket or sendBeacon; not MiniSearch's `map.fetch(key)` method.
const NETWORK_CALLS = /(?:(?:[=(,;:!&|?]|\bawait|\breturn)[ \t]*|^[ \t]*)(?:globalThis\.|window\.|self\.)?fetch[ \t]*\((?![^)\n]*\)[ \t]*\{)|\bnew\s+(?:XMLHttpRequest|WebSocket|EventSource)\b|navigator\.sendBeacon/gm;

const BUNDLES = ['dist/extension.js', 'dist/cli.js', 'dist/webview/dashboard.js', 'dist/pdfkit.js'];

test('no shipped bundle loads a networking module or calls the network', () => {
  for (const bundle of BUNDLES) {
    const text = readFileSync(path.join(REPO_ROOT, bundle), 'utf8');
    assert.deepEqual(text.match(NETWORK_MODULES) ?? [], [], `${bundle} loads no networking module`);
    assert.deepEqual(text.match(NETWORK_CALLS) ?? [], [], `${bundle} makes no network call`);
  }
  const extension = readFileSync(path.join(REPO_ROOT, 'dist/extension.js'), 'utf8');
  assert.deepEqual(extension.match(/require\("(?:node:)?child_process"\)/g), ['require("node:child_process")'], 'one child_process import (git config)');
});

test('the patterns catch what they are for', () => {
  for (const sample of ['const h = require("https");', "require('node:net')", 'await fetch("https://x")', 'x = fetch(url)', '  fetch(url).then(done);', 'new WebSocket(u)', 'new XMLHttpRequest()']) {
    assert.ok((sample.match(NETWORK_MODULES) ?? sample.match(NETWORK_CALLS)) !== null, sample);
  }
  assert.equal('this._index.fetch(term, createMap);\n  fetch(key, initial) {'.match(NETWORK_CALLS), null);
});
