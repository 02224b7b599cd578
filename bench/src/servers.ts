import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type Dialect, hocuspocusDialect, yWebsocketDialect } from './client.ts';
import { endWithBench, removeWithBench } from './ends-with-bench.ts';

export type ServerKind = 'ours' | 'y-websocket-server' | 'hocuspocus';

export type ServerSpec = {
  kind: ServerKind;
  /** Child entry point under ./servers. */
  entry: string;
  dialect: Dialect;
  wsBase(port: number): string;
  env(dataDir: string): Record<string, string>;
  /** Signs the bench in (only ours has accounts): headers for its HTTP calls and websockets. */
  signIn?(port: number): Promise<Record<string, string>>;
  /** Makes `count` cases the server will accept connections to (only ours needs them created). */
  createCases(port: number, count: number, headers: Record<string, string>): Promise<string[]>;
};

const anyNames = async (_port: number, count: number) =>
  Array.from({ length: count }, () => randomBytes(9).toString('base64url'));

/** The bench's account on our server (the child creates it, see servers/ours.ts); one password per bench run. */
const BENCH_PASSWORD = randomBytes(18).toString('base64url');

export const servers: Record<ServerKind, ServerSpec> = {
  ours: {
    kind: 'ours',
    entry: 'ours.ts',
    dialect: yWebsocketDialect,
    wsBase: (port) => `ws://127.0.0.1:${port}/ws/cases`,
    // Every bench client signs in as the one bench account.
    env: (dataDir) => ({ DATA_DIR: dataDir, BENCH_PASSWORD, CONNECTIONS_PER_PERSON: '100000' }),
    signIn: async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'bench', password: BENCH_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`signing the bench in failed: ${response.status}`);
      const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return { cookie, 'x-csrf-token': csrfToken };
    },
    createCases: async (port, count, headers) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const response = await fetch(`http://127.0.0.1:${port}/api/cases`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `ベンチマーク ${i + 1}` }),
        });
        if (response.status !== 201) throw new Error(`creating a case failed: ${response.status}`);
        ids.push(((await response.json()) as { id: string }).id);
      }
      return ids;
    },
  },
  'y-websocket-server': {
    kind: 'y-websocket-server',
    entry: 'y-websocket.ts',
    dialect: yWebsocketDialect,
    wsBase: (port) => `ws://127.0.0.1:${port}`,
    env: (dataDir) => ({ YPERSISTENCE: join(dataDir, 'leveldb') }),
    createCases: anyNames,
  },
  hocuspocus: {
    kind: 'hocuspocus',
    entry: 'hocuspocus.ts',
    dialect: hocuspocusDialect,
    wsBase: (port) => `ws://127.0.0.1:${port}`,
    env: (dataDir) => ({ DATA_DIR: dataDir }),
    createCases: anyNames,
  },
};

const allKinds = Object.keys(servers) as ServerKind[];
/** BENCH_SERVERS=ours,hocuspocus limits the websocket scenarios to some servers while developing. */
export const partialServers = process.env.BENCH_SERVERS?.split(',');
export const serverKinds = allKinds.filter((kind) => !partialServers || partialServers.includes(kind));

export type RunningServer = {
  spec: ServerSpec;
  port: number;
  wsBase: string;
  /** The spec's dialect, signed in. */
  dialect: Dialect;
  createCases(count: number): Promise<string[]>;
  child: ChildProcess;
  /** Resident set size of the server process, after a full GC in it. */
  rss(): Promise<number>;
  /** CPU time the server process has used so far, all its threads, user and system (ms). */
  cpuMs(): number;
  /** Graceful stop (flushes stores); `kill` skips that, e.g. to keep an uncompacted log. */
  stop(): Promise<void>;
  kill(): Promise<void>;
};

export function tempDir(label: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `care-bench-${label}-`));
  return { path, remove: removeWithBench(path) };
}

/** Starts one server in its own process, so its RSS is its own and it has a core to itself. */
export async function startServer(
  spec: ServerSpec,
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  // Whatever the previous measurement left in this process's heap is collected now, not in the
  // middle of this one (it would count against whichever server comes next).
  (globalThis as { gc?: () => void }).gc?.();
  const child = fork(new URL(`./servers/${spec.entry}`, import.meta.url), {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, ...spec.env(dataDir), ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  endWithBench(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (name: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const listening = async () => {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`${spec.kind} exited with ${code} before listening`)));
    });
    return { port, headers: (await spec.signIn?.(port)) ?? {} };
  };
  // Not started as the bench needs it (signing in failed): no caller has it to stop.
  const { port, headers } = await listening().catch(async (error: unknown) => {
    await signal('SIGKILL', 1_000);
    throw error;
  });
  return {
    spec,
    port,
    wsBase: spec.wsBase(port),
    dialect: { ...spec.dialect, headers },
    createCases: (count) => spec.createCases(port, count, headers),
    child,
    rss: async () => {
      await new Promise<void>((resolve) => {
        child.once('message', () => resolve());
        child.send({ cmd: 'gc' });
      });
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      return kb * 1024;
    },
    cpuMs: () => {
      // /proc/<pid>/stat: utime and stime (fields 14 and 15, in clock ticks of 10 ms), after the
      // parenthesised command name (which may itself hold spaces).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: () => signal('SIGTERM', 10_000),
    kill: () => signal('SIGKILL', 1_000),
  };
}
