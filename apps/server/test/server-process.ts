import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccountStore, createAdministrator } from '../src/accounts/account-store.ts';
import { hashPassword } from '../src/accounts/password.ts';
import { openSqliteStore } from '../src/storage/open-store.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

export type ServerProcess = {
  port: number;
  httpUrl: string;
  wsUrl: string;
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output: () => string;
  /** Sends the signal (unless the process has already exited) and resolves with how it exited. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Runs the real entry point (`pnpm start` runs the same) as its own process, on a free port
 * unless env says PORT, and resolves once it logs that it is listening. Used by the multi-process
 * tests here and by the end-to-end tests.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServerProcess(env).listening;
}

/** A server process from the moment it is spawned: `stop` ends it whether or not it has come to listen. */
export type SpawnedServerProcess = { listening: Promise<ServerProcess>; stop: ServerProcess['stop'] };

/**
 * startServerProcess, for a caller that must be able to stop the process before it listens (a
 * test whose start of it failed or timed out).
 */
export function spawnServerProcess(env: Record<string, string>): SpawnedServerProcess {
  const { listening, stop } = spawnServer(['src/main.ts'], env);
  return { listening, stop };
}

/**
 * A server process that has loaded all its code but not started yet: `start()` runs the real
 * entry point in it. Loading the code is most of a start-up (seconds on a busy machine), so a
 * test that restarts the server many times prepares the next process while the current one runs.
 */
export function preparedServerProcess(env: Record<string, string>) {
  const spawned = spawnServer(['test/prepared-entry.ts'], env);
  return {
    start: (): Promise<ServerProcess> => {
      spawned.child.stdin!.end('start\n');
      return spawned.listening;
    },
    /** Ends it unstarted. */
    discard: async () => {
      spawned.listening.catch(() => {});
      spawned.child.kill('SIGKILL');
      await spawned.exited;
    },
  };
}

function spawnServer(entry: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], {
    cwd: serverDir,
    // (As startServer: tests stand in many people with one account.)
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', CONNECTIONS_PER_PERSON: '100000', ...env, DATA_DIR: env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'care-proc-')) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop: ServerProcess['stop'] = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const listening = new Promise<ServerProcess>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        const port = Number(match[1]);
        resolve({
          port,
          httpUrl: `http://127.0.0.1:${port}`,
          wsUrl: `ws://127.0.0.1:${port}/ws/cases`,
          child,
          output: () => output,
          stop,
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  return { child, listening, exited, stop };
}

/** What `admin:create` does, straight in a new data folder's database (spawning the command is slow under load). */
export async function createFirstAdmin(dataDir: string, admin: { login: string; password: string }): Promise<void> {
  const store = await openSqliteStore(join(dataDir, 'cases.sqlite'));
  try {
    await createAdministrator(new AccountStore(store.db), { login: admin.login, name: '管理者', agency: '高齢福祉課', passwordHash: await hashPassword(admin.password) });
  } finally {
    await store.close();
  }
}
