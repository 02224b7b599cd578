import { type AccessLevel, type Account, type CaseMember, higherAccess } from '@care/schema';

const CAN: Record<AccessLevel, string> = { read: '閲覧できます', edit: '編集できます' };

/**
 * What a person's own membership leaves unsaid: access is the highest a person is granted, so one
 * whose agency is granted more (編集 over their own 閲覧のみ) has that, and keeps their agency's
 * access when their own is taken away. Undefined when their own grant is what they have.
 */
export function agencyAccessNote(member: CaseMember, members: readonly CaseMember[], users: readonly Account[]): string | undefined {
  if (!member.userId) return undefined;
  const agencyId = users.find((user) => user.id === member.userId)?.agencyId;
  const agencyGrant = members.find((other) => other.agencyId !== null && other.agencyId === agencyId && !other.inactive);
  if (!agencyGrant || higherAccess(member.access, agencyGrant.access) !== agencyGrant.access) return undefined;
  return `所属機関（${agencyGrant.label}）の権限で${CAN[agencyGrant.access]}`;
}
