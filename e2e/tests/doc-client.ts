import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerProcess } from './harness.ts';

export type DocClient = { doc: Y.Doc; destroy: () => void };

/**
 * A participant driving the case doc from Node (for what the web app has no screen for yet, such
 * as running a conference): the same y-websocket protocol the browser speaks. Resolves once synced.
 */
export async function connectDoc(server: ServerProcess, caseId: string, who: { userId: string; name: string; agency: string }): Promise<DocClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/ws/cases`, caseId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: who,
  });
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return {
    doc,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
