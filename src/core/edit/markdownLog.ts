// Where a new `- <line>` goes in the Markdown notes: the last line of the `## Log` section, or a
// new section at the end. The same plan serves the body of a `.md` record and the `notes:` block
// of a `.yaml` record (PRODUCT.md §4 Log contact), so both read the same afterwards.

/** Insert `lines` after line `after` (0-based; -1 inserts before the first line). */
export interface LogInsertion {
  after: number;
  lines: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
/** A thematic break or setext underline: either way, the end of a list under a heading. */
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,}|={3,}[ \t]*)$/;

const isBlank = (line: string): boolean => line.trim() === '';

/**
 * Plans the insertion of `- <entry>` into Markdown `lines` (without line endings). The section is
 * the first line equal to `heading` (trailing spaces ignored) outside fenced code; it ends at the
 * next heading of the same or a higher level, or at a horizontal rule. The entry goes after the
 * section's last non-blank line, so the blank line before the next section stays. Without the
 * section, `heading` and the entry are added after the last non-blank line, one blank line apart.
 */
export function planLogInsertion(lines: readonly string[], heading: string, entry: string): LogInsertion {
  const wanted = heading.trimEnd();
  const level = ATX_HEADING.exec(wanted)?.[1]?.length ?? 6;
  let fence: string | undefined;
  let sectionStart = -1;
  let sectionOpen = false;
  let lastInSection = -1;
  let lastNonBlank = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // Inside fenced code nothing is a heading; the fence closes with the same character, at least as long.
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) {
        fence = undefined;
      }
    } else if (fenceMark) {
      fence = fenceMark;
    } else if (sectionStart === -1 && line.trimEnd() === wanted) {
      sectionStart = i;
      sectionOpen = true;
    } else if (sectionOpen) {
      const headingLevel = ATX_HEADING.exec(line)?.[1]?.length;
      if ((headingLevel !== undefined && headingLevel <= level) || RULE.test(line)) sectionOpen = false;
    }
    if (!isBlank(line)) {
      lastNonBlank = i;
      if (sectionOpen) lastInSection = i;
    }
  }
  if (sectionStart !== -1) return { after: lastInSection, lines: [`- ${entry}`] };
  return { after: lastNonBlank, lines: lastNonBlank >= 0 ? ['', wanted, `- ${entry}`] : [wanted, `- ${entry}`] };
}

/** Where new lines go in the notes' lines: a log entry, a task. */
export type NotesPlanner = (lines: readonly string[]) => LogInsertion;

export const logPlanner =
  (heading: string, entry: string): NotesPlanner =>
  (lines) =>
    planLogInsertion(lines, heading, entry);

/**
 * Plans a new task line: after the last task of the notes (outside fenced code, at its
 * indentation), else before the `heading` section (the log) with a blank line between, else after
 * the last non-blank line, one blank line apart.
 */
export function planTaskInsertion(lines: readonly string[], task: string, heading: string): LogInsertion {
  const wanted = heading.trimEnd();
  let fence: string | undefined;
  let lastTask = -1;
  let taskIndent = '';
  let headingAt = -1;
  let lastNonBlank = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = undefined;
    } else if (fenceMark) {
      fence = fenceMark;
    } else if (TASK.test(line)) {
      lastTask = i;
      taskIndent = /^\s*/.exec(line)?.[0] ?? '';
    } else if (headingAt === -1 && line.trimEnd() === wanted) {
      headingAt = i;
    }
    if (!isBlank(line) && (headingAt === -1 || i < headingAt)) lastNonBlank = i;
  }
  if (lastTask !== -1) return { after: lastTask, lines: [taskIndent + task] };
  if (headingAt !== -1) {
    let before = headingAt - 1;
    while (before >= 0 && isBlank(lines[before] ?? '')) before--;
    return before === -1 ? { after: -1, lines: [task, ''] } : { after: before, lines: ['', task] };
  }
  return { after: lastNonBlank, lines: lastNonBlank >= 0 ? ['', task] : [task] };
}

const TASK = /^\s*[-*+] \[[ xX]\](?: |$)/;

/**
 * A plan applied to a string with `\n` line endings: what the notes read as afterwards.
 * A text that ends without a line break keeps ending without one; an empty text gets one.
 */
export function appendLogToText(text: string, heading: string, entry: string): string {
  return insertIntoText(text, logPlanner(heading, entry));
}

export function insertIntoText(text: string, plan: NotesPlanner): string {
  const endsWithEol = text.endsWith('\n');
  const lines = text === '' ? [] : (endsWithEol ? text.slice(0, -1) : text).split('\n');
  const { after, lines: added } = plan(lines);
  const result = [...lines.slice(0, after + 1), ...added, ...lines.slice(after + 1)].join('\n');
  return text === '' || endsWithEol ? `${result}\n` : result;
}
