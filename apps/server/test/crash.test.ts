import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { EditingRun } from './editing-run.ts';
import { seededRandom, sized, withSeed } from './seeded.ts';

/**
 * Each kill costs a server process start-up (loading its code: about 1.5 s of CPU), so the default
 * suite kills a few times, stopping early after TIME_CAP_MS on a busy machine; `pnpm test:stress` many times.
 */
const KILLS = sized(8, 200);
const TIME_CAP_MS = sized(15_000, 540_000);

it(
  `loses no acknowledged or relayed edit when the server process is killed (SIGKILL) mid-edit, up to ${KILLS} times`,
  { timeout: TIME_CAP_MS + 90_000 },
  async () => {
    const random = seededRandom();
    await withSeed(random, async () => {
      // Small compaction interval: kills also land while the log is being folded into a snapshot.
      const run = await EditingRun.start(random, { editors: sized(3, 5), env: { COMPACT_EVERY: '20' } });
      try {
        run.startTyping();
        const deadline = Date.now() + TIME_CAP_MS;
        for (let kill = 1; kill <= KILLS && Date.now() < deadline; kill++) {
          await run.reconnectEditors(); // what the server lacked is sent again; typing goes on
          await sleep(random.int(10, 400));
          expect(await run.server.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
          run.disconnectEditors();
          const expected = run.mustSurvive();

          await run.restart();
          expect(await run.missingOnServer(expected), `kill ${kill}: acknowledged or relayed edits missing after the restart`).toEqual([]);
        }

        // The editors kept everything the server had not acknowledged and sent it again: once all
        // of it is acknowledged, the case holds every edit anyone made, each exactly once.
        const { typed, stored } = await run.settle();
        expect(stored).toEqual(typed);
      } finally {
        await run.dispose();
      }
    });
  },
);
