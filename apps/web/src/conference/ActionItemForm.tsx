import { type Agency, AGENCY_KINDS, agencyLabel, NewActionItemInput } from '@care/schema';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { CancelButton } from '../ui/CancelButton.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { actionItemProblems, type ItemField } from './action-item-problems.ts';
import { type Person, ownerAgency } from './agency.ts';

type Fields = { what: string; ownerName: string; agencyKind: string; agencyOther: string; due: string };

/** A form's fields as typed, before its button: kept apart from the form (KeptTyping.tsx), which may go first. */
export type TypedItem = Fields;

/** Each field's name, as the form labels it. */
const LABELS: Record<keyof Fields, string> = { what: '対応内容', ownerName: '担当者', agencyKind: '担当機関', agencyOther: '機関名', due: '期限' };

/** What was typed, a line a field as the form names it (対応内容：…), the empty ones left out: to be read and copied. */
export function typedLines(typed: TypedItem): string[] {
  return (Object.keys(LABELS) as (keyof Fields)[]).filter((key) => typed[key].trim()).map((key) => `${LABELS[key]}：${typed[key].trim()}`);
}

function fieldsOf(item: NewActionItemInput | undefined): Fields {
  return {
    what: item?.what ?? '',
    ownerName: item?.ownerName ?? '',
    ...(item ? agencyFields(item.ownerAgency) : { agencyKind: '', agencyOther: '' }),
    due: item?.due ?? '',
  };
}

const agencyFields = (agency: Agency) => ({ agencyKind: agency.kind, agencyOther: agency.other ?? '' });

/** Changed from what the form started with (spaces aside): typing that leaving would lose. */
const differs = (form: Fields, start: Fields) => (Object.keys(start) as (keyof Fields)[]).some((key) => form[key].trim() !== start[key].trim());

/**
 * What, owner (person and agency: its kind, and its name, which その他 needs) and due date of an
 * action item, validated before it is written. The conference's people are offered as owners
 * (peopleIn); choosing one fills in their agency's kind and name, unless an agency was chosen by
 * hand (then theirs is offered). Anyone else's agency is chosen by hand: a new item's starts
 * unchosen, since a default would be written for whoever's agency was not looked at.
 */
export function ActionItemForm(props: {
  initial?: NewActionItemInput;
  owners: readonly Person[];
  submitLabel: string;
  onSubmit: (input: NewActionItemInput) => void;
  onCancel?: () => void;
  /** Typing to start from: what this form held when it last went (the conference shown, or editing, changed meanwhile). */
  typed?: TypedItem;
  /** Told of the typing held, as it changes (undefined: none): the form may go before its button, and its typing must not go with it. */
  onTyped?: (typed: TypedItem | undefined) => void;
}) {
  const { initial, owners, submitLabel, onSubmit, onCancel, typed, onTyped } = props;
  const [start] = useState(() => fieldsOf(initial));
  const [form, setForm] = useState(() => typed ?? start);
  const unwritten = differs(form, start);
  useHoldWhileTyped(unwritten);
  useEffect(() => onTyped?.(unwritten ? form : undefined), [form, unwritten, onTyped]);
  const ownerList = useId();
  const [problems, setProblems] = useState<{ fields: ItemField[]; message: string }>();
  const invalid = (key: ItemField) => (problems?.fields.includes(key) ? { 'aria-invalid': true } : {});
  // An agency chosen by hand stays when a person present is then named: it may be another 佐藤's.
  // Theirs is offered beside it instead (suggested), not put in its place unseen.
  // An item being edited has its agency as written: like one chosen by hand, it is not replaced unseen.
  const [agencyByHand, setAgencyByHand] = useState(initial !== undefined);
  const field = (key: keyof Fields) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => {
      setForm({ ...form, [key]: e.target.value });
      if (key === 'agencyKind' || key === 'agencyOther') setAgencyByHand(true);
    },
    ...invalid(key === 'agencyKind' ? 'ownerAgency' : key),
  });
  const named = ownerAgency(owners, form.ownerName);
  const suggested = agencyByHand && named && (named.kind !== form.agencyKind || (named.other ?? '') !== form.agencyOther) ? named : undefined;
  const takeAgency = (agency: Agency) => {
    setForm((current) => ({ ...current, ...agencyFields(agency) }));
    setAgencyByHand(false);
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    // The name reads in place of the kind (北病院, filed as 医療機関); その他 needs it.
    const ownerAgency = form.agencyKind === 'その他' || form.agencyOther.trim() ? { kind: form.agencyKind, other: form.agencyOther } : { kind: form.agencyKind };
    const input = NewActionItemInput.safeParse({ what: form.what, ownerName: form.ownerName, ownerAgency, due: form.due });
    if (!input.success) {
      setProblems(actionItemProblems(input.error.issues, { ...form, ownerAgency: form.agencyKind }));
      return;
    }
    setProblems(undefined);
    if (!initial) {
      setForm(start);
      setAgencyByHand(false);
    }
    onSubmit(input.data);
  }
  return (
    <form className="item-form" onSubmit={submit}>
      <input aria-label={LABELS.what} placeholder={LABELS.what} {...field('what')} />
      <input
        aria-label={LABELS.ownerName}
        placeholder={LABELS.ownerName}
        list={ownerList}
        value={form.ownerName}
        {...invalid('ownerName')}
        onChange={(e) => {
          const agency = agencyByHand ? undefined : ownerAgency(owners, e.target.value);
          setForm({ ...form, ownerName: e.target.value, ...(agency && agencyFields(agency)) });
        }}
      />
      <datalist id={ownerList}>
        {owners.map((person, i) => (
          <option key={i} value={person.name}>
            {agencyLabel(person.agency)}
          </option>
        ))}
      </datalist>
      <select aria-label={LABELS.agencyKind} {...field('agencyKind')}>
        <option value="" disabled>
          担当機関を選ぶ
        </option>
        {AGENCY_KINDS.map((kind) => (
          <option key={kind}>{kind}</option>
        ))}
      </select>
      <input aria-label={LABELS.agencyOther} placeholder={form.agencyKind === 'その他' ? LABELS.agencyOther : `${LABELS.agencyOther}（任意）`} {...field('agencyOther')} />
      {suggested && (
        <button type="button" className="secondary item-form__offer" onClick={() => takeAgency(suggested)}>
          担当機関を{form.ownerName.trim()}さんの所属（{agencyLabel(suggested)}）にする
        </button>
      )}
      {/* Named on screen: an empty date field shows no placeholder to name it (on an iPad, nothing at all). */}
      <label className="item-form__due">
        {LABELS.due}
        <input type="date" {...field('due')} />
      </label>
      <button type="submit">{submitLabel}</button>
      {onCancel && <CancelButton onClick={onCancel} />}
      <ErrorMessage text={problems?.message} />
    </form>
  );
}
