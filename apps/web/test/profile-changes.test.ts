import { expect, it } from 'vitest';
import { profileChanges } from '../src/admin/profile-changes.ts';

const shown = { name: '鈴木一郎', agencyId: 'agency-kita', role: 'staff' as const };

it('sends only what the 編集 form changed, so a move made meanwhile by another administrator is not undone by a name corrected from a stale list', () => {
  expect(profileChanges(shown, { ...shown, name: '鈴木 一郎' })).toEqual({ name: '鈴木 一郎' });
  expect(profileChanges(shown, { ...shown, agencyId: 'agency-minami', role: 'coordinator' })).toEqual({ agencyId: 'agency-minami', role: 'coordinator' });
});

it('sends no agency when it is kept, so the name of someone whose agency is disabled can still be corrected', () => {
  expect(profileChanges(shown, shown)).toEqual({});
  expect(profileChanges(shown, { ...shown, role: 'coordinator' })).not.toHaveProperty('agencyId');
});
