import {
  addActionItem,
  chooseActionItemVersion,
  type Conference,
  conferenceName,
  editActionItem,
  itemsAgreedAt,
  itemsForReview,
  overdueJudgedOn,
  setActionItemProgress,
  setActionItemStatus,
  statusChangedAt,
} from '@care/case-doc';
import type { ActionItem } from '@care/schema';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import type * as Y from 'yjs';
import { ActionItemForm, type TypedItem } from './ActionItemForm.tsx';
import { peopleIn } from './agency.ts';
import { ActionItemsTable, type ItemChanges } from './ActionItemsTable.tsx';
import { agreedAtLabel, conferenceLabel } from './conference-label.ts';
import type { Abilities, Act } from './ConferenceScreen.tsx';
import { type Kept, LeftTyping, useKept, type Why } from './KeptTyping.tsx';
import { useRecordList } from '../records/useRecordList.ts';
import { useTodayInJapan } from '../japan-days.ts';

type Props = {
  doc: Y.Doc;
  conference: Conference;
  conferences: Conference[];
  items: ActionItem[];
  abilities: Abilities;
  /** A guest's edits end with their conference (abilitiesIn): what they typed then went because it ended. */
  guest: boolean;
  act: Act;
};

/**
 * Action items: first the open ones from earlier conferences, reviewed (モニタリング) at this one,
 * then those agreed here. Everyone but observers adds items (at the live conference only: they
 * are what a conference that met decided) and changes their status; on a conference not live, a
 * line says where such a change is recorded (statusChangedAt). What is typed into a form for a
 * new item, an item's edit or its 経過 outlives them (KeptTyping.tsx).
 */
export function ActionItemsPanel({ doc, conference, conferences, items, abilities, guest, act }: Props) {
  const review = itemsForReview(conferences, items, conference.id);
  const agreed = itemsAgreedAt(items, conference.id);
  const owners = peopleIn(conference);
  const asOf = overdueJudgedOn(conference.date, useTodayInJapan());
  const canAdd = abilities.canEdit && conference.status === 'live';
  const add = useKept(`add:${conference.id}`);
  const addsAt = `対応事項（${conferenceName(conference, conferences)}）`;
  const { keep } = add;
  const onTyped = useCallback((typed: TypedItem | undefined) => keep(typed && { kind: 'add', conferenceId: conference.id, where: addsAt, typed }), [keep, conference.id, addsAt]);
  const whyOf = (kept: Kept): Why | undefined => {
    // A new item is added at its conference only, while it is live.
    if (kept.kind === 'add' && conferences.find((c) => c.id === kept.conferenceId)?.status !== 'live') return 'ended';
    if (abilities.canEdit) return undefined;
    return guest && conference.status !== 'live' ? 'ended' : 'access';
  };
  const changes: ItemChanges | undefined = abilities.canEdit
    ? {
        owners,
        onStatus: (item, status) => act(() => setActionItemStatus(doc, item.id, status)),
        onProgress: (item, progress) => act(() => setActionItemProgress(doc, item.id, progress)),
        onEdit: (item, seen, edited) => act(() => editActionItem(doc, item.id, seen, edited)),
        onChoose: (item, field, version) => act(() => chooseActionItemVersion(doc, item.id, field, version)),
      }
    : undefined;
  const where = changes && conference.status !== 'live' && <StatusChangedWhere conferences={conferences} />;
  return (
    <>
      {conference.status === 'closed' && !guest && <ItemsAsOfNow conference={conference} />}
      {review.length > 0 && (
        <section className="card" aria-label="前回までの対応事項の確認">
          <h2>前回までの対応事項の確認（モニタリング）</h2>
          {where}
          <ActionItemsTable items={review} asOf={asOf} agreedAt={(item) => agreedAtLabel(conferences, item)} changes={changes} testId="review-items" />
        </section>
      )}
      <LeftTyping whyOf={whyOf} guest={guest} />
      <section className="card" aria-label="この会議の対応事項">
        <h2>この会議の対応事項</h2>
        {agreed.length === 0 && <p className="muted">まだありません。</p>}
        {review.length === 0 && agreed.length > 0 && where}
        {agreed.length > 0 && <ActionItemsTable items={agreed} asOf={asOf} changes={changes} testId="agreed-items" />}
        {canAdd && (
          <ActionItemForm
            // Each conference's form starts from its own typing.
            key={conference.id}
            owners={owners}
            submitLabel="対応事項を追加"
            onSubmit={(input) => act(() => addActionItem(doc, conference.id, input))}
            typed={add.kept?.kind === 'add' ? add.kept.typed : undefined}
            onTyped={onTyped}
          />
        )}
        {abilities.canEdit && conference.status === 'scheduled' && <p className="muted">対応事項は、会議を開始してから追加できます（会議で決めたこととして記録されます）。</p>}
      </section>
    </>
  );
}

/**
 * A closed conference's items are shown as they are now, for the changes made between conferences:
 * their status and 経過 may have been written since (at a later conference too), and one settled
 * later leaves its review. What it reviewed and agreed, as of then, is in its record.
 */
function ItemsAsOfNow({ conference }: { conference: Conference }) {
  const { caseId = '' } = useParams();
  // Its record is taken a few seconds after the close: the list until then.
  const record = useRecordList(caseId, conference.id).list?.records.find((r) => r.conferenceId === conference.id);
  return (
    <p className="notice" data-testid="items-as-of-now">
      この会議は終了しています。対応事項の状況・経過は現在のものです。この会議の時点のものは、
      <Link to={`/cases/${caseId}/records${record ? `/${record.id}` : ''}`}>この会議の記録</Link>にあります。
    </p>
  );
}

/** Where a status changed now is recorded, when not at the conference shown: at the live one, or between conferences. */
function StatusChangedWhere({ conferences }: { conferences: Conference[] }) {
  const live = conferences.find((c) => c.id === statusChangedAt(conferences).statusConferenceId);
  return (
    <p className="muted" data-testid="status-changed-where">
      {live
        ? `ここで変えた状況は、開催中の会議（${conferenceLabel(live, conferences)}）での変更として記録されます。`
        : 'ここで変えた状況は会議の間の変更として記録され、次に開催する会議の「前回までの対応事項の確認」に載ります。'}
    </p>
  );
}
