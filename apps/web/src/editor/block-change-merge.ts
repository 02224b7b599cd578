import { deletedByOthers } from '@care/sync-client';
import { Extension } from '@tiptap/core';
import { Plugin, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, type ProsemirrorBinding, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { undoManager } from './conversion-history.ts';
import { idsAt, undoBringsBack, undoBringsBackCopies, undoTakesOut, undoTakesOutCopies } from './undo-steps.ts';

/**
 * What one typed here in a paragraph whose shape a colleague changed without having seen it stays,
 * in the text they moved: a paragraph made a heading or a list item, joined to the one before
 * (Backspace, Delete) or split (Enter), or the last one that a deletion across paragraphs ends in.
 * Unseen: text added offline or within the network's delay, and kanji confirmed from kana the
 * colleague saw (which replace those kana). What one typed in text they deleted outright goes
 * with it.
 *
 * Why: the editor binding (y-tiptap) writes such a change as text deleted in one place and written
 * anew in another: a heading is a new block with the text of the paragraph, deleted (or emptied,
 * if kept last); a join writes the second paragraph's text at the end of the first and deletes the
 * second; a split deletes the end of the paragraph and writes it in a new one after it; a deletion
 * across paragraphs writes what it keeps of the last at the end of the first. What one typed there
 * meanwhile stayed behind: lost with a deleted paragraph, or left in the first part or alone in a
 * paragraph below, for everyone. The change's own delete set tells what the colleague saw there
 * (all they deleted); this browser, which typed the rest, redoes its edits of that text where the
 * change wrote it anew, in one change that goes out as any edit does. Only the browser whose
 * typing it is acts (others holding it converge by receiving that change), so nothing is added
 * twice.
 *
 * This browser's caret, or either end of its selection, in such text goes with it too, though
 * nothing of its own moves: y-tiptap keeps them by the characters beside them, and those were
 * deleted, so they jumped to where the old paragraph was (the end of the text before it, an empty
 * line under the new heading, the first part of a split) and one's next words went there. And so
 * do one's undo steps: one's typing they saw and wrote anew is theirs in Yjs, so 元に戻す found
 * nothing of its last step left and took back the step before, elsewhere in the text; and words
 * one had deleted there came back in the old text (a line of its own under the heading, the first
 * part of a split) or, that gone, not at all, and the step before went instead.
 */
export const BlockChangeMerge = Extension.create({
  name: 'blockChangeMerge',
  addProseMirrorPlugins: () => [new Plugin({ view: mergeBlockChanges })],
});

/** Whether the colleague deleted a character (by its id) in their change. */
type Deleted = (id: Y.ID) => boolean;
/**
 * A stretch of a text, `offset` characters into `item`: the colleague saw it (and deleted it: moved
 * it) or not ('typedHere'); 'deletedHere' they saw, and this browser has deleted since;
 * 'restorable' this browser deleted before they saw the text, and an undo step would bring back.
 */
type Piece = { kind: 'seen' | 'deletedHere' | 'typedHere' | 'restorable'; text: string; item: Y.Item; offset: number };
/** Text that a change wrote anew: a run of characters `str` it inserted, in `text` from `index`, and what `follows` it there. */
type Written = { text: Y.XmlText; index: number; str: string; follows: string };
/**
 * Text of `old` that the colleague deleted, with what was done to it here that they did not see;
 * `atStart` and `atEnd` if nothing of `old` is left before or after it.
 */
type Stretch = { old: Y.XmlText; pieces: Piece[]; atStart: boolean; atEnd: boolean };
/** A stretch (or a part of one) the change wrote anew, from `to` (where its pieces that are not typedHere begin); `ends` of this browser's selection that were in it. */
type Moved = { old: Y.XmlText; pieces: Piece[]; to: Y.RelativePosition; ends: Ends<Caret> };
/** `count` characters they saw, written anew from `index` in `place`'s text (one of a few when their typing or Enter cut them apart). */
type Part = { place: Written; index: number; count: number };
/** Where the caret stood in an old text: `offset` characters into `piece`, or (no piece) at the start (0) or the end (∞). */
type Caret = { piece: Piece | null; offset: number };
/** Something of each end of a selection (its caret when empty). */
type Ends<T> = { anchor?: T; head?: T };
const END_NAMES = ['anchor', 'head'] as const;
/**
 * What of this browser's a stretch may hold besides edits they did not see: an end of its
 * selection, or text an undo step would take out or (deleted) bring back (`restorable`, by id).
 */
type Mine = { selection: Ends<Y.RelativePosition>; undoable: (piece: Piece) => boolean; restorable: Deleted };

function mergeBlockChanges(view: EditorView) {
  const binding = ySyncPluginKey.getState(view.state)?.binding as ProsemirrorBinding | undefined;
  if (!binding) return {};
  let selection: Ends<Y.RelativePosition> = {};
  const undoable = (piece: Piece) => piece.kind === 'restorable' || (piece.kind === 'seen' && undoTakesOut(undoManager(view), idsOf(piece)));
  const restorable = (id: Y.ID) => undoBringsBack(undoManager(view), id);
  const before = (transaction: Y.Transaction) => {
    const { anchor, head } = view.state.selection;
    const at = (position: number) => absolutePositionToRelativePosition(position, binding.type, binding.mapping) as Y.RelativePosition;
    selection = transaction.local || !(view.state.selection instanceof TextSelection) ? {} : { anchor: at(anchor), head: at(head) };
  };
  const after = (transaction: Y.Transaction) => {
    const theirDeletions = deletedByOthers(transaction);
    if (!theirDeletions) return;
    const wrote = [...transaction.afterState].some(([client, clock]) => clock > (transaction.beforeState.get(client) ?? 0));
    if (!wrote) return; // a deletion alone (a colleague's Backspace) writes nothing anew
    const removedFrom = textsRemoved(binding, transaction);
    if (removedFrom.length === 0) return; // most changes (typing) delete nothing: no need to read what they deleted
    // Read now: the doc drops deleted text after this event.
    const stretches = removedFrom.flatMap((old) => stretchesOf(binding, transaction, theirDeletions, old, { selection, undoable, restorable }));
    if (stretches.length === 0) return; // most changes (a colleague's retyping) meet nothing of this browser's they did not see, nor its selection
    const written = textWritten(binding, transaction);
    const moved = stretches.flatMap((stretch) => movedTo(binding, stretch, written, { selection, undoable, restorable }) ?? []);
    // After y-tiptap has drawn the change (it observes the doc before this event).
    if (moved.length > 0) queueMicrotask(() => redo(view, binding, moved));
  };
  binding.doc.on('beforeTransaction', before);
  binding.doc.on('afterTransaction', after);
  return {
    destroy: () => {
      binding.doc.off('beforeTransaction', before);
      binding.doc.off('afterTransaction', after);
    },
  };
}

/** The editor's texts of which `transaction` deleted something. */
function textsRemoved(binding: ProsemirrorBinding, transaction: Y.Transaction): Y.XmlText[] {
  const texts = new Set<Y.XmlText>();
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.parent instanceof Y.XmlText && within(struct.parent, binding.type)) texts.add(struct.parent);
  });
  return [...texts];
}

