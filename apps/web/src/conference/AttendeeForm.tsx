import { NAME_MAX_LENGTH, NewAttendeeInput } from '@care/schema';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { checkForm, type FormProblems } from '../ui/form-problems.ts';
import { LimitedInput } from '../ui/LimitedInput.tsx';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { serverNow } from '../server-clock.ts';

const NAMES = { name: '氏名', affiliation: '所属または続柄' } as const;
type Field = keyof typeof NAMES;

/**
 * For the 司会: lists someone present without an account (本人, 家族, a professional attending
 * once), so the attendance list and the minutes name everyone. Folded away until needed.
 */
export function AttendeeForm({ onAdd }: { onAdd: (input: NewAttendeeInput) => void }) {
  const [input, setInput] = useState({ name: '', affiliation: '' });
  useHoldWhileTyped(Boolean(input.name.trim() || input.affiliation.trim()));
  // Asked of a professional attending once, in the room; not of 本人 and 家族.
  const [pledged, setPledged] = useState(false);
  const [problems, setProblems] = useState<FormProblems<Field>>();
  const field = (key: Field) => ({
    value: input[key],
    onChange: (e: { target: { value: string } }) => setInput({ ...input, [key]: e.target.value }),
    ...(problems?.fields.includes(key) ? { 'aria-invalid': true } : {}),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkForm(NewAttendeeInput, input, NAMES);
    setProblems(found);
    if (found) return;
    onAdd(NewAttendeeInput.parse({ ...input, ...(pledged ? { confidentialityConfirmedAt: serverNow() } : {}) }));
    setInput({ name: '', affiliation: '' });
    setPledged(false);
  }
  return (
    <details className="attendee-form">
      <summary>アカウントのない出席者を追加（本人・家族など）</summary>
      <form className="row" onSubmit={submit}>
        <LimitedInput aria-label="出席者の氏名" placeholder="氏名" maxLength={NAME_MAX_LENGTH} {...field('name')} />
        <LimitedInput aria-label="所属または続柄" placeholder="本人・長女・事業所名" maxLength={NAME_MAX_LENGTH} {...field('affiliation')} />
        <label className="checkbox">
          <input type="checkbox" checked={pledged} onChange={(e) => setPledged(e.target.checked)} />
          守秘義務を確認した（本人・家族以外の方）
        </label>
        <button type="submit">出席者を追加</button>
      </form>
      <ErrorMessage text={problems?.message} />
    </details>
  );
}
