/**
 * How a case room reaches the same case's rooms in other server processes. A room publishes
 * what its own peers sent (after the store has committed it); it receives what other processes'
 * peers sent and relays it to its own peers, never back out.
 */
export interface Fanout {
  /** Tells the other processes' rooms of this case. Fire and forget: storage already has the update. */
  publish(caseId: string, kind: 'update' | 'awareness', payload: Uint8Array): void;
  /** Starts delivering other processes' messages for the case to the room, until closed. */
  subscribe(caseId: string, room: FanoutListener): Promise<Subscription>;
  /** Tells every other process something that concerns them all (not one case): access ended, re-check your connections. */
  announce(notice: string): void;
  /** Receives the other processes' announcements (one listener). */
  onAnnouncement(listener: AnnouncementListener): void;
  close(): Promise<void>;
}

export interface AnnouncementListener {
  receive(notice: string): void;
  /** Announcements may have been missed (the connection to the other processes came back). */
  missed(): void;
}

export type Subscription = { close(): Promise<void> };

/** What a room does with messages from other processes. */
export interface FanoutListener {
  applyRemoteUpdate(update: Uint8Array): void;
  applyRemoteAwareness(update: Uint8Array): void;
  /** The presence of this process's own peers (for a process that just opened the case), if any. */
  localAwareness(): Uint8Array | undefined;
  /** Messages may have been missed: bring the doc up to date from storage. */
  catchUp(): Promise<void>;
}

/** One process: nobody else to tell. */
export const localOnly: Fanout = {
  publish() {},
  subscribe: async () => ({ close: async () => {} }),
  announce() {},
  onAnnouncement() {},
  close: async () => {},
};
