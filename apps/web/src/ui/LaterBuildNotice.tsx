import { useEffect } from 'react';
import { api, inBackground } from '../api.ts';
import { comparesBuilds, useLaterBuildServed } from '../app-version.ts';

/** How often an open page asks the server, besides every API call it makes anyway. */
const CHECK_EVERY_MS = 60_000;

/**
 * On every page, once the app has been updated while the page stayed open: asks for a reload. The
 * page asks the server every minute, and when the window regains focus or the network.
 */
export function LaterBuildNotice() {
  const later = useLaterBuildServed();
  useEffect(() => {
    if (!comparesBuilds || later) return;
    const check = () => void inBackground(api.checkServer);
    const timer = setInterval(check, CHECK_EVERY_MS);
    window.addEventListener('focus', check);
    window.addEventListener('online', check);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', check);
      window.removeEventListener('online', check);
    };
  }, [later]);
  if (!later) return null;
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
