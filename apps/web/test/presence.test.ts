import { expect, it } from 'vitest';
import { peopleConnected } from '../src/collab/presence.ts';

const me = { userId: 'u-me', name: '鈴木', agency: '社会福祉協議会', color: '#2f9e44' };
const other = { userId: 'u-other', name: '佐藤', agency: '地域包括支援センター', color: '#1971c2' };
const OWN = 1;

it('counts this browser among those connected only while it is connected', () => {
  const states = new Map<number, Record<string, unknown>>([
    [OWN, { user: me }],
    [2, { user: other }],
  ]);
  expect(peopleConnected(states, OWN, true)).toEqual([me, other]);
  // Offline, or the server ended the connection: its own entry stays in awareness, but no one sees it.
  expect(peopleConnected(new Map([[OWN, { user: me }]]), OWN, false)).toEqual([]);
});

it('leaves out states that name no one (a browser that has not said who it is yet)', () => {
  expect(peopleConnected(new Map([[OWN, { user: me }], [3, {}]]), OWN, true)).toEqual([me]);
});
