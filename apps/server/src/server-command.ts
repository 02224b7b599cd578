import { userInfo } from 'node:os';
import type { Actor } from './audit/trail-columns.ts';

/**
 * Who a command run on the server (admin:create, backup) is in the audit trails: no account acts,
 * so the trail names the command and whoever ran it there.
 */
export function commandActor(command: string): Actor {
  return { userId: command, name: `${command}（${userInfo().username}）`, agency: 'サーバーのコマンド' };
}

/**
 * Runs a command's main and exits with its code; a failure (a bad DATABASE_URL, a failed
 * migration, a target that exists…) is printed as its message alone, and exits 2.
 */
export async function runCommand(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
