import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redactedUrl } from '../redacted-url.ts';
import type { AnnouncementListener, Fanout, FanoutListener, Subscription } from './fanout.ts';
import { decodeWire, encodeWire, type WireMessage } from './wire.ts';

export type RedisFanoutOptions = {
  url: string;
  /** Channel prefix: `${prefix}:case:${caseId}`, and `${prefix}:announcements`. */
  prefix: string;
  /** Every loaded case catches up from storage this often, whatever Redis did or did not deliver. */
  catchUpIntervalMs: number;
  onError: (error: unknown, context: string) => void;
};

export class FanoutError extends Error {}

type Channel = { caseId: string; room: FanoutListener; lastSeq: Map<string, number> };

/**
 * Fan-out through Redis pub/sub, one channel per case. Pub/sub is at most once, so it is only the
 * fast path: storage is the log of record (every update is committed before it is published),
 * and a room catches up from storage whenever it may have missed something — a gap in a
 * sender's sequence numbers, the subscriber connection coming back, and every
 * `catchUpIntervalMs` (which also covers a sender that died between commit and publish).
 * See docs/scale-out.md.
 */
export class RedisFanout implements Fanout {
  /** Tells this process's own messages apart when Redis echoes them back. */
  private readonly sender = randomUUID();
  private readonly channels = new Map<string, Channel>();
  /** Last sequence number this process published per case; kept for the process's lifetime. */
  private readonly published = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private announcements?: AnnouncementListener;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly options: RedisFanoutOptions,
  ) {
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel.toString(), message));
    // After a reconnect ioredis resubscribes, but whatever was published meanwhile is gone.
    sub.on('ready', () => {
      this.catchUpAll('redis subscriber reconnected');
      this.announcements?.missed();
    });
    for (const connection of [pub, sub]) connection.on('error', (error) => options.onError(error, 'redis connection'));
    this.timer = setInterval(() => this.catchUpAll('periodic catch-up'), options.catchUpIntervalMs);
    this.timer.unref();
  }

  static async connect(options: RedisFanoutOptions): Promise<RedisFanout> {
    const open = (role: string) => new Redis(options.url, { lazyConnect: true, connectionName: `${options.prefix}:${role}` });
    const pub = open('publish');
    const sub = open('subscribe');
    // Until connected, a connection's errors are why it failed (connect ECONNREFUSED …), which
    // the failed connect itself does not say (Connection is closed), nor, unheard, ioredis but noisily.
    let failure: Error | undefined;
    const noteFailure = (error: Error) => (failure ??= error);
    for (const connection of [pub, sub]) connection.on('error', noteFailure);
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      await sub.subscribe(announcementChannel(options.prefix));
    } catch (error) {
      pub.disconnect();
      sub.disconnect();
      throw new FanoutError(`cannot reach Redis at ${redactedUrl(options.url)}: ${(failure ?? (error as Error)).message}`);
    }
    for (const connection of [pub, sub]) connection.off('error', noteFailure);
    return new RedisFanout(pub, sub, options);
  }

  announce(notice: string): void {
    const message = encodeWire({ sender: this.sender, seq: 0, kind: 'announcement', payload: new TextEncoder().encode(notice) });
    this.pub
      .publish(announcementChannel(this.options.prefix), Buffer.from(message))
      .catch((error) => this.options.onError(error, 'announcing to the other processes'));
  }

  onAnnouncement(listener: AnnouncementListener): void {
    this.announcements = listener;
  }

  publish(caseId: string, kind: 'update' | 'awareness' | 'awareness-query', payload: Uint8Array): void {
    const seq = (this.published.get(caseId) ?? 0) + 1;
    this.published.set(caseId, seq);
    const message = encodeWire({ sender: this.sender, seq, kind, payload });
    this.pub
      .publish(this.channelOf(caseId), Buffer.from(message))
      .catch((error) => this.options.onError(error, `publishing to case ${caseId}`));
  }

  async subscribe(caseId: string, room: FanoutListener): Promise<Subscription> {
    const channel = this.channelOf(caseId);
    this.channels.set(channel, { caseId, room, lastSeq: new Map() });
    const subscribed = this.sub.subscribe(channel);
    // Normally wait, so nothing published after the room reads storage is missed. While Redis is
    // unreachable, do not hold the case hostage: the subscription goes out on reconnect,
    // followed by a catch-up of every open case.
    if (this.sub.status === 'ready') await subscribed;
    else subscribed.catch((error) => this.options.onError(error, `subscribing to case ${caseId}`));
    // Presence is not stored: ask the processes already editing this case who is there.
    this.publish(caseId, 'awareness-query', new Uint8Array());
    return {
      close: async () => {
        if (this.channels.get(channel)?.room !== room) return;
        this.channels.delete(channel);
        await this.sub.unsubscribe(channel);
      },
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.channels.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  private channelOf(caseId: string): string {
    return `${this.options.prefix}:case:${caseId}`;
  }

  private deliver(channelName: string, bytes: Buffer): void {
    const channel = this.channels.get(channelName);
    const isAnnouncement = channelName === announcementChannel(this.options.prefix);
    if (!channel && !isAnnouncement) return;
    let message: WireMessage;
    try {
      message = decodeWire(new Uint8Array(bytes));
    } catch (error) {
      this.options.onError(error, `undecodable fan-out message on ${channelName}`);
      return;
    }
    if (message.sender === this.sender) return;
    if (!channel) {
      this.announcements?.receive(new TextDecoder().decode(message.payload));
      return;
    }
    this.checkSequence(channel, message);
    try {
      this.dispatch(channel, message);
    } catch (error) {
      this.options.onError(error, `applying a fan-out message for case ${channel.caseId}`);
    }
  }

  private dispatch({ caseId, room }: Channel, message: WireMessage): void {
    switch (message.kind) {
      case 'update':
        return room.applyRemoteUpdate(message.payload);
      case 'awareness':
        return room.applyRemoteAwareness(message.payload);
      case 'awareness-query': {
        const presence = room.localAwareness();
        if (presence) this.publish(caseId, 'awareness', presence);
      }
    }
  }

  /** A sender's numbers for a case go up by one; a jump means Redis dropped something. */
  private checkSequence(channel: Channel, { sender, seq }: WireMessage): void {
    const last = channel.lastSeq.get(sender);
    channel.lastSeq.set(sender, seq);
    if (last !== undefined && seq !== last + 1) this.catchUp(channel, `missed messages from ${sender}`);
  }

  private catchUpAll(reason: string): void {
    for (const channel of this.channels.values()) this.catchUp(channel, reason);
  }

  private catchUp(channel: Channel, reason: string): void {
    channel.room.catchUp().catch((error) => this.options.onError(error, `catching up case ${channel.caseId} (${reason})`));
  }
}

const announcementChannel = (prefix: string) => `${prefix}:announcements`;
