import { type Account, describeActor, type TrailGuest } from '@care/schema';
import { formatDate } from '../records/format.ts';

/**
 * An account as a list to pick from names it: name, agency and login. Two people of one name may
 * work at one agency (a common name, or after 人事異動); only the login tells them apart.
 */
export const accountLabel = ({ name, agency, login }: Pick<Account, 'name' | 'agency' | 'login'>): string => `${name}（${agency}・${login}）`;

/**
 * A guest as a list to pick from names them: marked invited as the trails show them (describeActor),
 * and told apart by their invitation's case and day, as a guest has no login.
 */
export const guestLabel = ({ id, name, agency, caseTitle, invitedAt }: TrailGuest): string =>
  `${describeActor({ actorId: id, actorName: name, actorAgency: agency })} ケース「${caseTitle}」${formatDate(invitedAt)}の招待`;
