import { addAttendee, assignRole, canFacilitate, type Conference, confirmConfidentiality, facilitatorIds, joinConference, professionLastGiven, removeAttendee as removeAttendeeFrom, roleShownFor, setParticipantProfession, setParticipantReadOnly } from '@care/case-doc';
import { ADVISOR_PROFESSION_SUGGESTIONS, affiliationWithProfession, CONFERENCE_ROLES, type ConferenceRole, isGuestId, type Participant, type PresenceUser, PROFESSION_MAX_LENGTH } from '@care/schema';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { usePresence } from '../collab/presence.ts';
import type { CaseConnection } from '../collab/useCaseConnection.ts';
import { ChoiceSelect } from '../ui/ChoiceSelect.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { LimitedInput } from '../ui/LimitedInput.tsx';
import { pressed } from '../ui/ime-keys.ts';
import { controlInRow, focusFoundWhenGone, focusWhenGone } from '../ui/focus-when-gone.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { serverNow } from '../server-clock.ts';
import { leaveOnEnter } from '../ui/enter-writes.ts';
import { agencyOfUser } from './agency.ts';
import { confidentialityPledge } from './confidentiality.ts';
import { AttendeeForm } from './AttendeeForm.tsx';
import { ChangedWhileTyping, useTypingOver } from './TypingOver.tsx';
import type { Abilities, Act } from './ConferenceScreen.tsx';

/**
 * Everyone in the conference with their role, and who is connected now. Participants of the
 * conference come from the doc; then those present without an account, whom the 司会 lists; people
 * connected but not (yet) participants are listed too.
 */
