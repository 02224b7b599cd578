import type { Conference } from '@care/case-doc';
import { useState } from 'react';
import { defaultConference } from './useConferenceModel.ts';

/** A conference shown instead of the default: picked in the list by hand, or just planned here. */
type Choice = { id: string; byHand: boolean };

/**
 * Which of the case's conferences this page shows. By default the live one, else the next planned,
 * else the last. One just planned here is shown until a conference starts, and one that ends stays
 * shown to those who were following it (not replaced by the next planned one). When one starts
 * (started by anyone, anywhere), everyone is moved to it but whoever picked another conference in
 * the list by hand: they are not taken away from what they read, the started one is offered
 * instead (`startedAside`, until they go to it).
 */
export function useShownConference(conferences: Conference[]) {
  const [choice, setChoice] = useState<Choice>();
  const live = conferences.find((c) => c.status === 'live');
  const [seenLive, setSeenLive] = useState(live?.id);
  const [startedAsideId, setStartedAsideId] = useState<string>();
  if (live?.id !== seenLive) {
    // Adjusted while rendering, so that no screen ever shows the conference a start leaves behind.
    setSeenLive(live?.id);
    const aside = live !== undefined && choice?.byHand === true && choice.id !== live.id;
    if (live && !aside) setChoice(undefined);
    // One that ends stays before those who were following it, the next planned one is not put in its place.
    const wasFollowed = seenLive !== undefined && (choice === undefined || choice.id === seenLive);
    if (!live && wasFollowed) setChoice({ id: seenLive, byHand: false });
    setStartedAsideId(aside ? live.id : undefined);
  }
  const shown = conferences.find((c) => c.id === choice?.id) ?? defaultConference(conferences);
  return {
    shown,
    live,
    startedAside: live && live.id === startedAsideId && shown?.id !== live.id ? live : undefined,
    /** Picked in the list: the live one means following it again, as if never picked. */
    pick: (id: string) => setChoice(id === live?.id ? undefined : { id, byHand: true }),
    planned: (id: string) => setChoice({ id, byHand: false }),
    showLive: () => setChoice(undefined),
  };
}
