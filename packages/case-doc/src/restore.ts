import * as Y from 'yjs';
import { diffSequences } from './sequence-diff.ts';
import { summaryFragment } from './summary.ts';

/**
 * Makes `target`'s summary equal to `source`'s as an ordinary edit of `target`: blocks that are
 * the same in both are kept (so other people's cursors in them stay put), the rest are removed or
 * inserted as copies. Nothing of `target`'s history is dropped; the change is one transaction.
 */
export function restoreSummary(target: Y.Doc, source: Y.Doc, origin?: unknown): void {
  const live = summaryFragment(target);
  const wanted = summaryFragment(source).toArray();
  const steps = diffSequences(live.toArray(), wanted, (node) => node.toString());
  if (steps.every((step) => step.op === 'equal')) return;
  target.transact(() => {
    let at = 0;
    for (const step of steps) {
      if (step.op === 'equal') at++;
      else if (step.op === 'removed') live.delete(at, 1);
      else live.insert(at++, [(wanted[step.b] as Y.XmlElement | Y.XmlText).clone()]);
    }
  }, origin);
}
