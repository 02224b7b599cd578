import type { Account } from '@care/schema';

/**
 * An account as a list to pick from names it: name, agency and login. Two people of one name may
 * work at one agency (a common name, or after 人事異動); only the login tells them apart.
 */
export const accountLabel = ({ name, agency, login }: Pick<Account, 'name' | 'agency' | 'login'>): string => `${name}（${agency}・${login}）`;
