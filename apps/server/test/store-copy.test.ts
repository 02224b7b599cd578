import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { type AccountAuditEntry, type AuditEntry, ConferenceRecord, ConferenceRecordList } from '@care/schema';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { adminOf, connectClient, createCase, editorOf, eventually, removeDir, type RunningServer, signIn, startServer, type TestSession } from './harness.ts';
import { call, saveVersion } from './records-api.ts';
import { createTestSchema, probePostgres, warnSkipped } from './services.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const missing = warnSkipped('moving the embedded store into PostgreSQL (store:copy)', await probePostgres());

/** Runs the command as an operator does, with the server stopped. */
const storeCopy = (env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/storage/store-copy-command.ts'], { cwd: serverDir, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });

async function caseText(server: RunningServer, caseId: string, as: TestSession): Promise<string> {
  const client = await connectClient(server, caseId, as);
  const text = summaryPlainText(client.doc);
  client.destroy();
  return text;
}

const caseTrail = async (server: RunningServer, caseId: string, as: TestSession) =>
  ((await (await as.request('GET', `/api/cases/${caseId}/audit`)).json()) as { entries: AuditEntry[] }).entries;
const accountTrail = async (as: TestSession) => ((await (await as.request('GET', '/api/account-audit')).json()) as { entries: AccountAuditEntry[] }).entries;

describe.skipIf(missing)('moving the embedded store into PostgreSQL (pnpm store:copy)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  // Two runs of the command and two servers: seconds each on a loaded CI machine.
  it('copies cases (snapshot and log), records, accounts and trails; a server on PostgreSQL reads them and goes on; a second copy is refused', { timeout: 120_000 }, async () => {
    const embedded = await startServer();
    cleanups.push(() => removeDir(embedded.dataDir));
    const admin = (await adminOf(embedded)) as TestSession & { login: string };
    const compacted = await createCase(embedded, '圧縮されたケース');
    const logged = await createCase(embedded, '記録のあるケース');
    const writer = await connectClient(embedded, compacted, admin);
    appendSummaryParagraphs(writer.doc, ['圧縮前の一行', '圧縮前の二行']);
    await eventually(async () => expect(await embedded.store.loadUpdates(compacted)).not.toHaveLength(0));
    await embedded.store.compact(compacted);
    expect(await embedded.store.loadUpdates(compacted)).toHaveLength(1); // the snapshot
    appendSummaryParagraphs(writer.doc, ['圧縮後の一行']);
    await eventually(async () => expect(await embedded.store.loadUpdates(compacted)).toHaveLength(2)); // and an update after it
    const other = await connectClient(embedded, logged, admin);
    appendSummaryParagraphs(other.doc, ['記録に残る記載']);
    const record = await saveVersion(embedded, logged, '第1回');
    appendSummaryParagraphs(other.doc, ['記録の後の記載']);
    const editor = await editorOf(embedded, logged);
    const before = {
      compacted: await caseText(embedded, compacted, admin),
      logged: await caseText(embedded, logged, admin),
      record: await call(embedded, ConferenceRecord, `/api/cases/${logged}/records/${record.id}`),
      caseTrail: await caseTrail(embedded, logged, admin),
      accountTrail: await accountTrail(admin),
    };
    expect(before.compacted).toBe('圧縮前の一行\n圧縮前の二行\n圧縮後の一行');
    [writer, other].forEach((client) => client.destroy());
    await embedded.stop();

    const schema = await createTestSchema();
    cleanups.push(schema.drop);
    const copied = await storeCopy({ DATA_DIR: embedded.dataDir, DATABASE_URL: schema.url });
    expect(copied).toMatchObject({ code: 0, stderr: '' });
    expect(copied.stdout).toContain('cases 2');

    const scaled = await startServer({ env: { DATABASE_URL: schema.url } });
    cleanups.push(async () => {
      await scaled.stop();
      removeDir(scaled.dataDir);
    });
    const adminThere = await signIn(scaled, admin.login); // its account, its password; a new account trail row after the copied ones
    await signIn(scaled, editor.login!);
    expect(await caseText(scaled, compacted, adminThere)).toBe(before.compacted);
    expect(await caseText(scaled, logged, adminThere)).toBe(before.logged);
    expect(await call(scaled, ConferenceRecordList, `/api/cases/${logged}/records`, { as: adminThere })).toMatchObject({ records: [expect.objectContaining({ id: record.id, label: '第1回' })] });
    const recordThere = await call(scaled, ConferenceRecord, `/api/cases/${logged}/records/${record.id}`, { as: adminThere });
    expect(recordThere).toEqual(before.record);
    expect(recordThere.hashVerified).toBe(true);
    expect(await caseTrail(scaled, logged, adminThere)).toEqual(expect.arrayContaining(before.caseTrail));
    const accountTrailThere = await accountTrail(adminThere);
    expect(accountTrailThere).toEqual(expect.arrayContaining(before.accountTrail));
    expect(accountTrailThere.filter((entry) => entry.action === 'copy-store')).toEqual([
      expect.objectContaining({ actorName: expect.stringMatching(/^store:copy（.+）$/), actorAgency: 'サーバーのコマンド' }),
    ]);
    // Edits go on there, after what was copied.
    const writerThere = await connectClient(scaled, compacted, adminThere);
    appendSummaryParagraphs(writerThere.doc, ['移行後の一行']);
    await eventually(async () => expect(await caseText(scaled, compacted, adminThere)).toBe(`${before.compacted}\n移行後の一行`));
    writerThere.destroy();

    const again = await storeCopy({ DATA_DIR: embedded.dataDir, DATABASE_URL: schema.url });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is not empty');
    expect(await caseText(scaled, compacted, adminThere)).toBe(`${before.compacted}\n移行後の一行`);
  });
});
