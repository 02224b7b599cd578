import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { appendSummaryParagraphs, summaryLines } from '@care/case-doc';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, createCase, eventually, type LogLine, removeDir, type RunningServer, startServer, type TestClient } from './harness.ts';
import { seededRandom, sized, withSeed } from './seeded.ts';

const CASES = sized(20, 100);
const CLIENTS_PER_CASE = 5;
const TYPING_MS = sized(2_000, 60_000);
/** A first, shorter wave pays the one-time costs (compiled code, caches) before memory is compared. */
const WARM_UP_MS = sized(1_000, 10_000);

/** Collects garbage for real (this test measures what is left after everyone has gone). */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapAfterGc = async () => {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await sleep(50);
  }
  return process.memoryUsage().heapUsed;
};

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

/** The summary lines a wave typed into a doc, sorted. */
const linesOfWave = (doc: Y.Doc, wave: string) => summaryLines(doc).filter((line) => line.startsWith(`${wave}-`)).toSorted();

type Participant = { caseId: string; client: TestClient; typed: string[]; closes: number[] };

it(
  `${CASES * CLIENTS_PER_CASE} clients editing ${CASES} cases for ${TYPING_MS / 1000} s on one process: no errors, all converge, then every case unloads and memory returns`,
  { timeout: WARM_UP_MS + TYPING_MS + 180_000 },
  async () => {
    const random = seededRandom();
    await withSeed(random, async () => {
      const logs: LogLine[] = [];
      server = await startServer({ env: { IDLE_UNLOAD_MS: '100', LOG_LEVEL: 'warn' }, logTo: logs });
      const caseIds = await Promise.all(Array.from({ length: CASES }, (_, i) => createCase(server!, `負荷${i}`)));

      /**
       * One wave: everyone joins, types for `typingMs`, waits until saved, checks convergence and
       * leaves. Resolves with the heap in use while everyone was still there.
       */
      const wave = async (name: string, typingMs: number) => {
        const participants: Participant[] = await Promise.all(
          caseIds.flatMap((caseId) =>
            Array.from({ length: CLIENTS_PER_CASE }, async () => {
              const participant: Participant = { caseId, client: await connectClient(server!, caseId), typed: [], closes: [] };
              participant.client.provider.on('connection-close', (event) => participant.closes.push(event?.code ?? 0));
              return participant;
            }),
          ),
        );
        const typingUntil = Date.now() + typingMs;
        await Promise.all(
          participants.map(async (participant, index) => {
            for (let n = 0; Date.now() < typingUntil; n++) {
              const line = `${name}-${index}-${n}`;
              appendSummaryParagraphs(participant.client.doc, [line]);
              participant.typed.push(line);
              await sleep(random.int(200, 1200));
            }
          }),
        );
        await Promise.all(participants.map((participant) => participant.client.saves.whenSaved()));

        // Every client of a case ends with every line typed into it.
        for (const caseId of caseIds) {
          const here = participants.filter((participant) => participant.caseId === caseId);
          const all = here.flatMap((participant) => participant.typed).toSorted();
          await eventually(() => {
            for (const { client } of here) expect(linesOfWave(client.doc, name)).toEqual(all);
          }, 30_000);
        }
        expect(participants.flatMap((participant) => participant.closes)).toEqual([]);
        const live = await heapAfterGc();
        for (const { client } of participants) client.destroy();
        // Idle cases are unloaded once everyone has left, each folded into one stored snapshot that holds every line.
        await eventually(() => {
          expect(server!.app.websocketServer.clients.size).toBe(0);
          expect(server!.app.rooms.loadedCount).toBe(0);
        }, 30_000);
        for (const caseId of caseIds) {
          await eventually(async () => expect(await server!.store.loadUpdates(caseId)).toHaveLength(1), 30_000);
          const stored = new Y.Doc();
          Y.applyUpdate(stored, (await server!.store.loadUpdates(caseId))[0]!);
          const typed = participants.filter((participant) => participant.caseId === caseId).flatMap((participant) => participant.typed);
          expect(linesOfWave(stored, name)).toEqual(typed.toSorted());
        }
        return live;
      };

      await wave('warm-up', WARM_UP_MS);
      const before = await heapAfterGc();
      const live = await wave('load', TYPING_MS);
      const after = await heapAfterGc();
      // What the wave leaves behind once everyone has gone is small against what it held.
      expect(after - before).toBeLessThan((live - before) / 4);

      expect(logs.filter((line) => line.level >= 40)).toEqual([]);
    });
  },
);
