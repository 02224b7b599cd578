import { useState } from 'react';

/**
 * Sends a request one at a time: while the promise of one action is pending, another call does
 * nothing and gives undefined. A second click before the answer would otherwise send it again
 * (a second invitation link, agency or version), and a slow second click is no double-click
 * (repeated-clicks.ts). `onPending` is told when one starts and ends, to disable its buttons.
 *
 * An action that `leaves` the page once it succeeds (a case created, then opened) stays pending
 * after its answer: the app moves to the next page only once that page's code has loaded (lazily,
 * slowly on a slow network), and this page stays shown meanwhile, its form still filled, where a
 * press again would send the request again (a second case).
 */
export function oneAtATime(onPending: (pending: boolean) => void) {
  let pending = false;
  return async <T>(action: () => Promise<T>, { leaves = false } = {}): Promise<T | undefined> => {
    if (pending) return undefined;
    pending = true;
    onPending(true);
    let succeeded = false;
    try {
      const result = await action();
      succeeded = true;
      return result;
    } finally {
      if (!(leaves && succeeded)) {
        pending = false;
        onPending(false);
      }
    }
  };
}

/**
 * oneAtATime for a component: `run` sends its requests, `pending` disables the buttons that send
 * them (a disabled submit button also keeps Enter from submitting its form) until the answer, or
 * for good once one that `leaves` succeeded.
 */
export function useOneAtATime() {
  const [pending, setPending] = useState(false);
  const [run] = useState(() => oneAtATime(setPending));
  return { pending, run };
}
