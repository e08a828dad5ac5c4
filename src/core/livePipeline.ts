// The pipeline summary kept up to date record by record. Rebuilding `pipelineSummary` over 10k
// records on every keystroke in a record costs ~4-8 ms; patching the one or two stage groups a
// change touches costs microseconds (PRODUCT.md §5: a change reaches the views in ≤ 5 ms).
// `summary()` always equals `pipelineSummary` over the included records in name order; a
// property test holds the two together.
import type { CrmConfig, CrmRecord, StageDef } from './model';
import { addToGroup, emptyGroup, type StageGroup } from './pipeline';
import { recordName, recordPipeline, recordStage } from './recordFields';
import { SortedList } from './sortedList';

/** The order views list clients in: by name in the locale, then by file. */
export function nameOrder(locale: string | undefined): (a: CrmRecord, b: CrmRecord) => number {
  const collator = new Intl.Collator(locale ?? 'ru', { sensitivity: 'base' });
  return (a, b) => collator.compare(recordName(a), recordName(b)) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

interface LiveGroup {
  stage: StageDef;
  configured: boolean;
  records: SortedList<CrmRecord>;
  /** The summary figures, recomputed from `records` when they change (exact, no float drift). */
  figures: StageGroup | undefined;
}

export class LivePipeline {
  private groups = new Map<string, LiveGroup>();
  /** Where each included record sits: file → record and group key. */
  private placed = new Map<string, { record: CrmRecord; key: string }>();
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
      this.groups.set(stage.id.toLowerCase(), { stage, configured: true, records: new SortedList(this.compare), figures: undefined });
    }
    const byGroup = new Map<string, CrmRecord[]>();
    for (const record of records) {
      const key = this.keyOf(record);
      if (key === undefined) continue;
      this.placed.set(record.file, { record, key });
      let list = byGroup.get(key);
      if (!list) byGroup.set(key, (list = []));
      list.push(record);
    }
    for (const [key, list] of byGroup) this.groupFor(key, list[0]!).records = new SortedList(this.compare, list);
  }

  /** The group key of a record in this view, or undefined when the view leaves it out. */
  private keyOf(record: CrmRecord): string | undefined {
    if (record.kind !== 'client' || !this.include(record) || recordPipeline(record, this.config) !== this.pipeline) return undefined;
    return recordStage(record, this.config).toLowerCase();
  }

  private groupFor(key: string, record: CrmRecord): LiveGroup {
    let group = this.groups.get(key);
    if (!group) {
      const id = recordStage(record, this.config);
      group = { stage: { id, label: id, closed: false }, configured: false, records: new SortedList(this.compare), figures: undefined };
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
        const group = this.groups.get(old.key);
        if (group) {
          group.records.remove(old.record);
          group.figures = undefined;
          if (!group.configured && group.records.items.length === 0) this.groups.delete(old.key);
        }
        this.placed.delete(file);
      }
      const key = record && this.keyOf(record);
      if (record && key !== undefined) {
        const group = this.groupFor(key, record);
        group.records.insert(record);
        group.figures = undefined;
        this.placed.set(file, { record, key });
      }
    }
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
      }
      (group.configured ? configured : unknown).push(group.figures);
    }
    unknown.sort((a, b) => this.compare(a.records[0]!, b.records[0]!));
    return [...configured, ...unknown];
  }
}
