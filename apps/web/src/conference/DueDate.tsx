import { isOverdue } from '@care/case-doc';
import { type ActionItem, actionItemTexts } from '@care/schema';

/** An action item's due date (each, when written two ways), marked 期限超過 when it is still open after it as of `asOf` (a conference's date). */
export function DueDate({ item, asOf }: { item: ActionItem; asOf: string | undefined }) {
  return (
    <>
      <time className="date" dateTime={item.due}>
        {actionItemTexts(item).due}
      </time>
      {asOf !== undefined && isOverdue(item, asOf) && <span className="badge badge--overdue">期限超過</span>}
    </>
  );
}
