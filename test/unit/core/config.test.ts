import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, findStage, resolveConfig, severityOf } from '../../../src/core/config';

test('defaults: six stages, won and lost closed with their outcome, 30-day stale, RUB, RU', () => {
  const config = defaultConfig();
  assert.deepEqual(config.stages.map((s) => s.id), ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
  assert.deepEqual(config.stages.filter((s) => s.closed).map((s) => [s.id, s.outcome]), [['won', 'won'], ['lost', 'lost']]);
  assert.equal(config.stale.default, 30);
  assert.equal(config.currency, 'RUB');
  assert.equal(config.phone_region, 'RU');
  assert.deepEqual(config.lifecycle, { active_days: 180, sleeping_days: 365 });
  assert.deepEqual(config.exports.mailing.columns, ['email', 'first_name', 'last_name', 'company', 'tags']);
  assert.equal(config.folders.archive, 'clients/archive');
  assert.equal(config.defaultPipeline, 'sales');
});

test('a missing or empty config is the defaults, with no issues', () => {
  assert.deepEqual(resolveConfig(undefined).issues, []);
  assert.deepEqual(resolveConfig(null).config.stages, defaultConfig().stages);
});

test('stages as ids or objects; won/lost closed unless the object says otherwise', () => {
  const { config, issues } = resolveConfig({
    stages: ['new', { id: 'proposal', label: 'Предложение', probability: 0.4 }, { id: 'paid', outcome: 'won' }, 'won', { id: 'lost', closed: false }],
  });
  assert.deepEqual(issues, []);
  assert.deepEqual(config.stages.map((s) => [s.id, s.closed, s.outcome ?? null]), [
    ['new', false, null],
    ['proposal', false, null],
    ['paid', true, 'won'],
    ['won', true, 'won'],
    ['lost', false, null],
  ]);
  assert.equal(config.stages[1]?.label, 'Предложение');
  assert.equal(config.stages[1]?.probability, 0.4);
});

test('stale thresholds per stage keep the default', () => {
  const { config } = resolveConfig({ stale: { lead: 7, proposal: 14 } });
  assert.deepEqual(config.stale, { default: 30, lead: 7, proposal: 14 });
});

test('pipelines: the first is the default and gives the stages when none are listed', () => {
  const { config } = resolveConfig({ pipelines: { repeat: ['offer', 'won', 'lost'], sales: ['lead', 'won', 'lost'] } });
  assert.equal(config.defaultPipeline, 'repeat');
  assert.deepEqual(config.stages.map((s) => s.id), ['offer', 'won', 'lost']);
  assert.deepEqual(Object.keys(config.pipelines), ['repeat', 'sales']);
  assert.equal(findStage(config, 'lead')?.id, 'lead');
});

test('bad values fall back to defaults with an issue naming the key', () => {
  const { config, issues } = resolveConfig({ stale: { lead: 'soon' }, stages: 'lead', lint: { stale: 'loud', nonsense: 'off' } });
  assert.equal(config.stale['lead'], undefined);
  assert.equal(config.stages.length, 6);
  assert.deepEqual(issues.map((i) => i.path.join('.')), ['stages', 'stale.lead', 'lint.stale', 'lint.nonsense']);
});

test('currency and region are upper-cased; folders lose ./ and trailing slashes', () => {
  const { config } = resolveConfig({ currency: 'eur', phone_region: 'de', folders: { clients: './people/', archive: 'people/old' } });
  assert.equal(config.currency, 'EUR');
  assert.equal(config.phone_region, 'DE');
  assert.equal(config.folders.clients, 'people');
  assert.equal(config.folders.archive, 'people/old');
});

test('lint severities can be overridden or turned off', () => {
  const { config } = resolveConfig({ lint: { stale: 'error', 'no-consent': 'off' } });
  assert.equal(severityOf(config, 'stale'), 'error');
  assert.equal(severityOf(config, 'no-consent'), 'off');
  assert.equal(severityOf(config, 'duplicate'), 'warning');
});

test('findStage is case-insensitive and undefined for unknown stages', () => {
  const config = defaultConfig();
  assert.equal(findStage(config, 'Proposal')?.id, 'proposal');
  assert.equal(findStage(config, 'thinking'), undefined);
  assert.equal(findStage(config, 42), undefined);
});
