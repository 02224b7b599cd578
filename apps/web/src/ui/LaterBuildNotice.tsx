import { useLaterBuildServed } from '../app-version.ts';

/** On every page, once the app has been updated while the page stayed open: asks for a reload. */
export function LaterBuildNotice() {
  if (!useLaterBuildServed()) return null;
  return (
    <div role="alert" className="later-build">
      <p>
        ケア会議ワークスペースが更新されました。この画面を再読み込みしてください。ケース概要・検討内容に書いたことはこの端末とサーバーに保存されています（書きかけのフォームは、先に保存してください）。
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        再読み込み
      </button>
    </div>
  );
}
