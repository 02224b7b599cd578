import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeIssues } from '@care/schema';

const port = z.coerce.number().int().min(0).max(65535);

/** A yes/no setting: true/false or 1/0. */
const flag = z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).transform((v) => v === 'true' || v === '1');

/** An optional URL whose scheme must be one of `schemes` (an empty value counts as unset). */
const urlWithScheme = (schemes: string[], example: string) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .url({ protocol: new RegExp(`^(${schemes.join('|')})$`), error: `must be a URL like ${example}` })
      .optional(),
  );

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
  /**
   * Case connections one person (an account, or a guest's session) may have open on one server
   * process at once (each open case page has one: many tabs and cases fit); more are closed with 4429.
   */
  CONNECTIONS_PER_PERSON: z.coerce.number().int().min(1).default(32),
  /** A case doc with no connection is compacted and unloaded after this long. */
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * After a conference closes, its 検討内容 still takes, for this long, what was typed before the
   * close reached the typist's browser; its record is taken once twice this has passed.
   */
  // A kana-to-kanji conversion open at the close keeps the close from its writer's screen until it
  // is confirmed (composition-wait.ts), which takes a few seconds: its words still go in.
  CLOSING_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Fold the update log into a snapshot after this many updates to a loaded case. */
  COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
  /**
   * SQLite only: `full` fsyncs after every commit before acknowledging it (an acknowledged edit
   * survives power loss); `normal` fsyncs at checkpoints only (it survives a crash of the
   * process, not of the machine). Either way an edit is relayed once committed, before the fsync.
   */
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL instead of the embedded SQLite file; needed to run several server processes. */
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql'], 'postgres://user@127.0.0.1:5432/care'),
  /** Redis that relays edits and presence between server processes sharing DATABASE_URL. */
  REDIS_URL: urlWithScheme(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
  /** Prefix of this deployment's Redis channels, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits and _ : . - only (at most 64)').default('care'),
  /** With Redis: each open case also catches up from the database this often (Redis pub/sub may drop messages). */
  CATCH_UP_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** Behind TLS in production: cookies get Secure (and the __Host- prefix), HSTS is sent. */
  COOKIE_SECURE: flag.default(false),
  /** Trust X-Forwarded-* from a reverse proxy in front (for client addresses in rate limits and logs). */
  TRUST_PROXY: flag.default(false),
  /** A session unused this long ends (minutes; fractions allowed, for tests). */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  /** A session ends this long after sign-in however active (hours; fractions allowed, for tests). */
  SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  /** A password an administrator sets lets its holder choose their own for this many days (fractions allowed, for tests). */
  TEMPORARY_PASSWORD_DAYS: z.coerce.number().positive().default(14),
  /** Failed sign-ins allowed on one login per window (then it is refused, even with the right password, until the window ends). */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins (and invitation links that admit no one) allowed from one client address per window. */
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** The window those failures are counted in (minutes; fractions allowed, for tests). */
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** One person's edits of a case from one address are audited at most once per this many minutes, over any of their connections from there (the first edit always). */
  AUDIT_EDIT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** The most records the timeline lists at once, newest first (a keyword search too): it says when older ones are left out. */
  TIMELINE_LIMIT: z.coerce.number().int().min(1).default(500),
  /** The most entries one CSV export of an audit trail holds (a file for people, not a database copy). */
  AUDIT_EXPORT_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
}).refine((config) => !config.REDIS_URL || config.DATABASE_URL, {
  path: ['REDIS_URL'],
  message: 'needs DATABASE_URL too: processes relaying through Redis must share one PostgreSQL database',
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
