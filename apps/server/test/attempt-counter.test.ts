import { afterEach, describe, expect, it } from 'vitest';
import { type AttemptCounter, LocalAttemptCounter, RedisAttemptCounter } from '../src/http/attempt-counter.ts';
import { probeRedis, TEST_REDIS_URL, testRedisPrefix, warnSkipped } from './services.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const counters: AttemptCounter[] = [];
afterEach(async () => {
  await Promise.all(counters.splice(0).map((counter) => counter.close()));
});
const redisCounter = async (prefix: string, errors: string[] = []) => {
  const counter = await RedisAttemptCounter.connect(TEST_REDIS_URL, prefix, (_error, context) => errors.push(context));
  counters.push(counter);
  return counter;
};

describe('LocalAttemptCounter', () => {
  it('counts per key within a window, and starts again once it has ended', async () => {
    const counter = new LocalAttemptCounter();
    expect((await counter.add('a', 60_000)).count).toBe(1);
    expect((await counter.add('a', 60_000)).count).toBe(2);
    expect((await counter.add('b', 60_000)).count).toBe(1);
    expect((await counter.add('brief', 150)).count).toBe(1);
    await sleep(200);
    expect(await counter.add('brief', 150)).toMatchObject({ count: 1, resetInMs: 150 });
  });

  it('tells the count so far without adding to it', async () => {
    const counter = new LocalAttemptCounter();
    expect(await counter.peek('a')).toEqual({ count: 0, resetInMs: 0 });
    await counter.add('a', 60_000);
    await counter.add('a', 60_000);
    expect((await counter.peek('a')).count).toBe(2);
    expect((await counter.peek('a')).count).toBe(2);
    await counter.add('brief', 150);
    await sleep(200);
    expect(await counter.peek('brief')).toEqual({ count: 0, resetInMs: 0 });
  });

  it('keeps at most so many clients, forgetting the oldest first', async () => {
    const counter = new LocalAttemptCounter(3);
    for (const key of ['a', 'b', 'c', 'a', 'd']) await counter.add(key, 60_000);
    // 'a' (the oldest) made room for 'd': it starts again; 'b' and 'c' kept their counts.
    expect((await counter.add('b', 60_000)).count).toBe(2);
    expect((await counter.add('c', 60_000)).count).toBe(2);
    expect((await counter.add('a', 60_000)).count).toBe(1);
  });
});

const missing = warnSkipped('the attempt counter shared through Redis', await probeRedis());

describe.skipIf(missing)('RedisAttemptCounter', () => {
  it('shares one count between processes with the same prefix, in windows that end', async () => {
    const prefix = testRedisPrefix();
    const [a, b] = [await redisCounter(prefix), await redisCounter(prefix)];
    // A window long enough that no pause of a loaded machine ends it before the checks.
    expect((await a.add('client', 60_000)).count).toBe(1);
    expect((await b.add('client', 60_000)).count).toBe(2);
    const third = await a.add('client', 60_000);
    expect(third.count).toBe(3);
    expect(third.resetInMs).toBeGreaterThan(0);
    expect(third.resetInMs).toBeLessThanOrEqual(60_000);
    expect((await (await redisCounter(testRedisPrefix())).add('client', 60_000)).count).toBe(1); // another deployment's prefix
    expect((await b.peek('client')).count).toBe(3);
    expect((await b.peek('someone-else')).count).toBe(0);
    // A short window ends for every process sharing it.
    expect((await a.add('brief', 200)).count).toBe(1);
    await sleep(300);
    expect((await b.peek('brief')).count).toBe(0);
    expect((await b.add('brief', 200)).count).toBe(1);
  });

  it('counts in this process while Redis cannot be reached, and says why', async () => {
    const errors: string[] = [];
    const counter = await redisCounter(testRedisPrefix(), errors);
    expect((await counter.add('client', 60_000)).count).toBe(1);
    await counter.close(); // (as good as Redis going away)
    expect((await counter.add('client', 60_000)).count).toBe(1);
    expect((await counter.add('client', 60_000)).count).toBe(2);
    expect((await counter.peek('client')).count).toBe(2);
    expect(errors).toContain('counting an attempt in Redis (counted in this process instead)');
    expect(errors).toContain('reading attempts from Redis (read from this process instead)');
  });

  it('does not start without reaching Redis', async () => {
    await expect(RedisAttemptCounter.connect('redis://127.0.0.1:1', testRedisPrefix(), () => {})).rejects.toThrow();
  });
});