function within(type: Y.AbstractType<any>, root: Y.AbstractType<any>): boolean {
  for (let at: Y.AbstractType<any> | null = type; at; at = (at._item?.parent as Y.AbstractType<any> | undefined) ?? null) if (at === root) return true;
  return false;
}

/** Each run of characters that `transaction` inserted in the editor's texts, in the order of the document. */
function textWritten(binding: ProsemirrorBinding, transaction: Y.Transaction): Written[] {
  const written: Written[] = [];
  for (const text of binding.type.createTreeWalker((type) => type instanceof Y.XmlText) as Iterable<Y.XmlText>) {
    let all = '';
    let run: Written | undefined;
    const runs: Written[] = [];
    for (let item = text._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const str = item.content instanceof Y.ContentString ? item.content.str : '\uFFFC'.repeat(item.length); // not text: matches none
      const isNew = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
      if (isNew && item.content instanceof Y.ContentString) {
        if (!run) runs.push((run = { text, index: all.length, str: '', follows: '' }));
        run.str += str;
      } else run = undefined;
      all += str;
    }
    for (const run of runs) run.follows = all.slice(run.index + run.str.length);
    written.push(...runs);
  }
  return written;
}

/**
 * The stretches of `old` that the colleague deleted where this browser typed or deleted what they
 * did not see, or that holds something else of its (`mine`). A stretch runs from the first to the last
 * character they deleted (between others' text they left), with this browser's typing around it,
 * which they would have deleted too, had they seen it.
 */
