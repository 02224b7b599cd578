import { ACTION_ITEM_LABELS, type NewActionItemInput } from '@care/schema';
import type { z } from 'zod';

/** The form's fields an action item's input can be wrong in: its own, and その他's agency name. */
export type ItemField = keyof NewActionItemInput | 'agencyOther';

const FIELD_NAMES: Record<ItemField, string> = {
  what: ACTION_ITEM_LABELS.what,
  ownerName: ACTION_ITEM_LABELS.ownerName,
  ownerAgency: ACTION_ITEM_LABELS.ownerAgency,
  due: ACTION_ITEM_LABELS.due,
  agencyOther: '機関名',
};

/**
 * What is wrong with an action item's input, naming each field (in the form's order), so the
 * writer sees which one to fill in: 「担当者・期限を入力してください。」 or 「内容は200文字以内にしてください。」
 */
export function actionItemProblems(issues: readonly z.core.$ZodIssue[]): { fields: ItemField[]; message: string } {
  const fieldOf = (issue: z.core.$ZodIssue): ItemField =>
    issue.path[0] === 'ownerAgency' && issue.path[1] === 'other' ? 'agencyOther' : (issue.path[0] as ItemField);
  const order = Object.keys(FIELD_NAMES) as ItemField[];
  const fields = [...new Set(issues.map(fieldOf))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const tooLong = issues.flatMap((issue) => (issue.code === 'too_big' ? [`${FIELD_NAMES[fieldOf(issue)]}は${issue.maximum}文字以内にしてください。`] : []));
  const missing = fields.filter((field) => !issues.some((issue) => issue.code === 'too_big' && fieldOf(issue) === field));
  const message = [missing.length > 0 ? `${missing.map((field) => FIELD_NAMES[field]).join('・')}を入力してください。` : '', ...tooLong].join('');
  return { fields, message };
}
