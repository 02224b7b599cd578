import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendSummaryParagraphs,
  assignRole,
  joinConference,
  scheduleConference,
  startConference,
  updateTouches,
  writesNothing,
} from '../src/index.ts';

const sato = { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '行政' as const } };
const suzuki = { userId: 'user-suzuki-01', name: '鈴木', agency: { kind: '民生委員' as const } };

/** A server doc and a client doc in sync; `change` runs on the client and its update is placed against the server. */
function setup() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
  };
  const touchesOf = (change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    change(client);
    return updateTouches(server, Y.encodeStateAsUpdate(client, before));
  };
  return { server, client, sync, touchesOf };
}

const paths = (result: { touches: { path: string[]; deleted: boolean }[] }) =>
  [...new Set(result.touches.map((t) => `${t.deleted ? '-' : '+'}${t.path.join('/')}`))].sort();

describe('where an update writes', () => {
  it('places summary edits under summary, however deep and wherever typed', () => {
    const { sync, touchesOf } = setup();
    const first = touchesOf((doc) => appendSummaryParagraphs(doc, ['本人は一人暮らし']));
    expect(first).toMatchObject({ unresolved: false });
    expect(paths(first)).toEqual(['+summary']);
    sync();
    // Typing in the middle of existing text: the new item carries only its origin, no parent.
    const typed = touchesOf((doc) => {
      const text = (doc.getXmlFragment('summary').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(2, '（80代）');
      text.delete(0, 1);
    });
    expect(paths(typed)).toEqual(['+summary', '-summary']);
  });

  it('places a role assignment at its conference and user, with the value', () => {
    const { sync, touchesOf } = setup();
    let id = '';
    touchesOf((doc) => {
      id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
      startConference(doc, id, sato, Date.now());
    });
    sync();
    const join = touchesOf((doc) => joinConference(doc, id, suzuki));
    expect(paths(join)).toEqual([`+conferences/${id}/participants/${suzuki.userId}`]);
    sync();
    const assign = touchesOf((doc) => assignRole(doc, id, suzuki.userId, { role: '記録' }));
    expect(assign.touches).toEqual([{ path: ['conferences', id, 'roles', suzuki.userId], deleted: false, value: { role: '記録' } }]);
    sync();
    // Reassigning overwrites the entry: the new value is placed through its origin, the old one is deleted.
    const reassign = touchesOf((doc) => assignRole(doc, id, suzuki.userId, { role: 'オブザーバー' }));
    expect(paths(reassign)).toEqual([`+conferences/${id}/roles/${suzuki.userId}`, `-conferences/${id}/roles/${suzuki.userId}`]);
  });

  it('places everything in a new conference under it, resolving parents inside the update', () => {
    const { touchesOf } = setup();
    let id = '';
    const created = touchesOf((doc) => {
      id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
      startConference(doc, id, sato, Date.now());
    });
    expect(created.unresolved).toBe(false);
    expect(paths(created)).toContain(`+conferences/${id}/roles/${sato.userId}`);
    expect(paths(created)).toContain(`+conferences/${id}/status`);
    expect(paths(created)).toContain(`-conferences/${id}/status`);
  });

  it('ignores re-sent deletions of what the doc already deleted (a reconnecting client’s sync step 2)', () => {
    const { server, client, sync, touchesOf } = setup();
    let id = '';
    touchesOf((doc) => {
      id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
      startConference(doc, id, sato, Date.now());
      assignRole(doc, id, suzuki.userId, { role: '記録' });
      assignRole(doc, id, suzuki.userId, { role: '参加者' });
    });
    sync();
    appendSummaryParagraphs(client, ['追記']);
    const step2 = updateTouches(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    expect(paths(step2)).toEqual(['+summary']);
  });

  it('leaves out what the doc already holds: a whole local copy re-sent changes nothing, only its new edit counts', () => {
    const { server, client, sync, touchesOf } = setup();
    touchesOf((doc) => {
      const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
      startConference(doc, id, sato, Date.now());
      assignRole(doc, id, suzuki.userId, { role: '記録' });
      assignRole(doc, id, suzuki.userId, { role: '参加者' });
      appendSummaryParagraphs(doc, ['本人は一人暮らし']);
    });
    sync();
    const whole = () => Y.encodeStateAsUpdate(client);
    expect(updateTouches(server, whole())).toEqual({ touches: [], unresolved: false });
    expect(writesNothing(updateTouches(server, whole()))).toBe(true);
    appendSummaryParagraphs(client, ['オフラインの追記']);
    expect(paths(updateTouches(server, whole()))).toEqual(['+summary']);
    expect(writesNothing(updateTouches(server, whole()))).toBe(false);
  });

  it('marks an update it cannot place as unresolved', () => {
    const { server, client, touchesOf } = setup();
    appendSummaryParagraphs(client, ['サーバーに届いていない段落']);
    // The next update builds on the one the server never got.
    const dependent = touchesOf((doc) => {
      const text = (doc.getXmlFragment('summary').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(3, 'X');
    });
    expect(dependent.unresolved).toBe(true);
    expect(server.getXmlFragment('summary').length).toBe(0);
  });

  it('places nowhere an insert into a paragraph the doc has deleted and collected, as Yjs integrates it: it writes nothing', () => {
    // The typist's copy still has the paragraph a colleague deleted (its changes held back meanwhile).
    const { server, client, sync, touchesOf } = setup();
    appendSummaryParagraphs(client, ['本人は独居。', '長女は県外。']);
    sync();
    const textOf = (doc: Y.Doc) => ((doc.getXmlFragment('summary').get(1) as Y.XmlElement).get(0) as Y.XmlText);
    const kana = touchesOf((doc) => textOf(doc).insert(6, 'かんじ'));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    server.getXmlFragment('summary').delete(1, 1); // gc is on: the paragraph's items become GC structs
    expect(paths(kana)).toEqual(['+summary']);

    const converted = touchesOf((doc) => {
      textOf(doc).delete(6, 3);
      textOf(doc).insert(6, '漢字');
    });
    expect(converted).toEqual({ touches: [], unresolved: false });
    const before = server.getXmlFragment('summary').toString();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    const typedOn = touchesOf((doc) => textOf(doc).insert(8, '次回12月。')); // builds on 漢字, now collected too
    expect(typedOn).toEqual({ touches: [], unresolved: false });
    expect(writesNothing(typedOn)).toBe(true);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    expect(server.getXmlFragment('summary').toString()).toBe(before);
  });

  it('still places an insert next to deleted content the doc keeps, and still cannot place one next to content it lacks', () => {
    const server = new Y.Doc({ gc: false });
    const client = new Y.Doc();
    const textOf = (doc: Y.Doc) => (doc.getXmlFragment('summary').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    appendSummaryParagraphs(client, ['長女は県外。']);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    server.getXmlFragment('summary').delete(0, 1);
    // Deleted but not collected: Yjs integrates the insert there, so it is placed (and judged) as before.
    const synced = Y.encodeStateVector(client);
    textOf(client).insert(6, 'かんじ');
    expect(paths(updateTouches(server, Y.encodeStateAsUpdate(client, synced)))).toEqual(['+summary']);
    // Typing on after かんじ, which the server never got: its origin is missing, not collected.
    const kana = Y.encodeStateVector(client);
    textOf(client).insert(9, '次');
    expect(updateTouches(server, Y.encodeStateAsUpdate(client, kana)).unresolved).toBe(true);
  });

  it('marks as unresolved, without looping or running out of stack, an update whose items refer round in a circle or nest absurdly deep', () => {
    // Two maps, one inside the other, as a client makes them; then their references bent by hand.
    const nested = () => {
      const doc = new Y.Doc();
      const outer = new Y.Map();
      doc.getMap('conferences').set('a', outer);
      outer.set('b', new Y.Map());
      const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
      const [first, second] = decoded.structs as [Y.Item, Y.Item];
      return { decoded, first, second };
    };
    const parents = nested(); // each the other's parent
    parents.first.parent = parents.second.id;
    expect(updateTouches(new Y.Doc(), parents.decoded).unresolved).toBe(true);
    const neighbours = nested(); // each the other's left neighbour, neither naming a parent
    for (const [item, other] of [[neighbours.first, neighbours.second], [neighbours.second, neighbours.first]] as const) {
      item.parent = null;
      item.parentSub = null;
      item.origin = other.id;
    }
    expect(updateTouches(new Y.Doc(), neighbours.decoded).unresolved).toBe(true);

    // 100,000 maps each inside the one before: far deeper than any case doc, and than the stack.
    const client = 7;
    const deep: Y.Item[] = [];
    for (let clock = 0; clock < 100_000; clock++) {
      const parent = clock === 0 ? 'conferences' : Y.createID(client, clock - 1);
      deep.push(new Y.Item(Y.createID(client, clock), null, null, null, null, parent as never, 'k', new Y.ContentType(new Y.Map())));
    }
    expect(updateTouches(new Y.Doc(), { structs: deep, ds: Y.createDeleteSet() }).unresolved).toBe(true);
  }, 30_000); // building 100,000 items takes seconds on a loaded 2-core machine (it timed out at 5 s in CI)
});
