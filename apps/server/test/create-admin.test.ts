import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { removeDir, signIn, startServer } from './harness.ts';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** The first-run command, as `pnpm --filter @care/server admin:create` runs it. */
function adminCreate(dataDir: string, password: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/accounts/create-admin.ts', ...args], {
    cwd: serverDir,
    env: { ...process.env, DATA_DIR: dataDir, CARE_ADMIN_PASSWORD: password },
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}

// Three runs of the command, each a Node process loading the server's code through tsx, then a
// server: under CI load (the e2e suite beside this one) a run took 15 s and the test over 60 s.
it('admin:create makes the first administrator, who can then sign in; bad input is refused', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'care-admin-'));
  try {
    const weak = await adminCreate(dataDir, 'short', '--login', 'first-admin', '--name', '管理者', '--agency', '高齢福祉課');
    expect(weak).toMatchObject({ code: 2, output: expect.stringContaining('--password: 12文字以上にしてください') });

    const password = 'a long enough passphrase';
    const args = ['--', '--login', 'first-admin', '--name', '管理者', '--agency', '高齢福祉課'];
    expect(await adminCreate(dataDir, password, ...args)).toMatchObject({ code: 0, output: expect.stringContaining('Created administrator first-admin') });
    expect(await adminCreate(dataDir, password, ...args)).toMatchObject({ code: 2, output: expect.stringContaining('すでに使われています') });

    const server = await startServer({ dataDir });
    try {
      const admin = await signIn(server, 'first-admin', password);
      expect(admin).toMatchObject({ name: '管理者', agency: '高齢福祉課', role: 'admin' });
      // The trail says the command made it (once: the refused second run left nothing), then they signed in.
      const trail = (await (await admin.request('GET', '/api/account-audit')).json()) as { entries: object[] };
      expect(trail.entries).toMatchObject([
        { actorName: '管理者', action: 'sign-in', address: '127.0.0.1' },
        { actorId: 'admin:create', address: null, action: 'create-account', subjectName: '管理者（first-admin）', changes: [{ field: 'agency', from: '', to: '高齢福祉課' }, { field: 'role', from: '', to: 'admin' }] },
      ]);
    } finally {
      await server.stop();
    }
  } finally {
    removeDir(dataDir);
  }
});
