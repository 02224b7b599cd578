import { type Conference, conferenceName } from '@care/case-doc';
import { useCallback, useState } from 'react';
import { DiscardedText } from '../collab/DiscardedText.tsx';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { type TypedItem, typedLines } from './ActionItemForm.tsx';

/** Why a new item's form went before its button was pressed, as the person who typed it is told. */
const WHY = {
  ended:
    '会議が終了したため、次の対応事項は追加されず、会議の記録にも載っていません。必要なら、コピーして次の会議で追加するか、司会・記録に伝えてください。閉じるか、この画面を離れると消えます。',
  access:
    '編集できなくなったため（閲覧のみ・オブザーバーになったなど）、次の対応事項は追加されていません。必要なら、コピーして司会・記録に伝えてください。閉じるか、この画面を離れると消えます。',
} as const;

type Why = keyof typeof WHY;

/**
 * What was typed into the form of a new action item, by conference, kept here while the form shows
 * (ActionItemForm's onTyped): the form goes as soon as its conference ends or this person may no
 * longer edit, typing and all, and nobody else ever saw that typing. It is then shown once, to copy
 * (as discarded text is), until closed; showing another conference keeps it for the form's return.
 * `canAdd`: whether the shown conference's form shows.
 */
export function useUnaddedItems(conference: Conference, conferences: Conference[], canEdit: boolean, canAdd: boolean) {
  const [typed, setTyped] = useState<Record<string, TypedItem>>({});
  const shownId = conference.id;
  const onTyped = useCallback(
    (item: TypedItem | undefined) =>
      setTyped((all) => {
        if (!item && !(shownId in all)) return all;
        const { [shownId]: _, ...others } = all;
        return item ? { ...others, [shownId]: item } : others;
      }),
    [shownId],
  );
  const left = Object.entries(typed).flatMap(([conferenceId, item]) => {
    const at = conferences.find((c) => c.id === conferenceId);
    const why: Why | undefined = at?.status !== 'live' ? 'ended' : canEdit ? undefined : 'access';
    return why ? [{ conferenceId, why, where: `対応事項（${at ? conferenceName(at, conferences) : '終了した会議'}）`, lines: typedLines(item) }] : [];
  });
  // Typing whose form is not shown is kept nowhere else: leaving asks first, as it did while the form showed.
  useHoldWhileTyped(Object.keys(typed).some((conferenceId) => !(canAdd && conferenceId === shownId)));
  const dismiss = (why: Why) =>
    setTyped((all) => Object.fromEntries(Object.entries(all).filter(([conferenceId]) => !left.some((l) => l.why === why && l.conferenceId === conferenceId))));
  const shown = (Object.keys(WHY) as Why[]).flatMap((why) => {
    const sections = left.filter((l) => l.why === why);
    return sections.length > 0 ? [<DiscardedText key={why} sections={sections} onDismiss={() => dismiss(why)} heading="追加されなかった対応事項" note={WHY[why]} />] : [];
  });
  return { typed: typed[shownId], onTyped, shown };
}
