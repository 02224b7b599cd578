import { Redis } from 'ioredis';

/** How many attempts a key (a client, on one route) has made in the current window, and when it ends. */
export type Attempts = { count: number; resetInMs: number };

/**
 * Counts sign-in attempts (and the like) in fixed windows. Kept in Redis when the server runs as
 * several processes, so that spreading guesses over them (a load balancer does it unasked) buys
 * no more of them than one process allows.
 */
export interface AttemptCounter {
  add(key: string, windowMs: number): Promise<Attempts>;
  /** The count so far in the key's current window, without adding to it (0 when it has none). */
  peek(key: string): Promise<Attempts>;
  /** Forgets the key's attempts: its window starts again with the next one. */
  forget(key: string): Promise<void>;
  close(): Promise<void>;
}

const NONE: Attempts = { count: 0, resetInMs: 0 };

/** This process's own count (one process, or while Redis cannot be reached). */
export class LocalAttemptCounter implements AttemptCounter {
  /** In the order their windows began, so the oldest go first when there are too many. */
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  /** `maxKeys` bounds the memory a flood of different clients can take (the oldest windows are forgotten first). */
  constructor(private readonly maxKeys = 100_000) {}

  async add(key: string, windowMs: number): Promise<Attempts> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.windows.delete(key);
      this.makeRoom(now);
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetInMs: window.endsAt - now };
  }

  async peek(key: string): Promise<Attempts> {
    const now = Date.now();
    const window = this.windows.get(key);
    return window && window.endsAt > now ? { count: window.count, resetInMs: window.endsAt - now } : NONE;
  }

  async forget(key: string): Promise<void> {
    this.windows.delete(key);
  }

  /**
   * Forgets windows from the oldest on while they have ended or there are too many. (They end in
   * the order they began, windows being the same length: the ended ones are at the front, so this
   * costs as little as what it forgets.)
   */
  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now && this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }

  async close(): Promise<void> {}
}

/**
 * The count in Redis, shared by every process with the same prefix. When Redis fails, each
 * process goes on counting on its own (still limited, if less strictly) rather than refusing
 * everyone or limiting no one.
 */
export class RedisAttemptCounter implements AttemptCounter {
  private readonly fallback = new LocalAttemptCounter();

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  /** Connected before the first attempt is counted; then a command fails at once while disconnected (a sign-in must not wait for Redis). */
  static async connect(url: string, prefix: string, onError: (error: unknown, context: string) => void): Promise<RedisAttemptCounter> {
    const redis = new Redis(url, { lazyConnect: true, connectionName: `${prefix}:attempts`, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    redis.on('error', (error) => onError(error, 'redis connection (attempt counter)'));
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    return new RedisAttemptCounter(redis, prefix, onError);
  }

  async add(key: string, windowMs: number): Promise<Attempts> {
    const stored = this.stored(key);
    try {
      // One transaction: the window starts (and will end) with its first attempt, whichever process counts it.
      const replies = await this.redis.multi().set(stored, 0, 'PX', windowMs, 'NX').incr(stored).pttl(stored).exec();
      const [count, ttl] = [replies?.[1]?.[1], replies?.[2]?.[1]];
      if (typeof count !== 'number' || typeof ttl !== 'number') throw new Error(`unexpected answer from Redis: ${JSON.stringify(replies)}`);
      return { count, resetInMs: Math.max(ttl, 0) };
    } catch (error) {
      this.onError(error, 'counting an attempt in Redis (counted in this process instead)');
      return this.fallback.add(key, windowMs);
    }
  }

  async peek(key: string): Promise<Attempts> {
    try {
      const stored = this.stored(key);
      const replies = await this.redis.multi().get(stored).pttl(stored).exec();
      const [count, ttl] = [replies?.[0]?.[1], replies?.[1]?.[1]];
      // No key (or one about to expire): no attempts in a window now.
      if (typeof count !== 'string' || typeof ttl !== 'number' || ttl <= 0) return NONE;
      return { count: Number(count), resetInMs: ttl };
    } catch (error) {
      this.onError(error, 'reading attempts from Redis (read from this process instead)');
      return this.fallback.peek(key);
    }
  }

  async forget(key: string): Promise<void> {
    await this.fallback.forget(key); // counted here while Redis was unreachable
    try {
      await this.redis.del(this.stored(key));
    } catch (error) {
      // Not forgotten then: they still end with their window, as they would have.
      this.onError(error, 'forgetting attempts in Redis (they end with their window)');
    }
  }

  private stored(key: string): string {
    return `${this.prefix}:attempts:${key}`;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
