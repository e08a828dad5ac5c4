// Records for the query, rules and computed-field tests: the small workspace under
// test/fixtures/query/ (read with the real record parser), and a builder for one-off records
// whose single field is the point of a test.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../../../src/core/config';
import { type ComputeContext, createComputeContext } from '../../../../src/core/computed';
import type { ClientFields, CrmConfig, CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { filesUnder, FIXTURES } from '../../paths';

export const QUERY_FIXTURES = path.join(FIXTURES, 'query');
/** The date the fixture README's numbers are computed for. */
export const TODAY = '2026-11-20';

function load(folder: 'clients' | 'invoices'): CrmRecord[] {
  return filesUnder(path.join(QUERY_FIXTURES, folder)).map((full) => {
    const file = path.relative(QUERY_FIXTURES, full).split(path.sep).join('/');
    const parsed = parseRecordText(file, readFileSync(full, 'utf8'), {
      kind: folder === 'clients' ? 'client' : 'invoice',
      archived: file.startsWith('clients/archive/'),
    });
    if (!parsed.record) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
    return parsed.record;
  });
}

export interface Fixture {
  clients: CrmRecord[];
  invoices: CrmRecord[];
  config: CrmConfig;
  ctx: ComputeContext;
  byId(id: string): CrmRecord;
}

/** The fixture workspace with a context for `today` (default: the fixtures' 2026-11-20). */
export function loadFixture(today = TODAY): Fixture {
  const clients = load('clients');
  const invoices = load('invoices');
  const config = defaultConfig();
  return {
    clients,
    invoices,
    config,
    ctx: createComputeContext(clients, invoices, config, today),
    byId(id) {
      const record = clients.find((r) => r.id === id);
      if (!record) throw new Error(`no fixture client ${id}`);
      return record;
    },
  };
}

/**
 * A client record built in code, for tests about one field. `data` is untyped on purpose: files
 * hold whatever people wrote (`value: договорная`), and the tests must be able to say so.
 */
export function client(id: string, data: Record<string, unknown>, options: { body?: string; archived?: boolean } = {}): CrmRecord {
  return {
    kind: 'client',
    id,
    file: `clients/${options.archived === true ? 'archive/' : ''}${id}.md`,
    format: 'md',
    data: data as ClientFields,
    body: options.body ?? '',
    bodyLine: 1,
    archived: options.archived ?? false,
  };
}

export function invoice(id: string, data: Record<string, unknown>): CrmRecord {
  return { kind: 'invoice', id, file: `invoices/2026/${id}.md`, format: 'md', data, body: '', bodyLine: 1, archived: false };
}
