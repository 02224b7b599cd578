import { describe, expect, it } from 'vitest';
import { CreateInvitationBody, invitationExpiry } from '../src/index.ts';

describe('an invitation to a conference', () => {
  it('admits until the end of the day after the conference, in Japan', () => {
    // 2026-12-19 24:00 JST is 2026-12-19T15:00Z.
    expect(invitationExpiry('2026-12-18', '2026-12-01T00:30:00.000Z')).toBe('2026-12-19T15:00:00.000Z');
    // Made late on the conference's own day: still until the end of the next day.
    expect(invitationExpiry('2026-12-18', '2026-12-18T14:00:00.000Z')).toBe('2026-12-19T15:00:00.000Z');
  });

  it('admits for at least a day after it was made, for a conference still live after its date', () => {
    expect(invitationExpiry('2026-11-20', '2026-12-05T10:00:00.000Z')).toBe('2026-12-06T10:00:00.000Z');
  });

  it('is asked for by name, agency, conference and access; its expiry is not the inviter’s to choose', () => {
    const body = { name: '山田', agency: '○○病院', conferenceId: 'c1' };
    expect(CreateInvitationBody.parse(body)).toEqual({ ...body, access: 'edit' });
    expect(CreateInvitationBody.safeParse({ ...body, expiresInHours: 72 }).success).toBe(false);
  });
});
