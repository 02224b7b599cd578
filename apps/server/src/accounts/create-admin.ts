import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { boundedText, describeIssues, LoginName, NewPassword } from '@care/schema';
import { AccountAudit, accountSubject, creationChanges } from '../audit/account-audit.ts';
import { loadConfig } from '../config.ts';
import { inTransaction } from '../storage/database.ts';
import { commandActor, runCommand } from '../server-command.ts';
import { openStore } from '../storage/open-store.ts';
import { AccountStore, createAdministrator } from './account-store.ts';
import { hashPassword } from './password.ts';

/**
 * First run: creates an administrator (and their agency, if new) in the configured database.
 *   pnpm --filter @care/server admin:create --login admin --name 管理者 --agency 地域包括支援センター
 * The password is read from CARE_ADMIN_PASSWORD, or asked for on the terminal.
 */
const Args = z.object({ login: LoginName, name: boundedText(60), agency: boundedText(80), password: NewPassword });

async function readPassword(): Promise<string> {
  if (process.env.CARE_ADMIN_PASSWORD) return process.env.CARE_ADMIN_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question('Password (at least 12 characters): ');
  } finally {
    prompt.close();
  }
}

async function main(): Promise<number> {
  // `pnpm … admin:create -- --login …` passes the `--` along.
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const { values } = parseArgs({ args, options: { login: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' } } });
  const parsed = Args.safeParse({ ...values, password: await readPassword() });
  if (!parsed.success) {
    console.error('Cannot create the administrator:');
    for (const issue of describeIssues(parsed.error)) console.error(`  --${issue.path}: ${issue.message}`);
    console.error('Usage: admin:create --login <login> --name <氏名> --agency <所属機関>  (password from CARE_ADMIN_PASSWORD or the prompt)');
    return 2;
  }
  const { login, name, agency, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const store = await openStore(loadConfig());
  try {
    // The account and its trail row together, or neither.
    const user = await inTransaction(store.db, async (tx) => {
      const created = await createAdministrator(new AccountStore(tx), { login, name, agency, passwordHash });
      await new AccountAudit(tx).record({ actor: commandActor('admin:create'), action: 'create-account', subject: accountSubject(created), changes: creationChanges(created) });
      return created;
    });
    console.log(`Created administrator ${user.login} (${user.name}, ${user.agency}).`);
    return 0;
  } finally {
    await store.close();
  }
}

// A taken login, a bad DATABASE_URL, a failed migration: the message says which.
await runCommand(main);
