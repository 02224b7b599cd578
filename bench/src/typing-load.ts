import * as prng from 'lib0/prng';
import { BenchClient } from './client.ts';
import type { RunningServer } from './servers.ts';
import { Latencies, sleep } from './stats.ts';
import { Typist } from './workload.ts';

type Member = { client: BenchClient; typist: Typist };
type Window = { start: number; latencies: Latencies; expected: number };

/**
 * Rooms of typists on one server: every keystroke is sent by one client and timed at every other
 * client of its room, all in this process on one monotonic clock (performance.now).
 */
export class TypingLoad {
  private readonly members: Member[] = [];
  /** clientID → clock → send time; identifies a receipt without decoding the update. */
  private readonly sendTimes = new Map<number, Map<number, number>>();
  private windows: Window[] = [];
  private next = 0;

  private constructor(private readonly perRoom: number) {}

  static async open(server: RunningServer, caseIds: string[], perRoom: number): Promise<TypingLoad> {
    const load = new TypingLoad(perRoom);
    for (const caseId of caseIds) {
      for (let i = 0; i < perRoom; i++) {
        const typist = new Typist();
        const client = new BenchClient(server.wsBase, caseId, server.dialect, () => typist.initialUpdate());
        client.onReceipt = ({ client: from, clock }) => load.onReceipt(typist, from, clock);
        load.members.push({ client, typist });
        load.sendTimes.set(typist.doc.clientID, new Map());
      }
    }
    // Connect in small batches: a real morning, not a SYN flood.
    for (let i = 0; i < load.members.length; i += 20) {
      await Promise.all(
        load.members.slice(i, i + 20).map(async ({ client, typist }) => {
          await client.opened;
          client.sendUpdate(typist.initialUpdate());
          await client.sync();
        }),
      );
    }
    load.order = shuffled(load.members.length);
    return load;
  }

  /** Who sends each next keystroke: every member in turn, in an order seeded like the moments. */
  private order: number[] = [];

  /**
   * Sends `rate` keystrokes per second for `durationMs`, spread over all members in turn, at
   * random moments as many independent typists make them (a Poisson process, the same sequence
   * for every server). On a fixed grid every keystroke would line up with any periodic work of a
   * server or of this process (a timer, a delayed fsync) and the figures would measure that
   * coincidence.
   */
  async drive(rate: number, durationMs: number): Promise<Window> {
    const window: Window = { start: performance.now(), latencies: new Latencies(), expected: 0 };
    this.windows.push(window);
    const random = prng.create(this.windows.length);
    const gapMs = () => (-Math.log(1 - prng.real53(random)) * 1000) / rate;
    const end = window.start + durationMs;
    let due = window.start + gapMs();
    await new Promise<void>((resolve) => {
      const sendWhatIsDue = () => {
        const now = performance.now();
        for (; due <= now && due < end; due += gapMs()) this.sendOne(window);
        if (due >= end) resolve();
        else setTimeout(sendWhatIsDue, due - now);
      };
      sendWhatIsDue();
    });
    // Let the tail arrive; what has not arrived after the grace period counts as lost.
    const deadline = performance.now() + 3000;
    while (window.latencies.count < window.expected && performance.now() < deadline) await sleep(25);
    window.latencies.lost = window.expected - window.latencies.count;
    return window;
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((member) => member.client.close()));
  }

  private sendOne(window: Window): void {
    const member = this.members[this.order[this.next++ % this.order.length]!]!;
    const { update, client, clock } = member.typist.type();
    this.sendTimes.get(client)!.set(clock, performance.now());
    member.client.sendUpdate(update);
    window.expected += this.perRoom - 1;
  }

  private onReceipt(receiver: Typist, from: number, clock: number): void {
    if (from === receiver.doc.clientID) return; // some servers echo to the sender
    const sentAt = this.sendTimes.get(from)?.get(clock);
    if (sentAt === undefined) return; // a paragraph created before measuring
    const window = this.windowOf(sentAt);
    window?.latencies.add(performance.now() - sentAt);
  }

  private windowOf(time: number): Window | undefined {
    for (let i = this.windows.length - 1; i >= 0; i--) if (this.windows[i]!.start <= time) return this.windows[i];
    return undefined;
  }
}

/** 0 … length − 1 in a random order, the same for every server. */
function shuffled(length: number): number[] {
  const random = prng.create(length);
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = prng.uint32(random, 0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
