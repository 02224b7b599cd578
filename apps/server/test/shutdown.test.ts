import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { openSqliteStore } from '../src/storage/open-store.ts';
import { EditingRun } from './editing-run.ts';
import { seededRandom, withSeed } from './seeded.ts';

/** The error-level lines (pino level ≥ 50) a server process printed. */
function loggedErrors(output: string): string[] {
  return output.split('\n').filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50;
    } catch {
      return false;
    }
  });
}

it('on SIGTERM the server stores what it has received, closes every socket with 1001 and a reason, compacts and exits 0', { timeout: 120_000 }, async () => {
  const random = seededRandom();
  await withSeed(random, async () => {
    const run = await EditingRun.start(random, { editors: 3 });
    try {
      run.startTyping();
      await sleep(random.int(100, 500));
      const closes = run.nextCloses();
      // Editors type on while the server shuts down: their last edits are in flight.
      expect(await run.server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(await closes).toEqual(Array.from({ length: 3 }, () => ({ code: 1001, reason: 'server shutting down' })));
      run.disconnectEditors();
      const expected = run.mustSurvive();
      expect(loggedErrors(run.server.output())).toEqual([]);

      // Compacted on the way out: the case is a single snapshot.
      const store = await openSqliteStore(join(run.dataDir, 'cases.sqlite'));
      expect(await store.loadUpdates(run.caseId)).toHaveLength(1);
      await store.close();

      await run.restart();
      expect(await run.missingOnServer(expected)).toEqual([]);

      // What was still in flight the editors send again: nothing is lost, nothing doubled.
      const { typed, stored } = await run.settle();
      expect(stored).toEqual(typed);
    } finally {
      await run.dispose();
    }
  });
});
