import { type RefObject, useLayoutEffect } from 'react';

/**
 * Gives the keyboard to the first of `targets` shown, once the screen shows a change whose button
 * went with it (会議を開始, この会議に参加): else focus falls to the page, and the next Tab starts
 * over from its top. Focus moved elsewhere meanwhile, or kept (the change was refused), stays.
 */
export function focusWhenGone(...targets: RefObject<HTMLElement | null>[]): void {
  focusFoundWhenGone(() => targets.find((target) => target.current)?.current);
}

/**
 * focusWhenGone, to what `find` finds once the change is shown: an element the change draws anew
 * (a list's row moved or now in the place of the one removed).
 */
export function focusFoundWhenGone(find: () => HTMLElement | null | undefined): void {
  // After the render the change causes: the doc's observers set state within this event.
  setTimeout(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) find()?.focus();
  });
}

/**
 * Of a list's rows, one of which had the keyboard (removed, or moved: the browser drops the
 * keyboard of an element it moves), what `pick` finds (by default the first button) in the row now
 * at `index`, or in the last row if fewer: the next row to act on, as a pointer would find it under itself.
 */
export function controlInRow(
  rows: ArrayLike<Element> | undefined,
  index: number,
  pick = (row: Element) => row.querySelector<HTMLElement>('button'),
): HTMLElement | null | undefined {
  const row = rows?.[Math.min(index, rows.length - 1)];
  return row && pick(row);
}

/**
 * focusWhenGone once the component using it goes while one of `holders` has the keyboard: gone by
 * someone else's change (the day question of 会議を開始, once another starts the conference), with
 * no button of this person's to say where the keyboard goes next. Refs: the same for its life.
 */
export function useFocusWhenGone(holders: RefObject<HTMLElement | null>[], ...targets: RefObject<HTMLElement | null>[]): void {
  // A layout effect's cleanup runs before the component's elements leave the page: the one with the keyboard still has it.
  useLayoutEffect(
    () => () => {
      if (holders.some((holder) => holder.current?.contains(document.activeElement))) focusWhenGone(...targets);
    },
    [],
  );
}