function stretchesOf(binding: ProsemirrorBinding, transaction: Y.Transaction, theirDeletions: Deleted, old: Y.XmlText, mine: Mine): Stretch[] {
  const existed = (item: Y.Item) => item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0);
  const runs: Piece[][] = [[]];
  for (let item = old._start; item; item = item.right) {
    if (!item.countable) continue;
    const shownBefore = existed(item) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
    const kindOf = (id: Y.ID): Piece['kind'] | undefined => {
      if (theirDeletions(id)) return existed(item) && !shownBefore ? 'deletedHere' : 'seen';
      if (shownBefore) return item.id.client === binding.doc.clientID ? 'typedHere' : undefined;
      return existed(item) && mine.restorable(id) ? 'restorable' : undefined;
    };
    for (const { offset, length, value: kind } of runsOf(item, kindOf)) {
      if (kind && item.content instanceof Y.ContentString) runs.at(-1)!.push({ kind, text: item.content.str.slice(offset, offset + length), item, offset });
      else if (!item.deleted) runs.push([]); // what they left, or not text: the stretch ends
    }
  }
  return runs.flatMap((pieces, i) => {
    const stretch = { old, pieces, atStart: i === 0, atEnd: i === runs.length - 1 };
    return pieces.some(theySaw) && (holdsEdits(pieces) || pieces.some(mine.undoable) || holdsAny(endsIn(old, pieces, mine.selection, { start: stretch.atStart, end: stretch.atEnd }))) ? [stretch] : [];
  });
}

/** Whether `pieces` hold an edit of this browser's that the colleague did not see. */
const holdsEdits = (pieces: Piece[]) => pieces.some(({ kind }) => kind === 'typedHere' || kind === 'deletedHere');

/** Whether the colleague saw `piece` (and deleted it: moved it). */
const theySaw = ({ kind }: Piece) => kind === 'seen' || kind === 'deletedHere';

const holdsAny = (ends: Ends<unknown>) => END_NAMES.some((end) => ends[end]);

/**
 * Where the change wrote `stretch` anew (one of `written`, taken from it), and what of it to move
 * there: not what it deleted outright (before the end that a deletion across paragraphs keeps),
 * nor the typing before it when `old` stays in front of its new place, as Enter leaves the start
 * of a paragraph where it was (that typing may be in what they saw and left).
 *
 * A paragraph that stays (split, emptied when made a heading last, or left as the editor's empty
 * last line by a join) may also hold this browser's text that they saw and left, which reads as
 * typing they did not see: its stretch counts only when it was the end of that text, and went to
 * a new block of its own, or (all of that text) to the end of the text before.
 */
function movedTo(binding: ProsemirrorBinding, { old, pieces: all, atStart, atEnd }: Stretch, written: Written[], mine: Mine): Moved[] | undefined {
  const seen = all.flatMap((piece) => (theySaw(piece) ? [piece.text] : [])).join('');
  const oldKept = !old._item?.deleted;
  if (oldKept && !atEnd) return undefined;
  const before = textBefore(binding, old);
  const places = written.filter(({ text, index, follows }) => text !== old && (!oldKept || (follows === '' && (index === 0 || (atStart && text === before)))));
  const found = placeOf(seen, places, oldKept ? undefined : before);
  if (!found) return undefined;
  const { parts, skip } = found;
  for (const { place } of parts) if (written.includes(place)) written.splice(written.indexOf(place), 1); // one stretch a place
  const kept = after(all, skip);
  const texts = oldKept ? [...(binding.type.createTreeWalker((type) => type instanceof Y.XmlText) as Iterable<Y.XmlText>)] : [];
  const stayedInFront = texts.indexOf(old) >= 0 && texts.indexOf(old) < texts.indexOf(parts[0]!.place.text);
  const pieces = stayedInFront ? kept.slice(kept.findIndex(theySaw)) : kept;
  const moved = cut(pieces, parts).map((pieces, i) => ({
    old,
    pieces,
    to: Y.createRelativePositionFromTypeIndex(parts[i]!.place.text, parts[i]!.index),
    ends: endsIn(old, pieces, mine.selection, { start: i === 0 && atStart && !stayedInFront && skip === 0, end: i === parts.length - 1 && atEnd }),
  }));
  return holdsEdits(pieces) || pieces.some(mine.undoable) || moved.some(({ ends }) => holdsAny(ends)) ? moved : undefined;
}

/**
 * `pieces` cut where `parts` cut the characters they saw; this browser's typing goes with the part
 * of the character before it (typing before all goes with the first).
 */
function cut(pieces: Piece[], parts: Part[]): Piece[][] {
  const cuts: Piece[][] = parts.map(() => []);
  let part = 0;
  let left = parts[0]!.count; // characters they saw still to place in `part`
  for (const piece of pieces) {
    let rest = piece;
    while (theySaw(rest) && rest.text.length > left && part < parts.length - 1) {
      if (left > 0) cuts[part]!.push({ ...rest, text: rest.text.slice(0, left) });
      rest = { ...rest, text: rest.text.slice(left), offset: rest.offset + left };
      left = parts[++part]!.count;
    }
    if (rest.text.length > 0) cuts[part]!.push(rest);
    if (theySaw(rest)) left -= rest.text.length;
  }
  return cuts;
}

