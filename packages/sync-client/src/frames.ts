/** y-websocket frames start with a message type (0 = sync), then its subtype. */
export const MessageType = { sync: 0 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;
