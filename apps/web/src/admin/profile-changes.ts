import type { Account, UpdateUserBody } from '@care/schema';

/** The fields an account's 編集 form changes. */
export type Profile = Pick<Account, 'name' | 'agencyId' | 'role'>;

/**
 * What an account's 編集 changed of the profile it started from: only that is sent. Sent whole, a
 * form opened before another administrator moved the account (人事異動) put it back in its old
 * agency when its name was corrected, and correcting the name of someone whose agency is disabled
 * was refused, as if they were being given to that agency.
 */
export function profileChanges(shown: Profile, edited: Profile): Pick<UpdateUserBody, keyof Profile> {
  return Object.fromEntries((['name', 'agencyId', 'role'] as const).filter((field) => edited[field] !== shown[field]).map((field) => [field, edited[field]]));
}
