/**
 * The server entry point, held back: loads what `src/main.ts` imports, then waits for a line on
 * stdin before running it (see preparedServerProcess).
 */
import { createInterface } from 'node:readline';

await Promise.all([
  import('../src/app.ts'),
  import('../src/config.ts'),
  import('../src/fanout/open-fanout.ts'),
  import('../src/storage/open-store.ts'),
]);
const input = createInterface({ input: process.stdin });
await new Promise((resolve) => input.once('line', resolve));
input.close();
await import('../src/main.ts');
