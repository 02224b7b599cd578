import { comparedTexts, diffActionItems } from '@care/case-doc';
import { type ActionItem, type ComparedActionItemField, type FieldChange, versionsOf } from '@care/schema';

type DateText = (isoDate: string) => string;

/**
 * What a conference agreed to change in the items it reviewed (`reviewed`, as its record holds
 * them), besides their 状況 (the minutes word that on its own: 「…を完了とする」), as its minutes'
 * 決定事項 say it: 「前回までの対応事項「見守り訪問」の担当を田中・居宅介護支援事業所から鈴木・社会福祉協議会に
 * 変更、期限を…から…に延長する」. Read from the comparison of records (diffActionItems) against
 * `before`: the items as the previous conference's record holds them, where a review starts from.
 * `date`: how 期限 reads. By item id, for those changed.
 */
export function reviewChanges(before: readonly ActionItem[], reviewed: readonly ActionItem[], date: DateText): Map<string, string> {
  const reviewedIds = new Set(reviewed.map((item) => item.id));
  const earlier = new Map(before.filter((item) => reviewedIds.has(item.id)).map((item) => [item.id, item]));
  const { changed } = diffActionItems([...earlier.values()], reviewed, undefined, date);
  const lines = new Map<string, string>();
  for (const { item, changes } of changed) {
    const was = earlier.get(item.id)!;
    const words = changeWords(changes, was, item, date);
    // Named as the previous minutes named it, before any change to its 内容.
    if (words.length > 0) lines.set(item.id, `前回までの対応事項「${comparedTexts(was, null).what}」の${words.join('、')}する`);
  }
  return lines;
}

/** 内容, 担当 (person and agency as one) and 期限 changed, in the order a comparison names them. */
function changeWords(changes: readonly FieldChange[], was: ActionItem, now: ActionItem, date: DateText): string[] {
  const of = (field: ComparedActionItemField) => changes.find((change) => change.field === field);
  const texts = comparedTexts(now, null, date);
  const side = (field: ComparedActionItemField, which: 'from' | 'to') => of(field)?.[which] ?? texts[field];
  const owner = (which: 'from' | 'to') => `${side('ownerName', which)}・${side('ownerAgency', which)}`;
  const [what, due] = [of('what'), of('due')];
  return [
    ...(what ? [`内容を「${what.to}」に変更`] : []),
    ...(of('ownerName') || of('ownerAgency') ? [`担当を${owner('from')}から${owner('to')}に変更`] : []),
    ...(due ? [`期限を${due.from}から${due.to}に${isLater(now, was) ? '延長' : '変更'}`] : []),
  ];
}

/** Whether every 期限 `now` holds is after every one `was` held: an extension (延長), not a move earlier or a choice between several. */
function isLater(now: ActionItem, was: ActionItem): boolean {
  return versionsOf(now, 'due').every((due) => versionsOf(was, 'due').every((earlier) => due > earlier));
}
