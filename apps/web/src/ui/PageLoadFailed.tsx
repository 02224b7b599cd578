import { useRouteError } from 'react-router';

/** A page's code could not be fetched (offline, the server not reached), and no later build is served. */
export class PageCodeUnreachable extends Error {}

/**
 * Shown in place of the app when a page fails to show: its code not fetched (a phone whose network
 * dropped as a case was tapped) or anything else thrown while drawing it. The page that failed is
 * not tried again by itself (the app keeps a failed page's load), so a reload brings it.
 */
export function PageLoadFailed() {
  const unreachable = useRouteError() instanceof PageCodeUnreachable;
  return (
    <main className="page">
      <p role="alert" className="error">
        {unreachable
          ? 'この画面を読み込めませんでした（サーバーに接続できません）。接続を確かめて、もう一度お試しください。'
          : 'この画面を表示できませんでした。もう一度お試しください。'}
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        もう一度試す
      </button>
    </main>
  );
}
