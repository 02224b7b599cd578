import type { Account, CaseMember } from '@care/schema';
import { expect, it } from 'vitest';
import { agencyAccessNote } from '../src/access/agency-access.ts';

const at = '2026-12-01T00:00:00.000Z';
const tanaka = { id: 'user-tanaka', agencyId: 'agency-minsei' } as Account;
const member = (fields: Partial<CaseMember>): CaseMember => ({ id: 'm', agencyId: null, userId: null, label: '', access: 'read', inactive: false, createdAt: at, ...fields });
const own = member({ id: 'm1', userId: tanaka.id, label: '田中', access: 'read' });
const agency = (access: CaseMember['access'], inactive = false) => member({ id: 'm2', agencyId: 'agency-minsei', label: '民生委員協議会', access, inactive });

it("says when a person's agency is granted as much as their own grant or more, which they then have", () => {
  expect(agencyAccessNote(own, [own, agency('edit')], [tanaka])).toBe('所属機関（民生委員協議会）の権限で編集できます');
  expect(agencyAccessNote(own, [own, agency('read')], [tanaka])).toBe('所属機関（民生委員協議会）の権限で閲覧できます');
});

it('says nothing when their own grant is what they have', () => {
  expect(agencyAccessNote({ ...own, access: 'edit' }, [own, agency('read')], [tanaka])).toBeUndefined();
  expect(agencyAccessNote(own, [own], [tanaka])).toBeUndefined();
  expect(agencyAccessNote(own, [own, agency('edit', true)], [tanaka])).toBeUndefined(); // a disabled agency lets no one in
  expect(agencyAccessNote(agency('edit'), [own, agency('edit')], [tanaka])).toBeUndefined();
});
