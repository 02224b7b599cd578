import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frameFuzzer } from './frame-fuzzer.ts';
import { adminOf, connectClient, createCase, eventually, type LogLine, rawSocket, removeDir, type RunningServer, startServer, type TestSession } from './harness.ts';
import { seededRandom, sized, withSeed } from './seeded.ts';

const FRAMES = sized(150, 5000);
/** A sync step 1 with an empty state vector: answered by a sync step 2, which the server sends only in answer to one. */
const SYNC_STEP1 = new Uint8Array([0, 0, 1, 0]);

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

/**
 * Sends one fuzzed frame on a fresh connection, then a sync step 1: the server either closes the
 * connection (bad frame) or answers the step 1 (frame accepted, connection still fine). (Not a
 * query-awareness: a joining connection may be sent others' presence before its frames are read,
 * e.g. that of the previous connection, if it announced some and is still leaving.)
 */
async function tryFrame(target: RunningServer, caseId: string, frame: Uint8Array, as: TestSession) {
  const raw = await rawSocket(target, caseId, as);
  await raw.opened;
  const answered = new Promise<'answered'>((resolve) => {
    raw.socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve('answered'));
  });
  raw.socket.send(frame);
  raw.socket.send(SYNC_STEP1);
  const outcome = await Promise.race([answered, raw.closed]);
  if (outcome === 'answered') {
    raw.socket.close();
    await raw.closed;
  }
  return outcome;
}

it(`survives ${FRAMES} random and mutated frames: bad ones close only their connection, nothing is corrupted`, { timeout: sized(60_000, 600_000) }, async () => {
  const random = seededRandom();
  await withSeed(random, async () => {
    const logs: LogLine[] = [];
    server = await startServer({ env: { MAX_MESSAGE_BYTES: '65536', LOG_LEVEL: 'warn' }, logTo: logs });
    const fuzzed = await createCase(server, 'ファズ対象');
    const other = await createCase(server, '別のケース');
    const bystander = await connectClient(server, fuzzed);
    const bystanderClosed: number[] = [];
    bystander.provider.on('connection-close', (event) => event && bystanderClosed.push(event.code));
    const typist = await connectClient(server, other);

    // As an administrator, whom the conference write guard lets through: the frames meet the
    // server's own checks, not the role rules.
    const fuzzing = await adminOf(server);
    const fuzzer = frameFuzzer(random);
    const closes: { code: number; reason: string }[] = [];
    let accepted = 0;
    const typed: string[] = [];
    for (let i = 0; i < FRAMES; i++) {
      const outcome = await tryFrame(server, fuzzed, fuzzer.next(), fuzzing);
      if (outcome === 'answered') accepted++;
      else closes.push(outcome);
      if (i % 10 === 0) {
        typed.push(`行${i}`);
        appendSummaryParagraphs(typist.doc, [`行${i}`]);
      }
    }

    // Every refusal is a protocol error (1007, with a reason) or an oversized frame (1009): never a server error.
    expect(closes.length).toBeGreaterThan(FRAMES / 2);
    expect(accepted).toBeGreaterThan(0);
    for (const close of closes) {
      expect([1007, 1009]).toContain(close.code);
      if (close.code === 1007) expect(close.reason).not.toBe('');
    }
    // Each refusal is in the server's log with its reason; nothing was logged as a server error.
    const logged = logs.filter((line) => line.level === 40);
    const loggedReasons = logged.filter((line) => line.msg === 'closing connection after a malformed message').map((line) => line.reason!.slice(0, 120));
    expect(loggedReasons.toSorted()).toEqual(closes.filter((close) => close.code === 1007).map((close) => close.reason).toSorted());
    expect(logged.filter((line) => line.msg === 'websocket error')).toHaveLength(closes.filter((close) => close.code === 1009).length);
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);

    // Others were not disturbed: the bystander stayed connected and matches the server; the
    // typist's edits in the other case all arrived.
    expect(bystanderClosed).toEqual([]);
    const fresh = await connectClient(server, fuzzed);
    await eventually(() => expect(Y.encodeStateVector(bystander.doc)).toEqual(Y.encodeStateVector(fresh.doc)), 15_000);
    const liveText = summaryPlainText(fresh.doc);
    const reader = await connectClient(server, other);
    await eventually(() => expect(summaryPlainText(reader.doc)).toBe(typed.join('\n')), 15_000);
    for (const client of [bystander, fresh, typist, reader]) client.destroy();

    // The fuzzed case is stored intact: after a restart it loads to exactly what was live.
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    const reloaded = await connectClient(server, fuzzed);
    expect(summaryPlainText(reloaded.doc)).toBe(liveText);
    reloaded.destroy();
  });
});
