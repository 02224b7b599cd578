import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeIssues } from '@care/schema';

const port = z.coerce.number().int().min(0).max(65535);

/** Server settings, read from the environment and validated once at start-up. */
export const ServerConfig = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  /** Folder of the embedded SQLite database. */
  DATA_DIR: z.string().default('data'),
  /** Built web app to serve; the API alone is served when it has not been built. */
  WEB_DIST: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  /** Largest websocket frame accepted; larger ones close the connection with 1009. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  /** A case doc with no connection is compacted and unloaded after this long. */
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** Fold the update log into a snapshot after this many updates to a loaded case. */
  COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = ServerConfig.safeParse(env);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error).map((issue) => `  ${issue.path}: ${issue.message}`);
    throw new ConfigError(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DATA_DIR: resolve(parsed.data.DATA_DIR) };
}