/**
 * Where in `written` the change wrote `seen` anew: all of it in one run (which may hold more, or
 * their typing in one place within it: both reach this browser as one change when it was away),
 * or in runs that each fill a block, one after the other (Enter pressed more than once), or its end
 * from `skip` on, in a run that ends `before` with what follows it (a deletion from one paragraph
 * into another writes what it keeps of the last at the end of the first, reusing the ending they
 * share).
 */
function placeOf(seen: string, written: Written[], before?: Y.XmlText): { parts: Part[]; skip: number } | undefined {
  const whole = written.find(({ str }) => str === seen) ?? written.find(({ str }) => str.includes(seen));
  if (whole) return { parts: [{ place: whole, index: whole.index + whole.str.indexOf(seen), count: seen.length }], skip: 0 };
  for (const place of written) {
    const start = commonLength(seen, place.str, (i) => i);
    if (place.str.length > seen.length && start + commonLength(seen, place.str, (i, of) => of.length - 1 - i) >= seen.length) {
      const end = place.index + place.str.length - (seen.length - start);
      return { parts: [{ place, index: place.index, count: start }, { place, index: end, count: seen.length - start }], skip: 0 };
    }
  }
  for (let first = 0; first < written.length; first++) {
    let str = written[first]!.str;
    for (let last = first + 1; last < written.length && written[last - 1]!.follows === '' && written[last]!.index === 0 && seen.startsWith(str + written[last]!.str); last++) {
      str += written[last]!.str;
      if (str === seen) return { parts: written.slice(first, last + 1).map((place) => ({ place, index: place.index, count: place.str.length })), skip: 0 };
    }
  }
  for (const place of written.filter(({ text }) => text === before)) {
    for (let skip = seen.indexOf(place.str, 1); skip > 0; skip = seen.indexOf(place.str, skip + 1)) {
      if (place.str + place.follows === seen.slice(skip)) return { parts: [{ place, index: place.index, count: seen.length - skip }], skip };
    }
  }
  return undefined;
}

/** How many characters `a` and `b` share from one end, reading the `i`th from it at `at(i, string)`. */
function commonLength(a: string, b: string, at: (i: number, of: string) => number): number {
  let n = 0;
  while (n < a.length && n < b.length && a[at(n, a)] === b[at(n, b)]) n++;
  return n;
}

/** The last text before `type` in the document that is still there. */
function textBefore(binding: ProsemirrorBinding, type: Y.AbstractType<any>): Y.XmlText | undefined {
  for (let at: Y.AbstractType<any> | undefined = type; at && at !== binding.type; at = at._item?.parent as Y.AbstractType<any> | undefined) {
    for (let left = at._item?.left; left; left = left.left) {
      const last = !left.deleted && left.content instanceof Y.ContentType ? lastText(left.content.type) : undefined;
      if (last) return last;
    }
  }
  return undefined;
}

function lastText(type: Y.AbstractType<any>): Y.XmlText | undefined {
  if (type instanceof Y.XmlText) return type;
  const children = type instanceof Y.XmlElement ? type.toArray() : [];
  for (const child of children.reverse()) {
    const last = lastText(child as Y.AbstractType<any>);
    if (last) return last;
  }
  return undefined;
}

/** `pieces` from their `skip`th character they saw on (typing there included). */
function after(pieces: Piece[], skip: number): Piece[] {
  const kept: Piece[] = [];
  let left = skip;
  for (const piece of pieces) {
    if (left === 0) kept.push(piece);
    else if (theySaw(piece)) {
      if (piece.text.length > left) kept.push({ ...piece, text: piece.text.slice(left), offset: piece.offset + left });
      left = Math.max(left - piece.text.length, 0);
    }
  }
  return kept;
}

/** Where in `pieces` each end of this browser's selection stood, if there. */
function endsIn(old: Y.XmlText, pieces: Piece[], selection: Ends<Y.RelativePosition>, ends: { start: boolean; end: boolean }): Ends<Caret> {
  return { anchor: caretIn(old, pieces, selection.anchor, ends), head: caretIn(old, pieces, selection.head, ends) };
}

