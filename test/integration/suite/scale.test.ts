// PRODUCT.md §5 in the real host, on a generated workspace (`npm run bench -- --host 10000`): how
// long until the records, the search index and the Problems panel are there, and the longest
// time the extension host's event loop was held meanwhile; then the same after a Reload, which
// reads the caches the first load wrote. It reports figures and asserts only
// that the work was done; timings are never asserted (they belong to the bench).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { activatedApi } from './helpers';

const ms = (ns: number): number => Math.round(ns / 1e4) / 100;

(process.env['PLAIN_CRM_IT_SCALE'] ? describe : describe.skip)('host at scale', () => {
  let api: PlainCrmApi;

  before(async () => {
    api = await activatedApi();
  });

  it('loads, indexes and lints without holding the event loop, and reports the figures', async function () {
    this.timeout(600_000);
    await api.queries.searchIndex();
    await api.diagnostics!.settled();
    const settledAt = performance.now();
    const { start, end } = api.loadTimes;
    const records = api.store.clients({ includeArchived: true }).length;
    assert.ok(records > 1000, `${records} records: a generated workspace`);
    assert.ok(api.queries.indexSource === 'worker' || api.queries.indexSource === 'cache', `index from ${api.queries.indexSource}`);
    let problems = 0;
    api.diagnostics!.collection.forEach((_uri, list) => (problems += list.length));
    assert.ok(problems > 0, 'the Problems panel is filled');
    const delay = api.loopDelay;
    assert.ok(delay, 'the event loop was watched (PLAIN_CRM_MEASURE_LOOP=1)');
    const figures = {
      records,
      activationMs: Math.round(api.activationMs * 10) / 10,
      recordsReadyMs: Math.round((end ?? Number.NaN) - start),
      indexReadyMs: Math.round((api.queries.indexReadyAt ?? Number.NaN) - start),
      indexSource: api.queries.indexSource,
      problemsPublishedMs: Math.round(settledAt - start),
      problems,
      loopDelayMaxMs: ms(delay.max),
      loopDelayP99Ms: ms(delay.percentile(99)),
      loopDelayMeanMs: ms(delay.mean),
    };
    // The same folder again with the caches the first load wrote (the model in the storage, each
    // file's lint problems): Reload, as a warm start would read them.
    delay.reset();
    const reloadStart = performance.now();
    await vscode.commands.executeCommand('plainCrm.reload');
    const reloaded = performance.now();
    await api.diagnostics!.settled();
    const warm = {
      reloadRecordsReadyMs: Math.round(reloaded - reloadStart),
      reloadModelCacheHits: api.store.cacheUse?.hits ?? 0,
      reloadProblemsPublishedMs: Math.round(performance.now() - reloadStart),
      reloadFilesLinted: api.diagnostics!.linted(),
      reloadLoopDelayMaxMs: ms(delay.max),
      reloadLoopDelayP99Ms: ms(delay.percentile(99)),
    };
    assert.equal(api.store.clients({ includeArchived: true }).length, records);
    console.log(`@@plain-crm:scale ${JSON.stringify({ ...figures, ...warm })}`);
  });
});
