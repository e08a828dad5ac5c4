// The pipeline summary kept up to date record by record. Rebuilding `pipelineSummary` over 10k
// records on every keystroke in a record costs ~4-8 ms; patching the one or two stage groups a
// change touches, and their figures, costs microseconds (PRODUCT.md §5: a change reaches the views
// in ≤ 5 ms).
// `summary()` always equals `pipelineSummary` over the included records in name order; a
// property test holds the two together.
import { type DealView, recordDeals } from './deals';
import type { CrmConfig, CrmRecord, StageDef } from './model';
import { addToGroup, emptyGroup, type StageGroup } from './pipeline';
import { recordCurrency, recordName, recordPipeline, recordStage, recordValue } from './recordFields';
import { SortedList } from './sortedList';

/** The order views list clients in: by name in the locale, then by file. */
export function nameOrder(locale: string | undefined): (a: CrmRecord, b: CrmRecord) => number {
  const collator = new Intl.Collator(locale ?? 'ru', { sensitivity: 'base' });
  // Deals of one client follow each other in list order.
  return (a, b) =>
    collator.compare(recordName(a), recordName(b)) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || ((a as DealView).deal?.index ?? 0) - ((b as DealView).deal?.index ?? 0);
}

interface LiveGroup {
  stage: StageDef;
  configured: boolean;
  records: SortedList<CrmRecord>;
  /**
   * The summary figures: patched for a deal in and out when that is exact (a whole amount in the
   * default currency, integer totals), else recomputed from `records` (no float drift).
   */
  figures: StageGroup | undefined;
  /** `figures.records` lags `records` (copied on the next `summary()`). */
  listChanged: boolean;
}

export class LivePipeline {
  private groups = new Map<string, LiveGroup>();
  /** Where each included deal sits: file → its deals (one for a record without `deals:`) and group keys. */
  private placed = new Map<string, { record: CrmRecord; deals: { deal: CrmRecord; key: string }[] }>();
  private readonly compare: (a: CrmRecord, b: CrmRecord) => number;

  /**
   * `include` says which records the view shows (not archived, the owner filter); the pipeline's
   * own membership is checked here.
   */
  constructor(
    private readonly config: CrmConfig,
    readonly pipeline: string,
    private readonly include: (record: CrmRecord) => boolean,
    records: Iterable<CrmRecord>,
  ) {
    this.compare = nameOrder(config.locale);
    for (const stage of config.pipelines[pipeline] ?? config.stages) {
      this.groups.set(stage.id.toLowerCase(), { stage, configured: true, records: new SortedList(this.compare), figures: undefined, listChanged: false });
    }
    const byGroup = new Map<string, CrmRecord[]>();
    for (const record of records) {
      const deals = this.place(record);
      for (const { deal, key } of deals) {
        let list = byGroup.get(key);
        if (!list) byGroup.set(key, (list = []));
        list.push(deal);
      }
    }
    for (const [key, list] of byGroup) this.groupFor(key, list[0]!).records = new SortedList(this.compare, list);
  }

  /** Records the record's deals that this view shows, with their group keys. */
  private place(record: CrmRecord): { deal: CrmRecord; key: string }[] {
    if (record.kind !== 'client' || !this.include(record)) return [];
    const deals: { deal: CrmRecord; key: string }[] = [];
    for (const deal of recordDeals(record)) {
      if (recordPipeline(deal, this.config) === this.pipeline) deals.push({ deal, key: recordStage(deal, this.config).toLowerCase() });
    }
    if (deals.length > 0) this.placed.set(record.file, { record, deals });
    return deals;
  }

  private groupFor(key: string, record: CrmRecord): LiveGroup {
    let group = this.groups.get(key);
    if (!group) {
      const id = recordStage(record, this.config);
      group = { stage: { id, label: id, closed: false }, configured: false, records: new SortedList(this.compare), figures: undefined, listChanged: false };
      this.groups.set(key, group);
    }
    return group;
  }

  /** Follows the files that changed: `current(file)` is the record there now, if any. */
  update(files: Iterable<string>, current: (file: string) => CrmRecord | undefined): void {
    for (const file of files) {
      const old = this.placed.get(file);
      const record = current(file);
      if (old?.record === record) continue;
      if (old) {
        for (const { deal, key } of old.deals) {
          const group = this.groups.get(key);
          if (!group) continue;
          group.records.remove(deal);
          this.adjust(group, deal, -1);
          if (!group.configured && group.records.items.length === 0) this.groups.delete(key);
        }
        this.placed.delete(file);
      }
      if (record) {
        for (const { deal, key } of this.place(record)) {
          const group = this.groupFor(key, deal);
          group.records.insert(deal);
          this.adjust(group, deal, 1);
        }
      }
    }
  }

  /**
   * Counts a deal into (`sign` 1) or out of (-1) a group's figures without a pass over the group
   * (at 50k records a stage holds 10k deals: the pass was most of a change's cost). Only when the
   * result is exact whatever the order: a whole amount in the default currency onto a whole total.
   * Anything else (a fraction, another currency, an unlisted stage named by its first record) drops
   * the figures for a recount.
   */
  private adjust(group: LiveGroup, deal: CrmRecord, sign: 1 | -1): void {
    const figures = group.figures;
    if (!figures || !group.configured) {
      group.figures = undefined;
      return;
    }
    const value = recordValue(deal);
    if (value !== undefined && (!Number.isSafeInteger(value) || !Number.isSafeInteger(figures.value) || recordCurrency(deal, this.config) !== this.config.currency)) {
      group.figures = undefined;
      return;
    }
    // A new object: a summary handed out before keeps its figures.
    group.figures = { ...figures, count: figures.count + sign, value: figures.value + sign * (value ?? 0) };
    group.listChanged = true;
  }

  /** Configured stages in order, then the stages only records name, in name order of their first record. */
  summary(): StageGroup[] {
    const configured: StageGroup[] = [];
    const unknown: StageGroup[] = [];
    for (const group of this.groups.values()) {
      if (!group.figures) {
        // An unlisted stage is named as its first record spells it (`Thinking` or `thinking`).
        const first = group.records.items[0];
        const id = first ? recordStage(first, this.config) : group.stage.id;
        const figures = emptyGroup(group.configured ? group.stage : { id, label: id, closed: false }, group.configured);
        for (const record of group.records.items) addToGroup(figures, record, this.config);
        group.figures = figures;
        group.listChanged = false;
      } else if (group.listChanged) {
        group.figures = { ...group.figures, records: [...group.records.items] };
        group.listChanged = false;
      }
      (group.configured ? configured : unknown).push(group.figures);
    }
    unknown.sort((a, b) => this.compare(a.records[0]!, b.records[0]!));
    return [...configured, ...unknown];
  }
}
