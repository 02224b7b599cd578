import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';

/** An address the app has no page for (mistyped, or from an old bookmark). */
export function NotFoundPage() {
  return (
    <PageFromCaseList heading="ページが見つかりません">
      <p role="alert">このアドレスのページはありません。アドレスを確かめるか、ケース一覧から開き直してください。</p>
    </PageFromCaseList>
  );
}
