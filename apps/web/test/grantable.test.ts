import type { Account, AgencyAccount } from '@care/schema';
import { expect, it } from 'vitest';
import { grantable } from '../src/access/grantable.ts';

const agency = (id: string, disabled = false) => ({ id, name: id, disabled }) as AgencyAccount;
const account = (id: string, agencyId: string, disabled = false) => ({ id, agencyId, disabled }) as Account;

it('offers no disabled agency, no disabled account, and no account of a disabled agency', () => {
  const agencies = [agency('open'), agency('closed', true)];
  const users = [account('sato', 'open'), account('left', 'open', true), account('suzuki', 'closed')];
  const offered = grantable(agencies, users);
  expect(offered.agencies.map((a) => a.id)).toEqual(['open']);
  expect(offered.users.map((u) => u.id)).toEqual(['sato']);
});
