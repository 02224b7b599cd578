import { useCallback, useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';

/**
 * Typing on this page that is in no doc and no request yet, so kept nowhere: a 経過 not yet
 * written by Enter or by leaving its field, a form's fields before its button. While any is held,
 * leaving asks first: closing or reloading the page (beforeunload), going elsewhere in the app (a
 * link, Back: AskBeforeLeavingTyping) and signing out. What is typed into the doc needs no such
 * question: this browser keeps it (unsent-edits.ts notes it until the server has it).
 */
const held = new Set<() => void>();

/** Holds typing until the function it gives is called (calling it again does nothing). */
export function holdUnwrittenTyping(page: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  const askFirst = (event: Event) => event.preventDefault();
  page.addEventListener('beforeunload', askFirst);
  const release = () => {
    page.removeEventListener('beforeunload', askFirst);
    held.delete(release);
  };
  held.add(release);
  return release;
}

/**
 * Holds typing while `unwritten` (typed, and not what the field started with or was last written).
 * What it gives lets the typing go at once, for a form that leaves the page as soon as it is sent
 * (its fields still filled until the page is left): the move would otherwise ask.
 */
export function useHoldWhileTyped(unwritten: boolean): () => void {
  const release = useRef<() => void>(undefined);
  useEffect(() => {
    if (!unwritten) return undefined;
    release.current = holdUnwrittenTyping();
    return release.current;
  }, [unwritten]);
  return useCallback(() => release.current?.(), []);
}

export const LOSE_TYPING_QUESTION = '入力したまま、まだ書き込んでいない内容があります。このまま進むと失われます。\n\n続けますか？';

/**
 * Whether what would lose the held typing goes ahead: yes when none is held or the person says so.
 * Said yes, the typing is let go, so the way out (a sign-out's move to the login page) asks no more.
 */
export function mayLoseTyping(ask: (question: string) => boolean = confirm): boolean {
  if (held.size === 0) return true;
  if (!ask(LOSE_TYPING_QUESTION)) return false;
  for (const release of [...held]) release();
  return true;
}

/**
 * Asks before going to another page of the app while typing is held (beforeunload is not fired
 * there); a move within the page (its query) keeps the forms and what is typed in them. One for
 * the app, beside the routes: a router takes only one blocker at a time.
 */
export function AskBeforeLeavingTyping(): null {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && held.size > 0);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (mayLoseTyping()) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  return null;
}
