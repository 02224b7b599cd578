import { AGENCY_SUGGESTIONS, type PresenceUser } from '@care/schema';
import { type FormEvent, useState } from 'react';
import { saveIdentity } from './identity.ts';

/** Asks for the participant's name and agency once; they label this person's caret and presence. */
export function IdentityForm({ onDone }: { onDone: (identity: PresenceUser) => void }) {
  const [name, setName] = useState('');
  const [agency, setAgency] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onDone(saveIdentity({ name, agency }));
    } catch {
      setError('氏名と所属機関を入力してください。');
    }
  }

  return (
    <form className="card identity" onSubmit={submit}>
      <h2>会議に参加する</h2>
      <label>
        氏名
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label>
        所属機関
        <input name="agency" list="agency-suggestions" value={agency} onChange={(e) => setAgency(e.target.value)} />
        <datalist id="agency-suggestions">
          {AGENCY_SUGGESTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </label>
      <button type="submit">参加</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
