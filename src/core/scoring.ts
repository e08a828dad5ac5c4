// Lead scoring (issue 15): `config.scoring` is a list of rules in the query language, each worth
// some points (`source:referral` +20, `no:email` −10, `is:stale` −25); a client's `score` is the
// sum over the rules it matches, and its `band` the named band that score falls in.
import type { ComputeContext } from './computed';
import type { CrmRecord, ScoringBand } from './model';
import { compileQuery } from './query';

export type Scorer = (record: CrmRecord) => number | undefined;

/** The score of a client under the config's rules; undefined when no rules are configured. */
export function compileScoring(ctx: ComputeContext): Scorer {
  const rules = ctx.config.scoring.flatMap((rule) => {
    const compiled = compileQuery(rule.query, ctx);
    // A bad rule is a config problem (config.ts reports it); it scores nothing here.
    return compiled.ok ? [{ points: rule.points, matches: compiled.query.matches }] : [];
  });
  if (ctx.config.scoring.length === 0) return () => undefined;
  return (record) => {
    let score = 0;
    for (const rule of rules) if (rule.matches(record)) score += rule.points;
    return score;
  };
}

/** The band with the highest minimum at or below `score`; below every minimum, the lowest band. */
export function bandOf(score: number, bands: readonly ScoringBand[]): string | undefined {
  let band = bands[0]?.name;
  for (const b of bands) if (score >= b.min) band = b.name;
  return band;
}
