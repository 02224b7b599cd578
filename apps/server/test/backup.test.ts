import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../src/storage/open-store.ts';
import { adminOf, connectClient, createCase, eventually, type RunningServer, serverPerSuite } from './harness.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

describe('backing up the embedded database (pnpm backup)', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  /** Runs the command as an operator does, against the running server's data folder. */
  const backup = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/storage/backup-command.ts', ...args],
        { cwd: serverDir, env: { ...process.env, DATA_DIR: server.dataDir, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  // Three runs of the command, each a Node process loading it through tsx: seconds each on a loaded CI machine.
  it('copies every case while the server runs and edits go on; the copy opens as a store; each case’s trail says so; it never overwrites a file', { timeout: 90_000 }, async () => {
    const caseId = await createCase(server, 'バックアップ');
    const writer = await connectClient(server, caseId);
    const reader = await connectClient(server, caseId);
    appendSummaryParagraphs(writer.doc, ['バックアップ前の記載']);
    await eventually(() => expect(summaryPlainText(reader.doc)).toContain('バックアップ前の記載')); // relayed: stored

    const target = join(mkdtempSync(join(tmpdir(), 'care-backup-')), 'cases.sqlite');
    const typing = setInterval(() => appendSummaryParagraphs(writer.doc, ['バックアップ中の入力']), 5);
    const taken = await backup(['--to', target]);
    clearInterval(typing);
    expect(taken).toMatchObject({ code: 0, stderr: '' });
    expect(taken.stdout).toContain(`Backed up to ${target}: 1 case(s), 0 record(s).`);

    const copy = await openSqliteStore(target);
    try {
      const doc = new Y.Doc();
      for (const update of await copy.loadUpdates(caseId)) Y.applyUpdate(doc, update);
      expect(summaryPlainText(doc)).toContain('バックアップ前の記載');
    } finally {
      await copy.close();
    }
    [writer, reader].forEach((client) => client.destroy());
    // The case's trail says a copy of it was taken, by the command and who ran it on the server.
    const trail = (await (await (await adminOf(server)).request('GET', `/api/cases/${caseId}/audit`)).json()) as {
      entries: { action: string; actorName: string; actorAgency: string }[];
    };
    expect(trail.entries.filter((entry) => entry.action === 'backup')).toEqual([
      expect.objectContaining({ actorName: expect.stringMatching(/^backup（.+）$/), actorAgency: 'サーバーのコマンド' }),
    ]);

    const [again, onPostgres] = await Promise.all([
      backup(['--to', target]),
      backup(['--to', `${target}.2`], { DATABASE_URL: 'postgres://127.0.0.1/test' }),
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');
    expect(onPostgres.code).toBe(2);
    expect(onPostgres.stderr).toContain('pg_dump');
  });
});
