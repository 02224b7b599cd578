import { ACTION_ITEM_LABELS, type NewActionItemInput } from '@care/schema';
import type { z } from 'zod';
import { type FormProblems, formProblems } from '../ui/form-problems.ts';

/** The form's fields an action item's input can be wrong in: its own, and その他's agency name. */
export type ItemField = keyof NewActionItemInput | 'agencyOther';

const FIELD_NAMES: Record<ItemField, string> = {
  what: ACTION_ITEM_LABELS.what,
  ownerName: ACTION_ITEM_LABELS.ownerName,
  ownerAgency: ACTION_ITEM_LABELS.ownerAgency,
  agencyOther: '機関名',
  due: ACTION_ITEM_LABELS.due,
};

/**
 * What is wrong with an action item's input (see formProblems), so the writer sees which field to
 * fill in: 「担当者・期限を入力してください。」 or 「内容は200文字以内にしてください。」
 */
export function actionItemProblems(issues: readonly z.core.$ZodIssue[], typed: Readonly<Record<ItemField, string>>): FormProblems<ItemField> {
  const fieldOf = (issue: z.core.$ZodIssue): ItemField =>
    issue.path[0] === 'ownerAgency' && issue.path[1] === 'other' ? 'agencyOther' : (issue.path[0] as ItemField);
  return formProblems(issues, FIELD_NAMES, (field) => !typed[field]?.trim(), fieldOf);
}
