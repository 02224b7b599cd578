import { AgendaItem } from '@care/schema';
import type { z } from 'zod';
import { type FormProblems, formProblems } from '../ui/form-problems.ts';

const NAMES = { title: '議題', minutes: '時間（分）' } as const;
export type AgendaField = keyof typeof NAMES;

const NewAgendaItem = AgendaItem.omit({ id: true });
type NewAgendaItem = z.infer<typeof NewAgendaItem>;

/**
 * A new agenda item as typed in the agenda form, checked with the schema every client reads the
 * agenda with: the item, or what is wrong with it named by the form's labels
 * (「議題は60文字以内にしてください。」). The minutes are typed text: empty is not a number.
 */
export function checkAgendaItem(typed: Readonly<Record<AgendaField, string>>): { item: NewAgendaItem } | { problems: FormProblems<AgendaField> } {
  const checked = NewAgendaItem.safeParse({ title: typed.title, minutes: Number(typed.minutes) });
  if (checked.success) return { item: checked.data };
  return { problems: formProblems(checked.error.issues, NAMES, (field) => !typed[field].trim()) };
}
