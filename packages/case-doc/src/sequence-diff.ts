/** One step of an edit script: keep `a[i]`, remove `a[i]`, or add `b[j]`. */
export type DiffStep = { op: 'equal'; a: number; b: number } | { op: 'removed'; a: number } | { op: 'added'; b: number };

/**
 * The shortest edit script from `a` to `b` (longest common subsequence), comparing by `key`.
 * Common head and tail are matched first, so a long summary with one changed line costs little;
 * the rest is the classic O(n·m) table, fine for the size of a case summary.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], key: (item: T) => string = String): DiffStep[] {
  const ka = a.map(key);
  const kb = b.map(key);
  let head = 0;
  while (head < ka.length && head < kb.length && ka[head] === kb[head]) head++;
  let tail = 0;
  while (tail < ka.length - head && tail < kb.length - head && ka[ka.length - 1 - tail] === kb[kb.length - 1 - tail]) tail++;

  const n = ka.length - head - tail;
  const m = kb.length - head - tail;
  // lcs[i][j]: length of the LCS of the middle parts of a from i and b from j.
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = ka[head + i] === kb[head + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }

  const steps: DiffStep[] = [];
  for (let k = 0; k < head; k++) steps.push({ op: 'equal', a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ka[head + i] === kb[head + j]) {
      steps.push({ op: 'equal', a: head + i++, b: head + j++ });
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      steps.push({ op: 'removed', a: head + i++ });
    } else {
      steps.push({ op: 'added', b: head + j++ });
    }
  }
  for (let k = 0; k < tail; k++) steps.push({ op: 'equal', a: ka.length - tail + k, b: kb.length - tail + k });
  return steps;
}

/** Line diff as a reader sees it: each line of `a` and `b` once, marked equal, removed or added. */
export function diffLines(a: readonly string[], b: readonly string[]): { op: DiffStep['op']; text: string }[] {
  return diffSequences(a, b).map((step) => ({ op: step.op, text: step.op === 'added' ? b[step.b]! : a[step.a]! }));
}
