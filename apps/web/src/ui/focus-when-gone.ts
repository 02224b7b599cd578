import type { RefObject } from 'react';

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