export function ParticipantsPanel(props: {
  connection: CaseConnection;
  user: PresenceUser;
  conference: Conference | undefined;
  /** The case's conferences (a guest's: theirs only), for the 職種 one gave at the others. */
  conferences: Conference[];
  abilities: Abilities;
  /** This person only reads the case (閲覧のみ), as their sign-in's access says now. */
  readOnly: boolean;
  act: Act;
}) {
  const { connection, user, conference, conferences, abilities, readOnly, act } = props;
  const online = usePresence(connection);
  const onlineIds = new Set(online.map((person) => person.userId));
  const participants = conference?.participants ?? [];
  const attendees = conference?.attendees ?? [];
  const listed = new Set(participants.map((p) => p.userId));
  const visitors = online.filter((person, i) => !listed.has(person.userId) && online.findIndex((p) => p.userId === person.userId) === i);
  const joined = listed.has(user.userId);
  // One's entry says whether one only reads (a reader made 司会 could run nothing): access changed while live, it is written again.
  const entryReadOnly = participants.find((p) => p.userId === user.userId)?.readOnly ?? false;
  const live = conference?.status === 'live' ? conference.id : undefined;
  useEffect(() => {
    if (live && joined && entryReadOnly !== readOnly) act(() => setParticipantReadOnly(connection.doc, live, user.userId, readOnly));
  }, [live, joined, entryReadOnly, readOnly]); // (act and the doc stay as they were: not reasons to write again)
  /** One's own row: where the keyboard goes when joining or confirming 守秘義務 takes its button away. */
  const myRow = useRef<HTMLLIElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const removeAttendee = (attendeeId: string, index: number) => {
    act(() => removeAttendeeFrom(connection.doc, conference!.id, attendeeId));
    // Its button went with it: the keyboard goes on to the one now in its place, else to one's own row or the form.
    focusFoundWhenGone(() => controlInRow(list.current?.querySelectorAll('[data-testid=attendee]'), index) ?? myRow.current ?? list.current?.parentElement?.querySelector('summary'));
  };

  return (
    <section className="card">
      <h2>参加者（{participants.length + attendees.length}・接続中 {onlineIds.size}）</h2>
      <ul ref={list} className="people" aria-label="参加者">
        {participants.map((person) => (
          <ParticipantRow
            key={person.userId}
            person={person}
            isMe={person.userId === user.userId}
            rowRef={person.userId === user.userId ? myRow : undefined}
            conference={conference!}
            online={onlineIds.has(person.userId)}
            abilities={abilities}
            act={act}
            doc={connection.doc}
          />
        ))}
        {attendees.map((attendee, index) => (
          <li key={attendee.id} data-testid="attendee">
            <span className="dot dot--away" title="アカウントなし" />
            <span className="name">{attendee.name}</span>
            <small>
              {attendee.affiliation}（アカウントなし{attendee.confidentialityConfirmedAt !== undefined && '・守秘義務 確認済み'}）
            </small>
            {abilities.canRun && (
              <button type="button" className="secondary" aria-label={`${attendee.name}を出席者から外す`} onClick={() => removeAttendee(attendee.id, index)}>
                ×
              </button>
            )}
          </li>
        ))}
        {visitors.map((person) => (
          <li key={person.userId} className="visitor">
            <span className="dot" style={{ background: person.color }} title="接続中" />
            <span className="name">{person.name}</span>
            <small>{person.agency}</small>
          </li>
        ))}
      </ul>
      <datalist id="advisor-professions">
        {ADVISOR_PROFESSION_SUGGESTIONS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {conference?.status === 'live' && abilities.canRun && <AttendeeForm onAdd={(input) => act(() => addAttendee(connection.doc, conference.id, input))} />}
      {/* Anyone who sees a live conference may join it, also with read access or as an observer (writesOnlyOwnEntry). */}
      {conference?.status === 'live' && !joined && (
        <JoinForm
          pledge={confidentialityPledge(conference.kind)}
          offered={professionLastGiven(conferences, user.userId, conference.id)}
          guest={isGuestId(user.userId)}
          onJoin={(profession) => {
            act(() =>
              joinConference(connection.doc, conference.id, {
                userId: user.userId,
                name: user.name,
                agency: agencyOfUser(user),
                ...(profession ? { profession } : {}),
                confidentialityConfirmedAt: serverNow(),
                ...(readOnly ? { readOnly: true } : {}),
              }),
            );
            focusWhenGone(myRow);
          }}
        />
      )}
    </section>
  );
}

function ParticipantRow(props: {
  person: Participant;
  isMe: boolean;
  rowRef: RefObject<HTMLLIElement | null> | undefined;
  conference: Conference;
  online: boolean;
  abilities: Abilities;
  act: Act;
  doc: CaseConnection['doc'];
}) {
  const { person, isMe, rowRef, conference, online, abilities, act, doc } = props;
  const assignment = conference.roles[person.userId];
  const role = roleShownFor(conference.roles, person.userId);
  // An advisor's profession starts as the one they gave on joining (薬剤師, 医師), and can be changed.
  const setRole = (next: ConferenceRole, profession = assignment?.profession ?? person.profession) =>
    act(() => assignRole(doc, conference.id, person.userId, { role: next, ...(next === '助言者' && profession ? { profession } : {}) }));
  // Without a 司会, only whoever makes themselves 司会 (or a coordinator) gives roles again.
  // (Only one who counts as its 司会: a guest's or a reader's 司会 taken away leaves it as it was.)
  const facilitators = facilitatorIds(conference);
  const leavesNoFacilitator = (next: ConferenceRole) => next !== '司会' && facilitators.length === 1 && facilitators[0] === person.userId;
  // A guest or a reader never runs a conference: made its 司会, the 司会 stepping down would leave it with none who can close it.
  const offered = CONFERENCE_ROLES.filter((r) => r !== '司会' || role === '司会' || canFacilitate(conference.participants, person.userId));
  const changeRole = (next: ConferenceRole) => {
    if (leavesNoFacilitator(next) && !confirm(NO_FACILITATOR_WARNING)) return;
    setRole(next);
    // One's own select goes with 司会 (handed over): the keyboard stays in one's row.
    if (rowRef) focusWhenGone(rowRef);
  };
  return (
    <li ref={rowRef} tabIndex={rowRef && -1} data-testid="participant">
      <span className={`dot ${online ? 'dot--online' : 'dot--away'}`} title={online ? '接続中' : '未接続'} />
      <span className="name">{person.name}</span>
      <small>{affiliationWithProfession(person)}</small>
      {abilities.canAssignRoles ? (
        <ChoiceSelect aria-label={`${person.name}の役割`} value={role} onChoose={(next) => changeRole(next as ConferenceRole)}>
          {offered.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </ChoiceSelect>
      ) : (
        <span className={`role role--${role}`} data-testid="role">
          {role}
          {assignment?.profession && `（${assignment.profession}）`}
        </span>
      )}
      {/* A conference without 司会: the server lets each take that role for themselves, and no other. */}
      {abilities.canRun && !abilities.canAssignRoles && isMe && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setRole('司会');
            if (rowRef) focusWhenGone(rowRef); // the button goes once one is 司会
          }}
        >
          自分が司会になる
        </button>
      )}
      {abilities.canAssignRoles && role === '助言者' && (
        // Cleared, the advisor has no profession (not the one given on joining).
        <ProfessionInput label={`${person.name}の職種`} list="advisor-professions" value={assignment?.profession} onChange={(profession) => setRole('助言者', profession)} />
      )}
      {/* Their own, for the attendance list: whoever started the conference was asked for none (it starts as the one they last gave in the case). */}
      {isMe && conference.status === 'live' && (
        <ProfessionInput label="自分の職種" value={person.profession} onChange={(profession) => act(() => setParticipantProfession(doc, conference.id, person.userId, profession))} />
      )}
      {person.confidentialityConfirmedAt === undefined &&
        (isMe && conference.status === 'live' ? (
          <button type="button" className="secondary" title={confidentialityPledge(conference.kind)} 
            onClick={() => {
              act(() => confirmConfidentiality(doc, conference.id, person.userId, serverNow()));
              if (rowRef) focusWhenGone(rowRef);
            }}
          >
            守秘義務を確認
          </button>
        ) : (
          <span className="badge badge--unconfirmed">守秘義務 未確認</span>
        ))}
    </li>
  );
}

