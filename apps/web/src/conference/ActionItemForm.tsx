import { type ActionItem, AGENCY_KINDS, NewActionItemInput } from '@care/schema';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';

type Fields = { what: string; ownerName: string; agencyKind: string; agencyOther: string; due: string };

function fieldsOf(item: ActionItem | undefined): Fields {
  return {
    what: item?.what ?? '',
    ownerName: item?.ownerName ?? '',
    agencyKind: item?.ownerAgency.kind ?? AGENCY_KINDS[0],
    agencyOther: item?.ownerAgency.other ?? '',
    due: item?.due ?? '',
  };
}

/** What, owner (person and agency; その他 with its name) and due date of an action item, validated before it is written. */
export function ActionItemForm(props: { initial?: ActionItem; submitLabel: string; onSubmit: (input: NewActionItemInput) => void; onCancel?: () => void }) {
  const { initial, submitLabel, onSubmit, onCancel } = props;
  const [form, setForm] = useState(() => fieldsOf(initial));
  const [error, setError] = useState<string>();
  const field = (key: keyof Fields) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const ownerAgency = form.agencyKind === 'その他' ? { kind: 'その他', other: form.agencyOther } : { kind: form.agencyKind };
    const input = NewActionItemInput.safeParse({ what: form.what, ownerName: form.ownerName, ownerAgency, due: form.due });
    if (!input.success) {
      setError('内容・担当者・機関（その他は機関名）・期限を入力してください。');
      return;
    }
    setError(undefined);
    if (!initial) setForm(fieldsOf(undefined));
    onSubmit(input.data);
  }
  return (
    <form className="item-form" onSubmit={submit}>
      <input aria-label="対応内容" placeholder="対応内容" {...field('what')} />
      <input aria-label="担当者" placeholder="担当者" {...field('ownerName')} />
      <select aria-label="担当機関" {...field('agencyKind')}>
        {AGENCY_KINDS.map((kind) => (
          <option key={kind}>{kind}</option>
        ))}
      </select>
      {form.agencyKind === 'その他' && <input aria-label="機関名" placeholder="機関名" {...field('agencyOther')} />}
      <input aria-label="期限" type="date" {...field('due')} />
      <button type="submit">{submitLabel}</button>
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          取消
        </button>
      )}
      <ErrorMessage text={error} />
    </form>
  );
}
