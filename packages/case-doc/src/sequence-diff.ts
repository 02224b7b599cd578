import type { DiffLine, DiffSpan } from '@care/schema';

/** One step of an edit script: keep `a[i]`, remove `a[i]`, or add `b[j]`. */
export type DiffStep = { op: 'equal'; a: number; b: number } | { op: 'removed'; a: number } | { op: 'added'; b: number };

/**
 * The most cells of LCS tables built for one diff, all its stretches together (4 bytes each, and
 * as many steps of work, done where the diff is asked for: on the server, the event loop). A
 * table of 6,000 × 6,000 lines took 450 ms and 110 MB there; 20,000 × 20,000 took 5.4 s and
 * 1.7 GB, every edit waiting. A million cells take about 15 ms.
 */
const MAX_TABLE_CELLS = 1_000_000;
/** How often a stretch too big for the tables left is split again before what is left counts as replaced. */
const MAX_SPLITS = 32;

/**
 * An edit script from `a` to `b`, comparing by `key`: the shortest one (longest common
 * subsequence) whenever the part that differs is of a case summary's size. Common head and tail
 * are matched first, so a long summary with one changed line costs little; what differs in
 * between is the classic O(n·m) table. A stretch too big for the tables left to build
 * (MAX_TABLE_CELLS) is split at the lines each side holds exactly once, in an order both share
 * (patience diff), and each piece is compared alone; what still cannot be compared is shown as
 * removed and added whole. Either way every line of `a` and of `b` appears once, in order.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], key: (item: T) => string = String, budget: TableBudget = { cellsLeft: MAX_TABLE_CELLS }): DiffStep[] {
  const steps: DiffStep[] = [];
  diffStretch({ ka: a.map(key), kb: b.map(key), steps, budget }, 0, a.length, 0, b.length, 0);
  return steps;
}

/** The LCS table cells still to be built, shared by the diffs that take it (each line's characters, for one comparison). */
type TableBudget = { cellsLeft: number };

type Diffing = { ka: readonly string[]; kb: readonly string[]; steps: DiffStep[]; budget: TableBudget };

/** Appends the script for a[aFrom, aTo) against b[bFrom, bTo). */
function diffStretch(d: Diffing, aFrom: number, aTo: number, bFrom: number, bTo: number, splits: number): void {
  const { ka, kb, steps } = d;
  let head = 0;
  while (aFrom + head < aTo && bFrom + head < bTo && ka[aFrom + head] === kb[bFrom + head]) head++;
  let tail = 0;
  while (tail < aTo - aFrom - head && tail < bTo - bFrom - head && ka[aTo - 1 - tail] === kb[bTo - 1 - tail]) tail++;
  for (let k = 0; k < head; k++) steps.push({ op: 'equal', a: aFrom + k, b: bFrom + k });
  const [a0, a1, b0, b1] = [aFrom + head, aTo - tail, bFrom + head, bTo - tail];
  const cells = (a1 - a0) * (b1 - b0);
  if (cells <= d.budget.cellsLeft) {
    d.budget.cellsLeft -= cells;
    tableDiff(d, a0, a1, b0, b1);
  } else {
    const anchors = splits < MAX_SPLITS ? uniqueCommonLines(d, a0, a1, b0, b1) : [];
    if (anchors.length === 0) replaced(steps, a0, a1, b0, b1);
    else {
      let [i, j] = [a0, b0];
      for (const [ai, bj] of anchors) {
        diffStretch(d, i, ai, j, bj, splits + 1);
        steps.push({ op: 'equal', a: ai, b: bj });
        [i, j] = [ai + 1, bj + 1];
      }
      diffStretch(d, i, a1, j, b1, splits + 1);
    }
  }
  for (let k = 0; k < tail; k++) steps.push({ op: 'equal', a: a1 + k, b: b1 + k });
}

/** The shortest script for a stretch, from its LCS table. */
function tableDiff({ ka, kb, steps }: Diffing, a0: number, a1: number, b0: number, b1: number): void {
  const n = a1 - a0;
  const m = b1 - b0;
  // lcs[i][j]: length of the LCS of a from a0 + i and b from b0 + j (within the stretch).
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = ka[a0 + i] === kb[b0 + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ka[a0 + i] === kb[b0 + j]) {
      steps.push({ op: 'equal', a: a0 + i++, b: b0 + j++ });
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      steps.push({ op: 'removed', a: a0 + i++ });
    } else {
      steps.push({ op: 'added', b: b0 + j++ });
    }
  }
}

function replaced(steps: DiffStep[], a0: number, a1: number, b0: number, b1: number): void {
  for (let i = a0; i < a1; i++) steps.push({ op: 'removed', a: i });
  for (let j = b0; j < b1; j++) steps.push({ op: 'added', b: j });
}

/**
 * The lines that occur exactly once in each side's stretch, as [index in a, index in b], the
 * longest run of them in the same order on both sides (patience sorting: O(k log k)).
 */
