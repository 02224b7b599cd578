import type { ReactNode } from 'react';

/**
 * A card whose content waits for what the server sends: 読み込み中… until it is there, nothing if
 * it could not be had (the page says why above), then what `children` makes of it.
 */
export function LoadedCard<T>({ loaded, error, children }: { loaded: T | undefined; error: string | undefined; children: (loaded: T) => ReactNode }) {
  return <section className="card">{loaded === undefined ? !error && <p>読み込み中…</p> : children(loaded)}</section>;
}
