// @vitest-environment happy-dom
import type { PresenceUser } from '@care/schema';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { usePresence } from '../src/collab/presence.ts';
import type { CaseConnection } from '../src/collab/useCaseConnection.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const sato = { userId: 'u-sato-01', name: '佐藤', agency: '地域包括支援センター', agencyKind: '地域包括支援センター', role: 'staff', color: '#1971c2' } as const;

it('renders the people connected again when someone comes or goes, not when a caret moves', async () => {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = { awareness, wsconnected: true, on() {}, off() {} } as unknown as WebsocketProvider;
  const connection: CaseConnection = { doc, provider };
  const other = new Awareness(new Y.Doc());
  const heard = () => applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server');
  // What the panel lists them with (its rows), as the panel renders it.
  let renders = 0;
  let shown: string[] = [];
  function Names({ people }: { people: PresenceUser[] }) {
    renders++;
    shown = people.map((person) => person.name);
    return null;
  }
  function People() {
    return <Names people={usePresence(connection)} />;
  }
  const root = createRoot(document.createElement('div'));
  await act(async () => root.render(<People />));
  await act(async () => {
    other.setLocalState({ user: sato });
    heard();
  });
  expect(shown).toEqual(['佐藤']);
  const rendersWhenSatoCame = renders;

  for (let index = 0; index < 5; index++) {
    await act(async () => {
      other.setLocalStateField('cursor', { anchor: { type: null, tname: 'summary', item: null, assoc: 0 }, head: index });
      heard();
    });
  }
  expect(renders).toBe(rendersWhenSatoCame);

  await act(async () => {
    other.setLocalState(null);
    heard();
  });
  expect(shown).toEqual([]);
  await act(async () => root.unmount());
});
