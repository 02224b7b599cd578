import type { RecordDiff } from '@care/schema';
import { Link } from 'react-router';

/**
 * Says that the compared records skip conferences held between them, and links to each one's
 * record: neither record holds what was discussed there, nor an item agreed and settled there, so
 * a reader of the comparison alone would not know they happened.
 */
export function ConferencesBetween({ diff }: { diff: RecordDiff }) {
  if (diff.between.length === 0) return null;
  return (
    <div className="notice" data-testid="conferences-between">
      <p>
        この二つの記録の間に、ほかに{diff.between.length}件の会議があります。その会議の検討内容や、そこで決まってその後に済んだ対応事項は、この比較には表れません。それぞれの記録をご確認ください。
      </p>
      <ul aria-label="間にある会議">
        {diff.between.map(({ conference, recordId }) => (
          <li key={conference}>
            {recordId ? <Link to={`/cases/${diff.from.caseId}/records/${recordId}`}>{conference}</Link> : `${conference}（記録を作成中）`}
          </li>
        ))}
      </ul>
    </div>
  );
}
