import type { Account, AgencyAccount } from '@care/schema';

/**
 * What アクセス管理 offers to give a case: enabled agencies, and enabled accounts whose agency is
 * enabled too (the server refuses the others with 409: they could not use it).
 */
export function grantable(agencies: readonly AgencyAccount[], users: readonly Account[]): { agencies: AgencyAccount[]; users: Account[] } {
  const enabled = agencies.filter((agency) => !agency.disabled);
  const enabledIds = new Set(enabled.map((agency) => agency.id));
  return { agencies: enabled, users: users.filter((user) => !user.disabled && enabledIds.has(user.agencyId)) };
}
