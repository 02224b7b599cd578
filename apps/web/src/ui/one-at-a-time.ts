import { useState } from 'react';

/**
 * Sends a request one at a time: while the promise of one action is pending, another call does
 * nothing and gives undefined. A second click before the answer would otherwise send it again
 * (a second invitation link, agency or version), and a slow second click is no double-click
 * (repeated-clicks.ts). `onPending` is told when one starts and ends, to disable its buttons.
 */
export function oneAtATime(onPending: (pending: boolean) => void) {
  let pending = false;
  return async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    if (pending) return undefined;
    pending = true;
    onPending(true);
    try {
      return await action();
    } finally {
      pending = false;
      onPending(false);
    }
  };
}

/**
 * oneAtATime for a component: `run` sends its requests, `pending` disables the buttons that send
 * them (a disabled submit button also keeps Enter from submitting its form) until the answer.
 */
export function useOneAtATime() {
  const [pending, setPending] = useState(false);
  const [run] = useState(() => oneAtATime(setPending));
  return { pending, run };
}
