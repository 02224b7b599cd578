import type { NewActionItemInput } from '@care/schema';
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { DiscardedText } from '../collab/DiscardedText.tsx';
import { useSession } from '../identity/session.tsx';
import { type TypedItem, typedLines } from './ActionItemForm.tsx';
import type { Draft } from './TypingOver.tsx';
import { forgetTypingOverSignIn, keepTypingOverSignIn, typingKeptOverSignIn } from './typing-over-sign-in.ts';

/**
 * Typing in an action item's form or field, before its button (or Enter): a new item's (at its
 * conference), an item's edit, its 経過 being typed. `where` names it for the person who typed it.
 */
export type Kept = { where: string } & (
  | { kind: 'add'; conferenceId: string; typed: TypedItem }
  | { kind: 'edit'; seen: NewActionItemInput; typed: TypedItem }
  | { kind: 'progress'; draft: Draft }
);

/**
 * Why such typing's form or field went before it was written, as the person who typed it is told:
 * its conference ended, editing did (閲覧のみ, オブザーバー), or the page let go of the case, its
 * access revoked (or a guest's invitation ended) or the account disabled, or the server refused
 * its connection (too many pages open).
 */
export type Why = 'ended' | 'access' | 'revoked' | 'disabled' | 'crowded';

const HEADINGS = { add: '追加されなかった対応事項', change: '書き込まれなかった対応事項の変更' } as const;

const BECAUSE: Record<Why, string> = {
  ended: '会議が終了したため',
  access: '編集できなくなったため（閲覧のみ・オブザーバーになったなど）',
  revoked: 'このケースへのアクセス権がなくなったため',
  disabled: 'このアカウント（またはその所属機関）が管理者によって無効にされたため',
  crowded: '開いている画面（タブ）が多すぎて、サーバーへの接続が断られたため',
};

/** Whom to tell: with the case gone from this page, not the 司会・記録 of a conference no longer shown. */
const TELL = { ended: '司会・記録', access: '司会・記録', revoked: 'このケースの担当者', disabled: 'このケースの担当者', crowded: '司会・記録' } satisfies Record<Why, string>;

/** `guest`: invited to this one conference, they have no next one to add an item at. */
function noteOf(does: keyof typeof HEADINGS, why: Why, guest: boolean): string {
  const what =
    does === 'change'
      ? '次の変更（対応事項の編集・経過）は書き込まれていません。'
      : why === 'ended'
        ? '次の対応事項は追加されず、会議の記録にも載っていません。'
        : '次の対応事項は追加されていません。';
  const copy = does === 'add' && why === 'ended' && !guest ? 'コピーして次の会議で追加するか、' : 'コピーして';
  return `${BECAUSE[why]}、${what}必要なら、${copy}${TELL[why]}に伝えてください。閉じるか、この画面を離れると消えます。`;
}

const linesOf = (kept: Kept): string[] => (kept.kind === 'progress' ? [kept.draft.text.trim()] : typedLines(kept.typed));

/**
 * What is typed into the action items' forms and fields, by key, kept apart from them: a form goes
 * as soon as its conference ends or this person may no longer edit, and with the conference screen
 * itself when the server lets a guest go; nobody else ever saw that typing. In this page's memory,
 * one a case (the Workspace's, useCaseTypingKeeper), stored only while its session has ended: it is
 * this person's own typing, shown to them once (LeftTyping) until closed, or taken back by its form
 * when that returns.
 */
export class TypingKeeper {
  constructor(private all: Readonly<Record<string, Kept>> = {}) {}
  private readonly listeners = new Set<() => void>();
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  readonly snapshot = () => this.all;
  readonly holdsAny = () => Object.keys(this.all).length > 0;
  /** Keeps what `key`'s form holds now (undefined: nothing typed, or written). */
  readonly keep = (key: string, kept: Kept | undefined) => {
    if (!kept && !(key in this.all)) return;
    const { [key]: _, ...others } = this.all;
    this.set(kept ? { ...others, [key]: kept } : others);
  };
  readonly forget = (keys: readonly string[]) => this.set(Object.fromEntries(Object.entries(this.all).filter(([key]) => !keys.includes(key))));
  private set(all: Record<string, Kept>) {
    this.all = all;
    for (const listener of this.listeners) listener();
  }
}

export const KeptTypingContext = createContext<TypingKeeper | undefined>(undefined);

/**
 * The keeper of this person's typing in a case's Workspace. When the session ends under it, what it
 * holds is stored in this browser for them, and given back here once they have signed in again.
 */
export function useCaseTypingKeeper(userId: string, caseId: string): TypingKeeper {
  const keeper = useMemo(() => new TypingKeeper(typingKeptOverSignIn(userId, caseId)), [userId, caseId]);
  // Taken back: from now on this page holds it, as any typing.
  useEffect(() => forgetTypingOverSignIn(userId, caseId), [userId, caseId]);
  const { keepWhenEnded } = useSession();
  useEffect(() => keepWhenEnded(() => keepTypingOverSignIn(userId, caseId, keeper.snapshot())), [keepWhenEnded, userId, caseId, keeper]);
  return keeper;
}

/**
 * The keeper of a page that shows action items without a case's Workspace (a record's page): nothing
 * can be typed there, so it never holds anything.
 */
const NOTHING_TYPED = new TypingKeeper();

function useKeeper(): TypingKeeper {
  return useContext(KeptTypingContext) ?? NOTHING_TYPED;
}

/** The typing kept for one form or field (`key`), to start from when it shows again, and how to keep what it holds. */
export function useKept(key: string) {
  const keeper = useKeeper();
  const kept = useSyncExternalStore(keeper.subscribe, () => keeper.snapshot()[key]);
  const keep = useCallback((typed: Kept | undefined) => keeper.keep(key, typed), [keeper, key]);
  return { kept, keep };
}

/**
 * The kept typing whose form or field has gone for good (`whyOf` says why; undefined: it may
 * return, as when another conference is shown), to copy (as discarded text is), under a heading
 * saying whether it would have added an item or changed one, until closed; `guest` when it is a
 * guest's (standing.guestOf). Its form went with the keyboard, if it had it: the box takes it
 * then, rather than leave it on the page.
 */
export function LeftTyping({ whyOf, guest }: { whyOf: (kept: Kept) => Why | undefined; guest: boolean }) {
  const keeper = useKeeper();
  const all = useSyncExternalStore(keeper.subscribe, keeper.snapshot);
  const left = Object.entries(all).flatMap(([key, kept]) => {
    const why = whyOf(kept);
    return why ? [{ key, why, does: kept.kind === 'add' ? ('add' as const) : ('change' as const), where: kept.where, lines: linesOf(kept) }] : [];
  });
  return (Object.keys(HEADINGS) as (keyof typeof HEADINGS)[]).flatMap((does) =>
    (Object.keys(BECAUSE) as Why[]).flatMap((why) => {
      const sections = left.filter((l) => l.does === does && l.why === why);
      if (sections.length === 0) return [];
      return [<DiscardedText key={`${does}-${why}`} sections={sections} onDismiss={() => keeper.forget(sections.map((s) => s.key))} heading={HEADINGS[does]} note={noteOf(does, why, guest)} takesKeyboard />];
    }),
  );
}
