import { IncomingChanges } from '@care/sync-client';
import type { WebsocketProvider } from 'y-websocket';

/**
 * While a kana-to-kanji conversion is open on the page, the others' changes wait, and show as soon
 * as it is confirmed (a conversion takes seconds).
 *
 * Why: the editor binding (y-tiptap) redraws the paragraph a remote change touches. A conversion
 * open in that paragraph loses its hold on the text, and the kana typed so far stay in it beside
 * the kanji (「かん漢字」), in everyone's copy. Plain fields bound to the doc would lose theirs the
 * same way.
 */
export function waitForCompositions(provider: WebsocketProvider): () => void {
  /** The element a conversion is open in. */
  let composing: EventTarget | undefined;
  // One that went away without a compositionend (its editor unmounted) no longer holds anything up.
  const incoming = new IncomingChanges(provider, () => composing instanceof Node && composing.isConnected);
  const start = (event: Event) => (composing = event.target ?? undefined);
  const end = (event: Event) => {
    if (event.type === 'focusout' && event.target !== composing) return;
    composing = undefined;
    // ProseMirror takes in the confirmed text a microtask after compositionend: the others' changes come after it.
    setTimeout(() => composing === undefined && incoming.applyWaiting());
  };
  document.addEventListener('compositionstart', start, true);
  document.addEventListener('compositionend', end, true);
  document.addEventListener('focusout', end, true);
  return () => {
    document.removeEventListener('compositionstart', start, true);
    document.removeEventListener('compositionend', end, true);
    document.removeEventListener('focusout', end, true);
  };
}
