import { BACKGROUND_HEADER } from '@care/schema';
import { afterEach, expect, it, vi } from 'vitest';
import { api, inBackground } from '../src/api.ts';
import { refreshWhileShown } from '../src/ui/refresh-while-shown.ts';

/** The BACKGROUND_HEADER of each request sent, in order (undefined: sent as its user's). */
function sentHeaders(): (string | undefined)[] {
  const sent: (string | undefined)[] = [];
  vi.stubGlobal('fetch', async (_path: string, init?: RequestInit) => {
    sent.push((init?.headers as Record<string, string> | undefined)?.[BACKGROUND_HEADER]);
    return new Response(JSON.stringify({ cases: [] }));
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

it("marks the requests a page makes by itself, and only those, so that they keep no session alive", async () => {
  const sent = sentHeaders();
  await inBackground(() => api.caseActivity());
  await inBackground(api.checkServer);
  await api.caseActivity(); // its user's again, once the background ones are sent
  expect(sent).toEqual(['1', '1', undefined]);
});

it('a list read again while the page is shown is read as the page’s own doing, every time', async () => {
  vi.useFakeTimers();
  try {
    const sent = sentHeaders();
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    const stop = refreshWhileShown(() => void api.caseActivity(), 60_000, page);
    await vi.advanceTimersByTimeAsync(120_000);
    page.dispatchEvent(new Event('visibilitychange'));
    stop();
    expect(sent).toEqual(['1', '1', '1', '1']); // at once, twice a minute later, and shown again
  } finally {
    vi.useRealTimers();
  }
});
