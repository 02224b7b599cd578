import { expect, it } from 'vitest';
import { invitationEnded } from '../src/access/invitation-ended.ts';

const now = '2026-12-05T10:00:00.000Z';
const open = { conferenceId: 'c1', expiresAt: '2026-12-06T10:00:00.000Z', revokedAt: null, conferenceClosedAt: null };

it('an invitation admits while it is neither revoked, nor for an ended conference, nor past its expiry', () => {
  expect(invitationEnded(open, [{ id: 'c1', status: 'scheduled' }], now)).toBeUndefined();
  expect(invitationEnded(open, [{ id: 'c1', status: 'live' }], now)).toBeUndefined();
  expect(invitationEnded({ ...open, expiresAt: now }, [], now)).toBe('期限切れ');
  expect(invitationEnded({ ...open, revokedAt: now }, [{ id: 'c1', status: 'closed' }], now)).toBe('取消済み');
});

it('says how its conference ended, from the doc as soon as it has, or from the server once the doc is gone', () => {
  expect(invitationEnded(open, [{ id: 'c1', status: 'closed' }], now)).toBe('会議終了');
  expect(invitationEnded(open, [{ id: 'c1', status: 'cancelled' }], now)).toBe('会議中止');
  expect(invitationEnded({ ...open, conferenceClosedAt: now }, [], now)).toBe('会議終了');
});
