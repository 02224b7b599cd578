import { type RefObject, useLayoutEffect } from 'react';

/**
 * Gives the keyboard to the first of `targets` shown, once the screen shows a change whose button
 * went with it (会議を開始, この会議に参加): else focus falls to the page, and the next Tab starts
 * over from its top. Focus moved elsewhere meanwhile, or kept (the change was refused), stays.
 */
export function focusWhenGone(...targets: RefObject<HTMLElement | null>[]): void {
  // After the render the change causes: the doc's observers set state within this event.
  setTimeout(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) targets.find((target) => target.current)?.current?.focus();
  });
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
