import { type Conference, roleShownFor } from '@care/case-doc';
import type { ConferenceStatus } from '@care/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseConnection } from '../collab/useCaseConnection.ts';
import { type ConferenceModel, type ModelChange, scopedTo } from './useConferenceModel.ts';

type Seen = Pick<ConferenceModel, 'conferences' | 'actionItems'>;

const STATUS_NEWS: Partial<Record<ConferenceStatus, string>> = { live: '会議が開始されました', closed: '会議が終了しました', cancelled: '会議が中止になりました' };

/** How long the live region stays empty before the next announcement, so that a repeated one is read again. */
export const REPEAT_GAP_MS = 100;


/**
 * What a screen reader is told of a change someone else made (`before` → `after`), for the person
 * `me`: a conference started, ended or called off, their own role in one changed, an action item
 * added. Nothing else: the rest is read where it is shown.
 */
export function announcements(before: Seen, after: Seen, me: string): string[] {
  const said: string[] = [];
  for (const conference of after.conferences) {
    const was = before.conferences.find((c) => c.id === conference.id);
    if (!was) continue;
    const news = was.status !== conference.status ? STATUS_NEWS[conference.status] : undefined;
    if (news) said.push(`${news}。`);
    const role = roleShownFor(conference.roles, me);
    if (roleShownFor(was.roles, me) !== role) said.push(`あなたの役割が${role}になりました。`);
  }
  for (const item of after.actionItems) {
    if (!before.actionItems.some((i) => i.id === item.id)) said.push(`対応事項が追加されました：${item.what}。`);
  }
  return said;
}

/**
 * Tells news through `show`, a live region's text. The region is emptied first and filled a moment
 * later: a screen reader reads it again only when its text changes, and the same news may come twice
 * in a row (two items named 訪問する). News that comes during that moment is told with what waits,
 * not instead of it.
 */
export function announcer(show: (text: string) => void) {
  let waiting: string[] = [];
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    tell(news: string[]) {
      if (news.length === 0) return;
      waiting.push(...news);
      show('');
      clearTimeout(pending);
      pending = setTimeout(() => {
        show(waiting.join(''));
        waiting = [];
      }, REPEAT_GAP_MS);
    },
    stop: () => clearTimeout(pending),
  };
}

/**
 * The latest announcement for this page's live region, and `heard`, to be told of each change to
 * the model (useConferenceModel's `changed`). Only changes that came from the server once this page
 * was level with it are told: one's own are made here (told by what one did), and the first load
 * and a sync after being offline are what the screen shows, not news.
 */
export function useAnnouncement(connection: CaseConnection, me: string, guestOf: string | undefined): { message: string; heard: ModelChange } {
  const [message, setMessage] = useState('');
  const news = useRef<ReturnType<typeof announcer>>(undefined);
  useEffect(() => {
    const told = announcer(setMessage);
    news.current = told;
    return told.stop;
  }, []);
  const heard = useCallback<ModelChange>(
    (before, after, transaction) => {
      const { provider } = connection;
      if (transaction.origin !== provider || !provider.synced) return;
      news.current?.tell(announcements(scopedTo(before, guestOf), scopedTo(after, guestOf), me));
    },
    [connection, me, guestOf],
  );
  return { message, heard };
}
