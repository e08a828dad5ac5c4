// `missing-field` (issue 18): `config.required: {<stage>: [fields]}` names what a client must have
// once it reaches a stage (`proposal: [email, value]`, `won: [requisites.inn]`). Each missing field
// is a warning on the stage key, per deal for a client with `deals:` (a deal field such as `value`
// is then the deal's). Archived records are left alone: nobody completes those.
import { dealPath, isDealField, recordDeals } from '../deals';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { FieldPath } from '../parse/positions';
import { recordPipeline, recordStage } from '../recordFields';
import { hasField, requiredFieldsFor } from '../requiredFields';
import type { Finding, LintContext, LintRule } from './rule';

export const missingFieldRule: LintRule = {
  codes: ['missing-field'],
  checkRecord(record: CrmRecord, { config }: LintContext): Finding[] {
    if (record.kind !== 'client' || record.archived || Object.keys(config.required).length === 0) return [];
    const findings: Finding[] = [];
    for (const deal of recordDeals(record)) {
      const stage = recordStage(deal, config);
      for (const field of requiredFieldsFor(stage, config, recordPipeline(deal, config))) {
        if (hasField(deal, field)) continue;
        const message = deal.deal ? t('deal "{0}" in stage "{1}" needs {2}', deal.deal.title ?? deal.deal.id, stage, field) : t('stage "{0}" needs {1}', stage, field);
        findings.push({ file: record.file, path: [...dealPath(deal), 'stage'], code: 'missing-field', message, data: { field, stage, ...(deal.deal && { deal: dealPath(deal) }) } });
      }
    }
    return findings;
  },
};

/**
 * Where a missing field goes in the file: inside the deal (`deals[i]`) for a deal field of a
 * listed deal, else at the top level; a dotted name is a nested path (`requisites.inn`).
 */
export function missingFieldPath(field: string, deal: FieldPath = []): FieldPath {
  const path = field.split('.');
  return deal.length > 0 && isDealField(path[0]!) ? [...deal, ...path] : path;
}

/** The value typed for a field: a number for `value` when it reads as one, a list for `tags`, else the text. */
export function typedFieldValue(field: string, text: string): unknown {
  const trimmed = text.trim();
  if (field === 'value') {
    const number = Number(trimmed.replace(/[\s\u00a0]/g, '').replace(',', '.'));
    if (trimmed !== '' && Number.isFinite(number)) return number;
  }
  if (field === 'tags') return trimmed.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
  return trimmed;
}
