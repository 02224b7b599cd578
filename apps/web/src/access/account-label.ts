import { ACCESS_LABELS, type Account, type CaseMember, describeActor, type TrailGuest } from '@care/schema';
import { formatDate } from '../records/format.ts';

/**
 * An account as a list to pick from names it: name, agency and login. Two people of one name may
 * work at one agency (a common name, or after 人事異動); only the login tells them apart.
 */
export const accountLabel = ({ name, agency, login }: Pick<Account, 'name' | 'agency' | 'login'>): string => `${name}（${agency}・${login}）`;

/**
 * A case's member as アクセス管理 lists it, with how it is granted: an agency by its name; an
 * account also by its agency now and its login, as accountLabel. A person's own access stays
 * when they move to another agency (人事異動): the list shows them there, not as if still one of
 * the agency the case was given to; and two members of one name are told apart.
 */
export function memberLabel(member: CaseMember, users: readonly Account[]): string {
  const grant = `${member.agencyId ? '機関' : '個人'}・${ACCESS_LABELS[member.access]}${member.inactive ? '・無効' : ''}`;
  const account = users.find((user) => user.id === member.userId);
  return account ? `${account.name}（${account.agency}・${account.login}・${grant}）` : `${member.label}（${grant}）`;
}

/**
 * A guest as a list to pick from names them: marked invited as the trails show them (describeActor),
 * and told apart by their invitation's case and day, as a guest has no login.
 */
export const guestLabel = ({ id, name, agency, caseTitle, invitedAt }: TrailGuest): string =>
  `${describeActor({ actorId: id, actorName: name, actorAgency: agency })} ケース「${caseTitle}」${formatDate(invitedAt)}の招待`;
