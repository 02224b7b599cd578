import type { AttemptCounter } from './attempt-counter.ts';
import { TooManyAttemptsError } from './errors.ts';

export type FailureLimits = {
  /** Failures allowed on one login (whoever tries it, from wherever) per window. */
  perAccount: number;
  /** Failures allowed from one client address (on any login, or invitation link) per window. */
  perAddress: number;
  windowMs: number;
};

/**
 * Failed sign-ins (a wrong password, an invitation link that admits no one), counted per login and
 * per client address in fixed windows. Only failures count: the staff of a city hall, who all
 * reach the server through one proxy address, sign in at nine without using up anyone's tries.
 * Once either count is spent, sign-ins for that login, or from that address, are refused until
 * the window ends — before any password is checked, so the right one is refused too, and no
 * password hashing is spent on a flood of guesses.
 */
export class FailedSignIns {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly limits: FailureLimits,
  ) {}

  /** Throws TooManyAttemptsError when this login or this address has failed too often lately. */
  async refuseIfSpent({ address, login }: { address: string; login?: string }): Promise<void> {
    const [byAddress, byLogin] = await Promise.all([
      this.counter.peek(addressKey(address)),
      login === undefined ? undefined : this.counter.peek(loginKey(login)),
    ]);
    const spent = [
      byLogin && byLogin.count >= this.limits.perAccount && byLogin,
      byAddress.count >= this.limits.perAddress && byAddress,
    ].filter((attempts) => !!attempts);
    if (spent.length === 0) return;
    const waitMs = Math.max(...spent.map((attempts) => attempts.resetInMs));
    throw new TooManyAttemptsError(`Too many failed attempts: try again in ${Math.ceil(waitMs / 60_000)} minutes`, Math.ceil(waitMs / 1000));
  }

  async failed({ address, login }: { address: string; login?: string }): Promise<void> {
    await Promise.all([
      this.counter.add(addressKey(address), this.limits.windowMs),
      login === undefined ? undefined : this.counter.add(loginKey(login), this.limits.windowMs),
    ]);
  }
}

const addressKey = (address: string) => `failed:address:${address}`;
const loginKey = (login: string) => `failed:login:${login}`;