function uniqueCommonLines({ ka, kb }: Diffing, a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const seen = new Map<string, { inA: number; inB: number; a: number; b: number }>();
  const entry = (line: string) => seen.get(line) ?? seen.set(line, { inA: 0, inB: 0, a: -1, b: -1 }).get(line)!;
  for (let i = a0; i < a1; i++) {
    const line = entry(ka[i]!);
    line.inA++;
    line.a = i;
  }
  for (let j = b0; j < b1; j++) {
    const line = entry(kb[j]!);
    line.inB++;
    line.b = j;
  }
  const pairs: [number, number][] = [];
  for (const line of seen.values()) if (line.inA === 1 && line.inB === 1) pairs.push([line.a, line.b]);
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of the b indices: tops[k] ends the best run of length k + 1.
  const tops: number[] = [];
  const before = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, bIndex], p) => {
    let [lo, hi] = [0, tops.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tops[mid]!]![1] < bIndex) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) before[p] = tops[lo - 1]!;
    tops[lo] = p;
  });
  const run: [number, number][] = [];
  for (let p = tops.at(-1) ?? -1; p !== -1; p = before[p]!) run.push(pairs[p]!);
  return run.reverse();
}

/**
 * The most LCS cells built for the characters of changed lines, all of one comparison's together
 * (the line tables have their own MAX_TABLE_CELLS): a summary of 20 pages edited throughout, each
 * paragraph changed here and there, needs about 10 million; what is left past this shows whole.
 */
const MAX_CHARACTER_CELLS = 4_000_000;

/**
 * Line diff as a reader sees it: each line of `a` and `b` once, marked equal, removed or added.
 * Within a run of changed lines, the n-th removed one and the n-th added one that still share at
 * least half of the shorter (an edited paragraph, not one rewritten) get `spans` saying what
 * changed within them: a paragraph of a long summary edited by a word reads as that word, not as
 * the whole paragraph removed and added again.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const lines: DiffLine[] = diffSequences(a, b).map((step) => ({ op: step.op, text: step.op === 'added' ? b[step.b]! : a[step.a]! }));
  const budget = { cellsLeft: MAX_CHARACTER_CELLS };
  const shown: DiffLine[] = [];
  let run: DiffLine[] = [];
  for (const line of [...lines, undefined]) {
    if (line && line.op !== 'equal') {
      run.push(line);
      continue;
    }
    shown.push(...pairedRun(run, budget));
    if (line) shown.push(line);
    run = [];
  }
  return shown;
}

/**
 * A run of changed lines, each edited one right before what it became: a summary edited throughout
 * is one run, and its 130 paragraphs removed, then 130 added, left the reader to match them up.
 * Removed lines stay in their order, added ones in theirs.
 */
function pairedRun(run: DiffLine[], budget: TableBudget): DiffLine[] {
  const removed = run.filter((line) => line.op === 'removed');
  const added = run.filter((line) => line.op === 'added');
  for (let k = 0; k < Math.min(removed.length, added.length); k++) markChanges(removed[k]!, added[k]!, budget);
  if (!run.some((line) => line.spans)) return run;
  return Array.from({ length: Math.max(removed.length, added.length) }, (_, k) => [removed[k], added[k]]).flat().filter((line) => line !== undefined);
}

/** Gives a removed line and the added one paired with it their spans, if they still share half of the shorter. */
function markChanges(removed: DiffLine, added: DiffLine, budget: TableBudget): void {
  const [a, b] = [Array.from(removed.text), Array.from(added.text)]; // by code point: 𠮷 stays whole
  const steps = diffSequences(a, b, String, budget);
  const kept = steps.filter((step) => step.op === 'equal').length;
  if (kept * 2 < Math.min(a.length, b.length)) return;
  removed.spans = spansOf(steps, 'removed', a);
  added.spans = spansOf(steps, 'added', b);
}

/** One side's characters in parts, each run of kept or of `changed` characters one span. */
function spansOf(steps: readonly DiffStep[], changed: 'removed' | 'added', chars: readonly string[]): DiffSpan[] {
  const runs: { chars: string[]; changed: boolean }[] = [];
  for (const step of steps) {
    if (step.op !== 'equal' && step.op !== changed) continue;
    const char = chars[changed === 'added' ? (step as { b: number }).b : (step as { a: number }).a]!;
    const isChange = step.op === changed;
    const last = runs.at(-1);
    if (last?.changed === isChange) last.chars.push(char);
    else runs.push({ chars: [char], changed: isChange });
  }
  slideChangesRight(runs);
  const spans: DiffSpan[] = [];
  for (const run of runs.filter((r) => r.chars.length > 0)) {
    const last = spans.at(-1);
    if (last?.changed === run.changed) last.text += run.chars.join('');
    else spans.push({ text: run.chars.join(''), changed: run.changed });
  }
  return spans;
}

/**
 * Moves each change as far right as the same text allows. Matching the common end first puts a
 * sentence added after the last one before that sentence's own end (「…とどま[る。𠮷田さんが見守]る。」);
 * moved, it reads as written (「…とどまる。[𠮷田さんが見守る。]」). Either says the same change.
 */
function slideChangesRight(runs: { chars: string[]; changed: boolean }[]): void {
  for (let i = 0; i + 1 < runs.length; i++) {
    const [change, after] = [runs[i]!, runs[i + 1]!];
    if (!change.changed) continue;
    let moved = 0;
    while (moved < after.chars.length && change.chars[moved] === after.chars[moved]) moved++;
    if (moved === 0) continue;
    // The kept text that starts the change goes before it; as much of what follows comes into it.
    const kept = change.chars.splice(0, moved);
    change.chars.push(...after.chars.splice(0, moved));
    if (i > 0) {
      runs[i - 1]!.chars.push(...kept);
    } else {
      runs.unshift({ chars: kept, changed: false });
      i++;
    }
  }
}
