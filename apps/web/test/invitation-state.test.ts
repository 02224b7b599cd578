import { expect, it } from 'vitest';
import { invitationState } from '../src/access/invitation-state.ts';

const now = '2026-12-05T10:00:00.000Z';
const open = { conferenceId: 'c1', createdAt: '2026-12-04T10:00:00.000Z', expiresAt: '2026-12-19T15:00:00.000Z', revokedAt: null, conferenceClosedAt: null };
const planned = { id: 'c1', status: 'scheduled' as const, date: '2026-12-18' };

it('an invitation admits while it is neither revoked, nor for an ended conference, nor past its expiry', () => {
  expect(invitationState(open, [planned], now)).toEqual({ until: '2026-12-19T15:00:00.000Z' });
  expect(invitationState(open, [{ ...planned, status: 'live' }], now)).toEqual({ until: '2026-12-19T15:00:00.000Z' });
  expect(invitationState({ ...open, expiresAt: now }, [], now)).toEqual({ ended: '期限切れ' });
  expect(invitationState({ ...open, revokedAt: now }, [{ ...planned, status: 'closed' }], now)).toEqual({ ended: '取消済み' });
});

it('says how its conference ended, from the doc as soon as it has, or from the server once the doc is gone', () => {
  expect(invitationState(open, [{ ...planned, status: 'closed' }], now)).toEqual({ ended: '会議終了' });
  expect(invitationState(open, [{ ...planned, status: 'cancelled' }], now)).toEqual({ ended: '会議中止' });
  expect(invitationState({ ...open, conferenceClosedAt: now }, [], now)).toEqual({ ended: '会議終了' });
});

it('follows its conference when it is moved, as the server does, but one already expired stays so', () => {
  expect(invitationState(open, [{ ...planned, date: '2026-12-25' }], now)).toEqual({ until: '2026-12-26T15:00:00.000Z' });
  expect(invitationState({ ...open, expiresAt: '2026-12-05T09:00:00.000Z' }, [{ ...planned, date: '2026-12-25' }], now)).toEqual({ ended: '期限切れ' });
  // Moved to a day long past: it admits until a day after it was made, then no more.
  expect(invitationState(open, [{ ...planned, date: '2026-11-01' }], now)).toEqual({ ended: '期限切れ' });
});