/**
 * A 職種, written when the field is left changed (trimmed), or on Enter; cleared, there is none. As
 * 経過: one written from elsewhere while this is typed leaves the typing, said beside it (Esc keeps theirs).
 */
function ProfessionInput({ label, list, value, onChange }: { label: string; list?: string; value: string | undefined; onChange: (profession: string) => void }) {
  const typing = useTypingOver(value ?? '');
  useHoldWhileTyped(typing.unwritten);
  const write = () => {
    const profession = typing.end();
    if (profession !== undefined) onChange(profession);
  };
  return (
    <>
      <LimitedInput
        aria-label={label}
        list={list}
        value={typing.shown}
        placeholder="職種"
        maxLength={PROFESSION_MAX_LENGTH}
        onChange={(e) => typing.type(e.target.value)}
        onBlur={write}
        onKeyDown={(e) => {
          if (pressed(e, 'Escape')) typing.giveUp();
          leaveOnEnter(e);
        }}
      />
      <ChangedWhileTyping label="職種" changedTo={typing.changedTo} />
    </>
  );
}

const NO_FACILITATOR_WARNING =
  '司会を外すと、この会議には司会がいなくなります。誰かが「自分が司会になる」で引き受けるまで、コーディネーター以外は役割を変えられません。よろしいですか？';

/**
 * Joining confirms 守秘義務, as signing a paper conference's attendance list does. Its 職種 starts as
 * the one `offered` (given at an earlier conference of the case), which stays no loss until changed.
 * A `guest` may be 本人 or 家族, whose 所属 (長女) says who they are: told they need give none.
 */
function JoinForm({ pledge, offered = '', guest, onJoin }: { pledge: string; offered?: string; guest: boolean; onJoin: (profession: string) => void }) {
  // Untouched, it follows the offer (which may come with the rest of the case's copy, after the form).
  const [typed, setTyped] = useState<string>();
  const profession = typed ?? offered;
  useHoldWhileTyped(profession.trim() !== '' && profession.trim() !== offered);
  const [pledged, setPledged] = useState(false);
  const [problem, setProblem] = useState<string>();
  return (
    <form
      className="join"
      onSubmit={(e) => {
        e.preventDefault();
        if (!pledged) return setProblem('守秘義務の確認にチェックしてから参加してください。');
        onJoin(profession.trim());
      }}
    >
      <label className="checkbox">
        <input type="checkbox" checked={pledged} aria-invalid={problem !== undefined && !pledged} onChange={(e) => setPledged(e.target.checked)} />
        守秘義務を確認しました（{pledge}）
      </label>
      <div className="row">
        <LimitedInput aria-label="職種（任意）" placeholder={guest ? '職種（任意・ご本人とご家族は不要）' : '職種（任意）'} value={profession} maxLength={PROFESSION_MAX_LENGTH} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit">この会議に参加</button>
      </div>
      <ErrorMessage text={pledged ? undefined : problem} />
    </form>
  );
}
