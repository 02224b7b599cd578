import { type ConferenceRecordMeta, CreateManualRecordBody } from '@care/schema';
import { type FormEvent, useState } from 'react';
import type * as Y from 'yjs';
import { api } from '../api.ts';
import { abilitiesIn, type Standing } from '../conference/ConferenceScreen.tsx';
import { useConferenceModel } from '../conference/useConferenceModel.ts';
import { checkForm } from '../ui/form-problems.ts';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { formatDateTime } from './format.ts';
import { useRecordList } from './useRecordList.ts';

/**
 * In the live screen: save the case doc as a version, or put an earlier version's summary back.
 * The versions offered include the record of a conference as soon as it is closed, by anyone.
 * Restoring is an edit of the summary: not offered to whoever may not edit it now (an オブザーバー
 * of the live conference), whom the server would refuse.
 */
export function VersionControls({ caseId, doc, userId, standing }: { caseId: string; doc: Y.Doc; userId: string; standing: Standing }) {
  const [label, setLabel] = useState('');
  useHoldWhileTyped(label.trim() !== '');
  const { conferences } = useConferenceModel(doc);
  const live = conferences.find((c) => c.status === 'live');
  const mayRestore = abilitiesIn(live, userId, live, standing).canEdit;
  const closed = conferences.filter((c) => c.status === 'closed').map((c) => c.id).join();
  const { list, relist: refresh } = useRecordList(caseId, closed);
  // In 記録一覧's order (oldest first), so a version is found where it is found there.
  const records: ConferenceRecordMeta[] = list?.records ?? [];
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const { pending, run } = useOneAtATime();

  /** Saves or restores, one request at a time (a version is permanent: a second click must not make another), and says how it went. */
  const send = (request: () => Promise<string>) =>
    run(async () => {
      try {
        setMessage({ text: await request() });
        await refresh();
      } catch (e) {
        setMessage({ text: (e as Error).message, error: true });
      }
    });

  async function save(event: FormEvent) {
    event.preventDefault();
    const problems = checkForm(CreateManualRecordBody, { label }, { label: '版の名前' });
    if (problems) return setMessage({ text: problems.message, error: true });
    await send(async () => {
      const saved = await api.saveVersion(caseId, label);
      setLabel('');
      return `「${saved.label}」を保存しました`;
    });
  }

  async function restore() {
    const record = records.find((r) => r.id === chosen);
    if (!record || !confirm(`ケース概要を「${record.label}」の内容に戻しますか？（現在の内容は版として保存されます）`)) return;
    await send(async () => ((await api.restore(caseId, record.id)).changed ? `「${record.label}」の内容に戻しました` : 'すでに同じ内容です'));
  }

  return (
    <section className="card versions" aria-label="版の保存と復元">
      <h2>版</h2>
      <form className="row" onSubmit={save}>
        <input aria-label="版の名前" placeholder="例：助言前" value={label} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" disabled={pending}>
          版を保存
        </button>
      </form>
      {mayRestore && records.length > 0 && (
        <div className="row">
          <select aria-label="戻す版" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">戻す版を選ぶ</option>
            {records.map((record) => (
              <option key={record.id} value={record.id}>
                {record.label}（{formatDateTime(record.takenAt)}）
              </option>
            ))}
          </select>
          <button type="button" className="secondary" disabled={!chosen || pending} onClick={restore}>
            復元
          </button>
        </div>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
