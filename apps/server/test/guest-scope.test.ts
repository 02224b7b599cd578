import {
  addActionItem,
  appendParagraphs,
  appendSummaryParagraphs,
  assignRole,
  closeConference,
  conferenceNotesFragment,
  docFromState,
  GuestRefusal,
  joinConference,
  readActionItems,
  readConferences,
  scheduleConference,
  startConference,
  summaryPlainText,
  textLines,
} from '@care/case-doc';
import type { ApiError, NewActionItemInput } from '@care/schema';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acceptInvitation,
  adminOf,
  conferenceIn,
  connectClient,
  createCase,
  eventually,
  guestSession,
  inviteGuest,
  nextClose,
  permissionDenials,
  type RunningServer,
  sendTypedBefore,
  serverPerSuite,
  type TestClient,
  type TestConference,
  type TestSession,
  upgradeStatus,
} from './harness.ts';

/** A refused request's status and error code. */
const refusal = async (answer: Promise<Response>) => {
  const response = await answer;
  return [response.status, ((await response.json()) as ApiError).error];
};
const item = (what: string): NewActionItemInput => ({ what, ownerName: '山田', ownerAgency: { kind: '民生委員' }, due: '2026-12-01' });

describe('a guest invited to one conference takes part in that conference only', () => {
  let server!: RunningServer;
  // A closing grace long enough for a guest's last words to arrive within it on a loaded machine.
  serverPerSuite((started) => (server = started), { env: { CLOSING_GRACE_MS: '1000' } });
  const leaving: { leave: () => void }[] = [];
  afterEach(() => leaving.splice(0).forEach((c) => c.leave()));

  /** A case with a conference (live unless said otherwise), and a guest invited to it, connected. */
  async function guestAt(options: { live?: boolean } = {}) {
    const caseId = await createCase(server, '招待テスト');
    const conference: TestConference = await conferenceIn(server, caseId, options);
    leaving.push(conference);
    const invitation = await inviteGuest(server, caseId, conference.conferenceId);
    const session: TestSession = await guestSession(server, invitation.token);
    const client: TestClient = await connectClient(server, caseId, session);
    leaving.push({ leave: () => client.destroy() });
    return { caseId, conference, invitation, session, client, denials: permissionDenials(client.provider) };
  }

  it('edits the summary and its conference’s 検討内容, joins as a participant and agrees action items of its conference', async () => {
    const { conference, session, client, denials } = await guestAt();
    const { conferenceId, facilitator } = conference;
    appendSummaryParagraphs(client.doc, ['民生委員より：近所の見守りあり']);
    joinConference(client.doc, conferenceId, { userId: session.userId, name: '山田', agency: { kind: '民生委員' } });
    addActionItem(client.doc, conferenceId, item('週1回の声かけ'));
    appendParagraphs(conferenceNotesFragment(client.doc, conferenceId), ['山田：夜間の様子は近所が見ている']);
    await eventually(() => {
      expect(summaryPlainText(facilitator.doc)).toBe('民生委員より：近所の見守りあり');
      expect(textLines(conferenceNotesFragment(facilitator.doc, conferenceId))).toEqual(['山田：夜間の様子は近所が見ている']);
      expect(readConferences(facilitator.doc).value[0]!.participants.map((p) => p.name)).toContain('山田');
      expect(readActionItems(facilitator.doc).value.map((i) => i.what)).toEqual(['週1回の声かけ']);
    });
    expect(denials).toEqual([]);
  });

  it('changes nothing of other conferences, nothing else of the case, and never runs its conference', async () => {
    const { caseId, conference, session, client, denials } = await guestAt({ live: false });
    const { conferenceId, facilitator } = conference;
    // An earlier conference agreed an item (items are agreed at a conference held), then the guest's starts.
    const otherId = scheduleConference(facilitator.doc, { date: '2026-11-20', kind: '支援調整会議' });
    startConference(facilitator.doc, otherId, conference.starter, Date.now());
    const earlierItem = addActionItem(facilitator.doc, otherId, item('別の会議の対応事項'));
    closeConference(facilitator.doc, otherId, Date.now());
    await conference.start();
    await eventually(() => expect(readActionItems(client.doc).value).toHaveLength(1));

    const attempts: [string, () => void][] = [
      ['join another conference', () => joinConference(client.doc, otherId, { userId: session.userId, name: '山田', agency: { kind: '民生委員' } })],
      // (as a page could offer it: the item is put there plainly)
      ['agree an item at another conference', () => client.doc.getMap('actionItems').set('item-elsewhere', { ...item('よその会議'), conferenceId: otherId, status: '未着手' })],
      ['write another conference’s 検討内容', () => appendParagraphs(conferenceNotesFragment(client.doc, otherId), ['よその検討'])],
      ['remove another conference’s item', () => client.doc.getMap('actionItems').delete(earlierItem)],
      ['make itself 司会', () => assignRole(client.doc, conferenceId, session.userId, { role: '司会' })],
      ['plan a new conference', () => scheduleConference(client.doc, { date: '2027-01-10', kind: '地域課題検討' })],
      ['close its conference', () => closeConference(client.doc, conferenceId, Date.now())],
    ];
    for (const [what, attempt] of attempts) {
      const before = denials.length;
      attempt();
      await eventually(() => expect(denials.length, what).toBe(before + 1));
      expect(denials.at(-1), what).toBe(GuestRefusal.outside);
    }
    // None of it reached anyone: the 司会 still sees two conferences, its own still live and run by them alone.
    const conferences = readConferences(facilitator.doc).value;
    expect(conferences.map((c) => c.status).sort()).toEqual(['closed', 'live']);
    expect(conferences.flatMap((c) => c.participants.map((p) => p.userId))).not.toContain(session.userId);
    expect(Object.keys(conferences.find((c) => c.id === conferenceId)!.roles)).toEqual([facilitatorOf(conference)]);
    expect(readActionItems(facilitator.doc).value.map((i) => i.what)).toEqual(['別の会議の対応事項']);
    // Still admitted: once the page is reloaded (a refused change stays in the old page's copy), it takes part again.
    client.provider.disconnect();
    const reloaded = await connectClient(server, caseId, session);
    leaving.push({ leave: () => reloaded.destroy() });
    appendSummaryParagraphs(reloaded.doc, ['続けて発言']);
    await eventually(() => expect(summaryPlainText(facilitator.doc)).toBe('続けて発言'));
  });

  it('writes nothing before its conference starts; when it closes, the guest is disconnected and the link stops working', async () => {
    const { caseId, conference, invitation, session, client, denials } = await guestAt({ live: false });
    appendSummaryParagraphs(client.doc, ['開始前の書き込み']);
    await eventually(() => expect(denials).toEqual([GuestRefusal.notLive]));

    await conference.start();
    const closed = nextClose(client);
    await conference.close();
    expect(await closed).toEqual({ code: 4403, reason: 'the conference has closed' });
    expect(await refusal(session.request('GET', `/api/cases/${caseId}`))).toEqual([403, 'conference_closed']); // told why, offline meanwhile
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie: session.cookie })).toBe(403);
    expect((await acceptInvitation(server, invitation.token)).status).toBe(403);
    expect(summaryPlainText(conference.facilitator.doc)).toBe('');
  });

  it('the guest’s last words of its conference’s 検討内容, typed before the close reached them, are kept; then it is let go', async () => {
    const { conference, client, denials } = await guestAt();
    const { conferenceId, facilitator } = conference;
    const unaware = docFromState(Y.encodeStateAsUpdate(client.doc));
    const closed = nextClose(client);
    await conference.close();
    await eventually(() => expect(readConferences(client.doc).value[0]?.status).toBe('closed'));
    sendTypedBefore(client, unaware, (doc) => appendParagraphs(conferenceNotesFragment(doc, conferenceId), ['山田：最後に一言']));
    sendTypedBefore(client, unaware, (doc) => appendSummaryParagraphs(doc, ['閉会間際の概要'])); // only its 検討内容 is still taken
    await eventually(() => expect(textLines(conferenceNotesFragment(facilitator.doc, conferenceId))).toEqual(['山田：最後に一言']));
    await eventually(() => expect(denials).toEqual([GuestRefusal.notLive]));
    expect(summaryPlainText(facilitator.doc)).toBe('');
    expect(await closed).toEqual({ code: 4403, reason: 'the conference has closed' });
  });

  it('when its conference is called off (中止), the guest is disconnected, told so, and no one can be invited to it', async () => {
    const { caseId, conference, invitation, session, client } = await guestAt({ live: false });
    const closed = nextClose(client);
    await conference.cancel();
    expect(await closed).toEqual({ code: 4403, reason: 'the conference was cancelled' });
    expect(await refusal(session.request('GET', `/api/cases/${caseId}`))).toEqual([403, 'conference_cancelled']);
    expect((await acceptInvitation(server, invitation.token)).status).toBe(403);
    await expect(inviteGuest(server, caseId, conference.conferenceId)).rejects.toThrow(/409.*中止しているため、招待できません/);
  });

  it('is refused the case’s records, the timeline, the audit trail, members and accounts', async () => {
    const { caseId, session } = await guestAt();
    expect((await session.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    for (const [method, path] of [
      ['GET', `/api/cases/${caseId}/records`],
      ['POST', `/api/cases/${caseId}/records`],
      ['GET', `/api/cases/${caseId}/records/diff?from=a&to=b`],
      ['GET', '/api/records'],
      ['GET', `/api/cases/${caseId}/audit`],
      ['GET', `/api/cases/${caseId}/members`],
      ['GET', `/api/cases/${caseId}/invitations`],
      ['GET', '/api/users'],
      ['GET', '/api/agencies'],
    ] as const) {
      const response = await session.request(method, path, method === 'POST' ? { label: '版' } : undefined);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });

  it('can only be invited to a conference the case has and that has not closed', async () => {
    const caseId = await createCase(server);
    const admin = await adminOf(server);
    const invite = (conferenceId: string) =>
      admin.request('POST', `/api/cases/${caseId}/invitations`, { name: '山田', agency: '民生委員', conferenceId });
    expect((await invite('no-such-conference')).status).toBe(404);
    const conference = await conferenceIn(server, caseId);
    leaving.push(conference);
    await conference.close();
    expect((await invite(conference.conferenceId)).status).toBe(409);
  });
});

/** The only role holder of a conference started by conferenceIn: its 司会. */
function facilitatorOf(conference: TestConference): string {
  return Object.keys(readConferences(conference.facilitator.doc).value.find((c) => c.id === conference.conferenceId)!.roles)[0]!;
}
