import { type Conference, conferenceName, hasEnded } from '@care/case-doc';
import {
  ACCESS_LABELS,
  type AccessLevel,
  type Account,
  type AgencyAccount,
  AUDIT_ACTION_LABELS,
  type AuditList,
  type CaseMember,
  CreateInvitationBody,
  describeAddress,
  describeActor,
  describeAuditSubject,
  type ListedInvitation,
} from '@care/schema';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { api } from '../api.ts';
import { useConferenceModel } from '../conference/useConferenceModel.ts';
import { formatTrailInstant, formatUntil } from '../records/format.ts';
import { checkForm } from '../ui/form-problems.ts';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { useRefreshWhileShown } from '../ui/refresh-while-shown.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { accountLabel, memberLabel } from './account-label.ts';
import { agencyAccessNote } from './agency-access.ts';
import { grantable } from './grantable.ts';
import { invitationState } from './invitation-state.ts';
import { TRAIL_COLUMNS } from './trail-search.tsx';

/** How often the members and invitation links are read again while the page is shown. */
const LISTS_EVERY_MS = 60_000;

/** The invitation form's fields by the names it gives them. */
const INVITE_FIELDS = { name: '招待する人の氏名', agency: '招待する人の所属', conferenceId: '招待する会議', access: '招待の権限' };

/**
 * For coordinators, under the live screen: who may open this case (agencies or single accounts,
 * to edit or only read), invitation links for external participants of one conference, and the
 * audit trail of who opened, edited and exported it. A closed case (終結) invites no one (the server
 * refuses it): its links are listed, and revoked, but no new one is offered.
 */
