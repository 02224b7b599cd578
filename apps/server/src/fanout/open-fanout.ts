import type { ServerConfig } from '../config.ts';
import { type Fanout, localOnly } from './fanout.ts';
import { RedisFanout } from './redis-fanout.ts';

/** Redis fan-out when REDIS_URL is set, else this process alone. */
export function openFanout(
  config: Pick<ServerConfig, 'REDIS_URL' | 'REDIS_PREFIX' | 'CATCH_UP_INTERVAL_MS'>,
  onError: (error: unknown, context: string) => void,
): Promise<Fanout> {
  if (!config.REDIS_URL) return Promise.resolve(localOnly);
  return RedisFanout.connect({
    url: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    catchUpIntervalMs: config.CATCH_UP_INTERVAL_MS,
    onError,
  });
}