/** Where in `pieces` this browser's caret stood (at `caretAt`), if there; `ends` tells whether they reach the start and the end of `old`. */
function caretIn(old: Y.XmlText, pieces: Piece[], caretAt: Y.RelativePosition | undefined, ends: { start: boolean; end: boolean }): Caret | undefined {
  if (!caretAt) return undefined;
  const { item: id, assoc } = caretAt;
  if (id) {
    const start = (piece: Piece) => piece.item.id.clock + piece.offset;
    const piece = pieces.find((piece) => piece.item.id.client === id.client && id.clock >= start(piece) && id.clock < start(piece) + piece.text.length);
    return piece && { piece, offset: id.clock - start(piece) + (assoc < 0 ? 1 : 0) }; // assoc < 0: after that character
  }
  const type = old._item?.id;
  if (!type || caretAt.type?.client !== type.client || caretAt.type.clock !== type.clock) return undefined;
  if (assoc < 0 ? !ends.start : !ends.end) return undefined;
  return { piece: null, offset: assoc < 0 ? 0 : Number.POSITIVE_INFINITY }; // the start, or the end
}

/** Redoes this browser's edits of each moved stretch where it was written anew, and takes its typing out of the old text if that stays. */
function redo(view: EditorView, binding: ProsemirrorBinding, moved: Moved[]): void {
  const placed: Ends<{ text: Y.XmlText; index: number }> = {};
  binding.doc.transact(() => {
    for (const { old, pieces, to, ends } of moved) {
      const place = Y.createAbsolutePositionFromRelativePosition(to, binding.doc);
      if (!place || !(place.type instanceof Y.XmlText)) continue;
      const text = place.type;
      const start = place.index; // where the text they saw begins: typing before it goes in front
      let index = start;
      for (const piece of pieces) {
        const { kind, text: str } = piece;
        for (const end of END_NAMES) if (ends[end]?.piece === piece) placed[end] = { text, index: index + (kind === 'deletedHere' ? 0 : ends[end].offset) };
        if (kind === 'deletedHere' || kind === 'restorable') {
          if (kind === 'restorable') text.insert(index, str); // to delete, where an undo step can bring it back
          const copies = idsAt(text, index, str.length);
          text.delete(index, str.length);
          undoBringsBackCopies(undoManager(view), idsOf(piece), copies);
        } else {
          if (kind === 'typedHere') text.insert(index, str, formatAt(text, Math.max(index - 1, start)));
          undoTakesOutCopies(undoManager(view), idsOf(piece), idsAt(text, index, str.length));
          index += str.length;
        }
      }
      for (const end of END_NAMES) if (ends[end]?.piece === null) placed[end] = { text, index: start + Math.min(ends[end].offset, index - start) };
      if (!old._item?.deleted) takeOut(old, pieces.filter(({ kind }) => kind === 'typedHere'));
    }
  }, BlockChangeMerge);
  // An end not in moved text stays where y-tiptap put it.
  const [anchor, head] = END_NAMES.map((end) => {
    const at = placed[end] && relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromTypeIndex(placed[end].text, placed[end].index), binding.mapping);
    return at ?? view.state.selection[end];
  });
  if (holdsAny(placed)) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor!, head)));
}

/** The id of each character of `piece`. */
const idsOf = (piece: Piece): Y.ID[] => Array.from({ length: piece.text.length }, (_, i) => Y.createID(piece.item.id.client, piece.item.id.clock + piece.offset + i));

/** Deletes `pieces` (not deleted yet) from `text`, last first so that the indexes before hold. */
function takeOut(text: Y.XmlText, pieces: Piece[]): void {
  const indexes = new Map<Y.Item, number>();
  let index = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    indexes.set(item, index);
    index += item.length;
  }
  for (const { item, offset, text: str } of [...pieces].reverse()) {
    const from = indexes.get(item);
    if (from !== undefined) text.delete(from + offset, str.length);
  }
}

/** `item`'s characters in runs of one `value` (by id) each: a change deletes parts of what was typed in one go. */
function runsOf<T>(item: Y.Item, valueOf: (id: Y.ID) => T): { offset: number; length: number; value: T }[] {
  const runs: { offset: number; length: number; value: T }[] = [];
  for (let offset = 0; offset < item.length; offset++) {
    const value = valueOf(Y.createID(item.id.client, item.id.clock + offset));
    const last = runs.at(-1);
    if (last && last.value === value) last.length++;
    else runs.push({ offset, length: 1, value });
  }
  return runs;
}

/** The formatting (bold, …) of the character at `index`. */
function formatAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let end = 0;
  for (const { insert, attributes } of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    end += typeof insert === 'string' ? insert.length : 1;
    if (index < end) return attributes ?? {};
  }
  return {};
}