export function CaseAccessPanel({ caseId, doc, caseClosed }: { caseId: string; doc: Y.Doc; caseClosed: boolean }) {
  const { conferences } = useConferenceModel(doc);
  const [members, setMembers] = useState<CaseMember[]>([]);
  const [invitations, setInvitations] = useState<ListedInvitation[]>([]);
  const [agencies, setAgencies] = useState<AgencyAccount[]>([]);
  const [users, setUsers] = useState<Account[]>([]);
  const [audit, setAudit] = useState<AuditList>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [link, setLink] = useState<string>();
  /** One change at a time: its buttons are disabled until the lists show it. */
  const { pending, run } = useOneAtATime();

  const refresh = useCallback(async () => {
    const [memberList, invitationList] = await Promise.all([api.listMembers(caseId), api.listInvitations(caseId)]);
    setMembers(memberList);
    setInvitations(invitationList);
  }, [caseId]);
  // The lists change from elsewhere too (a link revoked in another tab, a grant made by a colleague),
  // and a link's state with the time (期限切れ): read again every minute the page is shown, and when
  // it is looked at again.
  const load = useCallback(() => void refresh().catch((e: Error) => setMessage({ text: e.message, error: true })), [refresh]);
  useRefreshWhileShown(load, LISTS_EVERY_MS);
  useEffect(() => {
    Promise.all([api.listAgencies(), api.listUsers()]).then(([a, u]) => (setAgencies(a), setUsers(u.users)), () => {});
  }, []);

  /**
   * Makes a change and shows the lists (and the trail, when it is shown) as they now are; whether it
   * was made (not while another is under way).
   */
  const act = async (change: () => Promise<unknown>, done: string): Promise<boolean> => {
    const failed = (e: unknown) => setMessage({ text: (e as Error).message, error: true });
    const made = await run(async () => {
      try {
        await change();
      } catch (e) {
        failed(e);
        return false;
      }
      setMessage({ text: done });
      await Promise.all([refresh(), audit && api.audit(caseId).then(setAudit)]).catch(failed);
      return true;
    });
    return made === true;
  };

  /** Makes a guest's link (checked first, so a missing name is said by the form's names); whether it was made. */
  const invite = async (body: CreateInvitationBody): Promise<boolean> => {
    const problems = checkForm(CreateInvitationBody, body, INVITE_FIELDS);
    if (problems) {
      setMessage({ text: problems.message, error: true });
      return false;
    }
    return act(async () => setLink(`${location.origin}${(await api.invite(caseId, body)).path}`), `${body.name} さんの招待リンクを作成しました（この画面でのみ表示されます）`);
  };

  return (
    <section className="card" aria-label="アクセス管理">
      <h2>アクセス管理</h2>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
      <h3>メンバー</h3>
      <ul aria-label="メンバー">
        {members.map((member) => {
          const note = agencyAccessNote(member, members, users);
          return (
            <li key={member.id} className="row">
              {memberLabel(member, users)}
              {note && <small className="muted">{note}</small>}
              <button
                type="button"
                className="secondary"
                disabled={pending}
                onClick={() => act(() => api.revokeMember(caseId, member.id), `${member.label} の権限を取り消しました${note ? `（${note}）` : ''}`)}
              >
                取り消す
              </button>
            </li>
          );
        })}
      </ul>
      <GrantForm agencies={agencies} users={users} pending={pending} onGrant={(target, access, label) => act(() => api.grant(caseId, { ...target, access }), `${label} に${ACCESS_LABELS[access]}権限を付与しました`)} />

      <h3>招待リンク（外部の参加者）</h3>
      <ul aria-label="招待">
        {invitations.map((invitation) => {
          const state = invitationState(invitation, conferences);
          const conference = conferences.find((c) => c.id === invitation.conferenceId);
          return (
            <li key={invitation.id} className="row">
              {invitation.name}（{invitation.agency}・{ACCESS_LABELS[invitation.access]}
              {conference && `・${conferenceName(conference, conferences)}`}・{'ended' in state ? state.ended : formatUntil(state.until)}
              {invitation.firstUsedAt && '・リンク使用済み'}）
              {!('ended' in state) && (
                <button type="button" className="secondary" disabled={pending} onClick={() => act(() => api.revokeInvitation(caseId, invitation.id), `${invitation.name} さんの招待を取り消しました`)}>
                  取り消す
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {caseClosed ? (
        <p className="muted">終結したケースには招待できません。</p>
      ) : (
        <InviteForm conferences={conferences.filter((c) => !hasEnded(c.status))} pending={pending} onInvite={invite} />
      )}
      {link && <InvitationLink link={link} />}

      <h3>監査記録</h3>
      <p>
        {audit?.truncated && '新しい順に500件まで表示しています。'}
        <Link to={`/audit?case=${encodeURIComponent(caseId)}`}>このケースの監査記録を検索・CSVで出力</Link>
      </p>
      {audit ? (
        <table className="table table--cards" aria-label="監査記録">
          <tbody>
            {audit.entries.map((entry) => (
              <tr key={entry.seq}>
                <td data-label={TRAIL_COLUMNS.at}>{formatTrailInstant(entry.at)}</td>
                <td data-label={TRAIL_COLUMNS.actor}>
                  {describeActor(entry)}
                </td>
                <td data-label={TRAIL_COLUMNS.action}>{AUDIT_ACTION_LABELS[entry.action]}</td>
                <td data-label={entry.subject ? '対象' : undefined}>{entry.subject && describeAuditSubject(entry.subject)}</td>
                <td data-label="接続元">{describeAddress(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <button type="button" className="secondary" onClick={() => api.audit(caseId).then(setAudit, (e: Error) => setMessage({ text: e.message, error: true }))}>
          監査記録を表示
        </button>
      )}
    </section>
  );
}

type GrantTarget = { agencyId: string } | { userId: string };

function GrantForm(props: {
  agencies: AgencyAccount[];
  users: Account[];
  /** A change is under way: granting waits for it. */
  pending: boolean;
  onGrant: (target: GrantTarget, access: AccessLevel, label: string) => void;
}) {
  const { pending, onGrant } = props;
  const { agencies, users } = grantable(props.agencies, props.users);
  const [choice, setChoice] = useState('');
  const [access, setAccess] = useState<AccessLevel>('edit');
  // Nothing here is typed: a whom and an access, picked again at no loss, are not held.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = choice.split(':') as ['agency' | 'user', string];
    const user = users.find((u) => u.id === id);
    const label = kind === 'agency' ? agencies.find((a) => a.id === id)?.name : user && accountLabel(user);
    if (id && label) onGrant(kind === 'agency' ? { agencyId: id } : { userId: id }, access, label);
  };
  return (
    <form onSubmit={submit} className="row">
      <select aria-label="権限を付与する相手" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">機関またはアカウントを選択</option>
        <optgroup label="機関（所属職員全員）">
          {agencies.map((agency) => (
            <option key={agency.id} value={`agency:${agency.id}`}>
              {agency.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="アカウント">
          {users.map((user) => (
            <option key={user.id} value={`user:${user.id}`}>
              {accountLabel(user)}
            </option>
          ))}
        </optgroup>
      </select>
      <AccessSelect label="権限" value={access} onChange={setAccess} />
      <button type="submit" disabled={pending}>
        権限を付与
      </button>
    </form>
  );
}

/** The new link, shown once: to copy into the message that invites the guest. */
function InvitationLink({ link }: { link: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [link]);
  const copy = async () => {
    // The Clipboard API needs a secure page (https or localhost); elsewhere the browser's own copy of a selection.
    if (navigator.clipboard) await navigator.clipboard.writeText(link);
    else {
      field.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <p className="row invitation-link">
      <label htmlFor="invitation-link">招待リンク</label>
      <input id="invitation-link" ref={field} readOnly value={link} onFocus={(e) => e.target.select()} />
      <button type="button" className="secondary" onClick={() => void copy().catch(() => field.current?.select())}>
        {copied ? 'コピーしました' : 'コピー'}
      </button>
    </p>
  );
}

function InviteForm(props: {
  conferences: Conference[];
  /** A change is under way (this link being made, say): another waits for it. */
  pending: boolean;
  onInvite: (body: { name: string; agency: string; conferenceId: string; access: AccessLevel }) => Promise<boolean>;
}) {
  const { conferences, pending, onInvite } = props;
  const [draft, setDraft] = useState({ name: '', agency: '', conferenceId: '', access: 'edit' as AccessLevel });
  // The name and agency typed, while the form shows them; a conference or access is picked again at no loss.
  useHoldWhileTyped(conferences.length > 0 && Boolean(draft.name.trim() || draft.agency.trim()));
  if (conferences.length === 0) return <p className="muted">招待するには、先に会議を予定してください。</p>;
  const conferenceId = draft.conferenceId || conferences[0]!.id;
  return (
    <form
      className="item-form"
      onSubmit={(event) => {
        event.preventDefault();
        // Made: the next guest starts from empty fields (same conference and access).
        void onInvite({ ...draft, conferenceId }).then((made) => made && setDraft({ ...draft, name: '', agency: '' }));
      }}
    >
      <input aria-label="招待する人の氏名" placeholder="氏名" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      <input aria-label="招待する人の所属" placeholder="所属" value={draft.agency} onChange={(e) => setDraft({ ...draft, agency: e.target.value })} />
      <select aria-label="招待する会議" value={conferenceId} onChange={(e) => setDraft({ ...draft, conferenceId: e.target.value })}>
        {conferences.map((conference) => (
          <option key={conference.id} value={conference.id}>
            {conference.date} {conference.kind}
          </option>
        ))}
      </select>
      <AccessSelect label={INVITE_FIELDS.access} value={draft.access} onChange={(access) => setDraft({ ...draft, access })} />
      <button type="submit" disabled={pending}>
        招待リンクを作成
      </button>
    </form>
  );
}

/** Named apart (`label`) where it stands: the grant's and the invitation's are on one card, and a screen reader lists both. */
function AccessSelect({ label, value, onChange }: { label: string; value: AccessLevel; onChange: (access: AccessLevel) => void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as AccessLevel)}>
      {(['edit', 'read'] as const).map((level) => (
        <option key={level} value={level}>
          {ACCESS_LABELS[level]}
        </option>
      ))}
    </select>
  );
}
