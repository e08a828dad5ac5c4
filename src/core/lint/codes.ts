// What each problem code means, in one line: for SARIF rule metadata, `--help` and the README.
import type { ProblemCode } from '../model';

export const CODE_DESCRIPTIONS: Readonly<Record<ProblemCode, string>> = {
  'parse-error': 'The front matter (or YAML file) does not parse, so the file is not a record.',
  schema: 'A field does not match the JSON Schema in schemas/ (wrong type, unknown key, missing field).',
  'unknown-stage': 'The stage is not one of the stages configured in .crm/config.yaml.',
  'invalid-email': 'The e-mail address is not valid.',
  'invalid-phone': 'The phone cannot be a number in the configured phone_region.',
  'invalid-date': 'A date field is not a YYYY-MM-DD date.',
  stale: 'An open client has had no contact for longer than its stage allows (config.stale).',
  'overdue-action': 'The next action date has passed.',
  'overdue-invoice': 'A sent invoice is past its due date and not paid.',
  'overdue-task': 'A task is past its deadline.',
  duplicate: 'Two clients share a normalized e-mail or phone.',
  'merge-conflict': 'Unresolved git merge conflict markers.',
  'invoice-number-collision': 'Two invoices carry the same number (often after merging two branches).',
  secret: 'Something that must not sit in a shared repository: a card number, a password, a passport number.',
  'invalid-requisites': 'Bank or company requisites (INN, KPP, OGRN, BIK, account) fail their check digits.',
  'missing-field': 'A field that config.required names for this stage is missing.',
  'no-next-step': 'An open deal has no upcoming next action and no open task, past config.next_step_grace_days in its stage.',
  'possible-duplicate': 'Two clients have the same name (any case, script or word order) and the same company or INN, without sharing an e-mail or phone.',
  'consent-incomplete': 'Consent is recorded without its date or source.',
  'no-consent': 'No consent to processing personal data is recorded.',
  'duplicate-deal-id': 'Two deals of one client share an id, so neither query --deals nor a time line\'s #deal can tell them apart.',
};
