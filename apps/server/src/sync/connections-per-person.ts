import { type Principal, personOf } from '../access/principal.ts';

/**
 * The case connections each person (an account, or a guest's session) has open on this process,
 * up to a cap: one account opening thousands would have the process hold a socket, a peer and
 * its buffers for each. Counted per process: with several processes, a person may have up to the
 * cap on each.
 */
export class ConnectionsPerPerson {
  private readonly counts = new Map<string, number>();

  constructor(private readonly cap: number) {}

  /** Counts one more connection of `principal`'s; returns how to stop counting it (once), or undefined when the cap is reached. */
  take(principal: Principal): (() => void) | undefined {
    const person = personOf(principal);
    const count = this.counts.get(person) ?? 0;
    if (count >= this.cap) return undefined;
    this.counts.set(person, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.counts.get(person)! - 1;
      if (left === 0) this.counts.delete(person);
      else this.counts.set(person, left);
    };
  }
}
