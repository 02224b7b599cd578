import { type Conference, conferenceNotesField, hasEnded } from '@care/case-doc';
import { agencyLabel, type ConferenceStatus, type PresenceUser } from '@care/schema';
import type { Editor } from '@tiptap/core';
import type { CaseConnection } from '../collab/useCaseConnection.ts';
import { OutlineButton } from '../editor/OutlineButton.tsx';
import { ChoiceSelect } from '../ui/ChoiceSelect.tsx';
import { RichTextEditor } from '../editor/RichTextEditor.tsx';
import { peopleIn } from './agency.ts';
import type { Abilities } from './ConferenceScreen.tsx';
import { conferenceLabel } from './conference-label.ts';

/**
 * The shown conference's 検討内容: what was discussed and advised there, written during it (by the
 * 記録 mostly) and kept, as it was at the close, in its record and the minutes. Unlike the case
 * summary it belongs to one conference, and is read-only once that conference has ended.
 */
export function ConferenceNotes(props: { connection: CaseConnection; user: PresenceUser; conference: Conference; conferences: Conference[]; abilities: Abilities }) {
  const { connection, user, conference, conferences, abilities } = props;
  const editable = abilities.canEdit && !hasEnded(conference.status);
  // Who keeps it, so everyone knows whom to tell what should go in.
  const recorders = conference.participants.filter((p) => conference.roles[p.userId]?.role === '記録').map((p) => p.name);
  return (
    <section className="card editor-card notes-card">
      <header className="row">
        <h2>検討内容</h2>
        {recorders.length > 0 && <span className="badge" data-testid="recorders">記録：{recorders.join('、')}</span>}
        <small className="muted">{conferenceLabel(conference, conferences)}</small>
      </header>
      {ENDED_NOTES[conference.status] && <p className="muted">{ENDED_NOTES[conference.status]}</p>}
      <RichTextEditor
        // Another conference's text is another editor: its toolbar and offers start from it, not from the last one's state.
        key={conference.id}
        connection={connection}
        user={user}
        field={conferenceNotesField(conference.id)}
        label="検討内容"
        toolbarLabel="検討内容の書式"
        placeholder="話し合ったこと、助言、本人・家族の意向、決まったことの理由などを書きます。"
        editable={editable}
        extra={(editor) => (
          <>
            {/* Notes usually follow the agenda: its items as headings, once there is one. */}
            <OutlineButton editor={editor} sections={conference.agenda.map((item) => item.title)} label="議題を見出しにする" />
            <SpeakerPicker editor={editor} conference={conference} />
          </>
        )}
      />
    </section>
  );
}

/** Why the 検討内容 of an ended conference no longer changes: a closed one is recorded, a cancelled one never met. */
const ENDED_NOTES: Partial<Record<ConferenceStatus, string>> = {
  closed: 'この会議は終了しました。検討内容は記録のとおりで、変更できません。',
  cancelled: 'この会議は中止しました。開催されていないため、記録も議事録もありません。',
};

/**
 * Who said it, as minutes write it (「山本（医療機関）：」): one of those present, put in at the
 * caret, so the 記録 keeps up with the talk without typing names.
 */
function SpeakerPicker({ editor, conference }: { editor: Editor; conference: Conference }) {
  const speakers = peopleIn(conference).map((person) => `${person.name}（${agencyLabel(person.agency)}）`);
  if (speakers.length === 0) return null;
  return (
    // Left with a speaker moved to by keys, none is put in: the caret is elsewhere by then.
    <ChoiceSelect className="speaker-picker" aria-label="発言者を入れる" value="" leaving="forgets" onChoose={(speaker) => editor.chain().focus().insertContent(`${speaker}：`).run()}>
      <option value="">発言者を入れる…</option>
      {speakers.map((speaker) => (
        <option key={speaker}>{speaker}</option>
      ))}
    </ChoiceSelect>
  );
}
