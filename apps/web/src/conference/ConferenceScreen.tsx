import { type Actor, type Conference, conferenceName, hasEnded, isObserver, mayAssignRoles, mayRunConference } from '@care/case-doc';
import type { PresenceUser } from '@care/schema';
import { useState } from 'react';
import { connectedNow } from '../collab/presence.ts';
import type { CaseConnection } from '../collab/useCaseConnection.ts';
import { SummaryEditor } from '../editor/SummaryEditor.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { ActionItemsPanel } from './ActionItemsPanel.tsx';
import { useAnnouncement } from './announcements.ts';
import { AgendaPanel } from './AgendaPanel.tsx';
import { ConferenceBar } from './ConferenceBar.tsx';
import { ConferenceNotes } from './ConferenceNotes.tsx';
import { ParticipantsPanel } from './ParticipantsPanel.tsx';
import { RegionalIssuesPanel } from './RegionalIssuesPanel.tsx';
import { scopedTo, useConferenceModel } from './useConferenceModel.ts';
import { useShownConference } from './useShownConference.ts';

/**
 * What this person may do in the shown conference; the server enforces the same rules. `canRun`:
 * change its status, agenda and timer (and its date and place while planned), while it has not
 * ended; `canAssignRoles`: give anyone a role then (without it, `canRun` only lets one make
 * oneself 司会 of a conference that has none).
 */
export type Abilities = { canEdit: boolean; canRun: boolean; canAssignRoles: boolean; /** plan new conferences */ canPlan: boolean };

/** Where this person stands in the case, from their sign-in: read-only membership, coordinator, guest. */
export type Standing = {
  readOnly: boolean;
  isCoordinator: boolean;
  /** Guests only: the one conference they were invited to, the only one they see and take part in. */
  guestOf?: string;
};

/**
 * Mirrors the server: read-only members write nothing; coordinators are otherwise never
 * restricted; an observer of the live conference only reads; a guest edits only while its own
 * conference is live, and never runs or plans one. (Joining a live conference, their own entry in
 * it, is open to all of them: see ParticipantsPanel.)
 */
export function abilitiesIn(conference: Conference | undefined, userId: string, live: Conference | undefined, standing: Standing): Abilities {
  const actor: Actor = { userId, isCoordinator: standing.isCoordinator };
  if (standing.readOnly) return { canEdit: false, canRun: false, canAssignRoles: false, canPlan: false };
  if (standing.guestOf !== undefined) {
    const canEdit = conference?.id === standing.guestOf && conference.status === 'live' && !isObserver(conference.roles, userId);
    return { canEdit, canRun: false, canAssignRoles: false, canPlan: false };
  }
  const observer = !actor.isCoordinator && !!live && isObserver(live.roles, actor.userId);
  const canRun = !observer && !!conference && !hasEnded(conference.status) && mayRunConference(conference, actor);
  return { canEdit: !observer, canRun, canAssignRoles: canRun && mayAssignRoles(conference.roles, actor), canPlan: !observer };
}

function readOnlyNote(standing: Standing, conference: Conference | undefined): string {
  if (standing.readOnly) return conference?.status === 'live' ? 'このケースは閲覧のみです（開催中の会議への参加と守秘義務の確認はできます）。' : 'このケースは閲覧のみです。';
  if (standing.guestOf !== undefined && conference?.status === 'scheduled') {
    // Invited ahead (the link works from the invitation on): when the guest will be able to write.
    return `招待された会議（${conference.date}）が始まると、ケース概要・この会議の検討内容・参加者・この会議の対応事項を編集できます。それまでは閲覧のみです。`;
  }
  if (standing.guestOf !== undefined) return '招待された会議の開催中だけ、ケース概要・この会議の検討内容・参加者・この会議の対応事項を編集できます。';
  return 'オブザーバーとして参加中です（閲覧のみ）。';
}

/**
 * The conference screen: the case summary in the centre with the shown conference's 検討内容
 * under it, participants with roles and presence beside them, the agenda with its running timer,
 * and the action items (with the review of open items from earlier conferences).
 */
export function ConferenceScreen(props: { connection: CaseConnection; user: PresenceUser; standing: Standing; header: React.ReactNode }) {
  const { connection, user, standing, header } = props;
  const announcement = useAnnouncement(connection, user.userId, standing.guestOf);
  const model = scopedTo(useConferenceModel(connection.doc, announcement.heard), standing.guestOf);
  const { shown: conference, live, startedAside, pick, planned, showLive } = useShownConference(model.conferences);
  const abilities = abilitiesIn(conference, user.userId, live, standing);
  const [error, setError] = useState<string>();
  const act = (change: () => void) => {
    setError(undefined);
    try {
      change();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="conference">
      <ConferenceBar doc={connection.doc} user={user} connected={() => connectedNow(connection)} conferences={model.conferences} shown={conference} abilities={abilities} onSelect={pick} onPlanned={planned} act={act} />
      <ErrorMessage text={error} />
      {startedAside && (
        // Seen, not only told: this person reads another conference and was left on it.
        <p className="notice row" data-testid="started-elsewhere">
          会議が開始されました：{conferenceName(startedAside, model.conferences)}
          <button type="button" onClick={showLive}>
            表示する
          </button>
        </p>
      )}
      {/* Others' changes that matter to this person, told to screen readers (seen on screen as they happen). */}
      <p role="status" aria-label="お知らせ" className="visually-hidden">
        {announcement.message}
      </p>
      {model.problems.length > 0 && (
        <details className="notice" data-testid="model-problems">
          <summary>読み取れない値が {model.problems.length} 件あり、表示から除いています</summary>
          <ul>{model.problems.map((problem, i) => <li key={i}>{problem}</li>)}</ul>
        </details>
      )}
      <div className="workspace">
        <div className="texts">
          <section className="card editor-card">
            {header}
            {!abilities.canEdit && <p className="muted">{readOnlyNote(standing, conference)}</p>}
            <SummaryEditor connection={connection} user={user} editable={abilities.canEdit} />
          </section>
          {conference && <ConferenceNotes connection={connection} user={user} conference={conference} conferences={model.conferences} abilities={abilities} />}
        </div>
        <aside>
          <ParticipantsPanel connection={connection} user={user} conference={conference} conferences={model.conferences} abilities={abilities} readOnly={standing.readOnly} act={act} />
          {conference && <AgendaPanel doc={connection.doc} conference={conference} abilities={abilities} act={act} />}
          {conference && <RegionalIssuesPanel doc={connection.doc} conference={conference} abilities={abilities} act={act} />}
        </aside>
      </div>
      {conference && (
        <ActionItemsPanel
          doc={connection.doc}
          conference={conference}
          conferences={model.conferences}
          items={model.actionItems}
          abilities={abilities}
          guest={standing.guestOf !== undefined}
          act={act}
        />
      )}
    </div>
  );
}

export type Act = (change: () => void) => void;
