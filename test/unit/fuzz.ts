// How many runs a property test makes: its CI count, times PLAIN_CRM_FUZZ (`npm run fuzz` sets 20).
export function runs(ciRuns: number): number {
  const factor = Number(process.env['PLAIN_CRM_FUZZ'] ?? 1);
  return Math.max(1, Math.round(ciRuns * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}
