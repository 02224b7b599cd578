import { lookAlikeKey } from '@care/schema';
import type { AccountStore } from '../accounts/account-store.ts';
import type { AccountAudit } from '../audit/account-audit.ts';
import type { AttemptCounter } from './attempt-counter.ts';
import { TooManyAttemptsError } from './errors.ts';

export type FailureLimits = {
  /** Failures allowed on one login (whoever tries it, from wherever) per window. */
  perAccount: number;
  /** Failures allowed from one client address (on any login, or invitation link) per window. */
  perAddress: number;
  windowMs: number;
};

/** Whether the holder of this login has signed in from this address lately. */
export type KnownAddress = (login: string, address: string) => Promise<boolean>;

/** How long after a sign-in its address still counts as one its holder uses. */
const KNOWN_FOR_DAYS = 90;

/** Addresses known from the account trail, which records where each sign-in came from. */
export const addressesFromTrail =
  (accounts: Pick<AccountStore, 'getUserByLogin'>, trail: Pick<AccountAudit, 'signedInFrom'>): KnownAddress =>
  async (login, address) => {
    const account = await accounts.getUserByLogin(login);
    return account !== undefined && trail.signedInFrom(account.id, address, new Date(Date.now() - KNOWN_FOR_DAYS * 86_400_000));
  };

/**
 * Failed sign-ins (a wrong password, an invitation link that admits no one), counted per login and
 * per client address in fixed windows. Only failures count: the staff of a city hall, who all
 * reach the server through one proxy address, sign in at nine without using up anyone's tries.
 * Once either count is spent, sign-ins for that login, or from that address, are refused until
 * the window ends — before any password is checked, so the right one is refused too, and no
 * password hashing is spent on a flood of guesses. A spent login is still let in from where its
 * holder has signed in before (`knownAddress`), so guesses from elsewhere cannot lock them out of
 * their own office; guesses from there stay limited by that address's count.
 */
export class FailedSignIns {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly limits: FailureLimits,
    private readonly knownAddress: KnownAddress,
  ) {}

  /** Throws TooManyAttemptsError when this login (from an address its holder does not use) or this address has failed too often lately. */
  async refuseIfSpent({ address, login }: { address: string; login?: string }): Promise<void> {
    const [byAddress, byLogin] = await Promise.all([
      this.counter.peek(addressKey(address)),
      login === undefined ? undefined : this.counter.peek(loginKey(login)),
    ]);
    const loginSpent = login !== undefined && byLogin!.count >= this.limits.perAccount && !(await this.knownAddress(login, address));
    const spent = [loginSpent && byLogin, byAddress.count >= this.limits.perAddress && byAddress].filter((attempts) => !!attempts);
    if (spent.length === 0) return;
    const waitMs = Math.max(...spent.map((attempts) => attempts.resetInMs));
    throw new TooManyAttemptsError(`失敗が続いたため、${Math.ceil(waitMs / 60_000)}分後にもう一度お試しください`, Math.ceil(waitMs / 1000));
  }

  async failed({ address, login }: { address: string; login?: string }): Promise<void> {
    await Promise.all([
      this.counter.add(addressKey(address), this.limits.windowMs),
      login === undefined ? undefined : this.counter.add(loginKey(login), this.limits.windowMs),
    ]);
  }

  /** Until when this login is refused (from addresses its holder does not use); undefined while it is not. */
  async lockedUntil(login: string): Promise<Date | undefined> {
    const byLogin = await this.counter.peek(loginKey(login));
    return byLogin.count >= this.limits.perAccount ? new Date(Date.now() + byLogin.resetInMs) : undefined;
  }

  /**
   * An administrator reset this login's password: its failures are forgotten, so its holder signs
   * in at once with the new one (the count stands against guessing; a reset is an explicit act).
   * Its addresses' counts stand.
   */
  async forgiveLogin(login: string): Promise<void> {
    await this.counter.forget(loginKey(login));
  }
}

const addressKey = (address: string) => `failed:address:${address}`;
// By its look-alike key, as sign-in finds the account: TANAKA and tanaka are tries on one login.
const loginKey = (login: string) => `failed:login:${lookAlikeKey(login)}`;
