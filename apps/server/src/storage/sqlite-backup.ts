import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

/**
 * A consistent copy of the embedded database, taken while the server runs:
 *   pnpm --filter @care/server backup --to /backups/cases-2026-12-05.sqlite
 * SQLite's VACUUM INTO reads one snapshot of the database (in WAL mode, writers go on meanwhile)
 * and writes it, compacted, to a new file; the copy is then checked (integrity_check), and the
 * cases it holds are listed.
 * Copying cases.sqlite with cp while the server runs could miss what is still in its WAL file.
 * To restore: stop the server, put the copy in place of DATA_DIR/cases.sqlite (removing any
 * cases.sqlite-wal and -shm beside it), start the server.
 */
export function backupSqlite(source: string, target: string): { caseIds: string[]; records: number } {
  if (!existsSync(source)) throw new Error(`No database at ${source} (is DATA_DIR right?)`);
  if (existsSync(target)) throw new Error(`${target} exists already: choose a new file, a backup never overwrites one`);
  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000'); // the server's writers hold the lock only briefly
    live.prepare('VACUUM INTO ?').run(target);
  } finally {
    live.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The copy at ${target} fails SQLite's integrity check: ${String(integrity)}`);
    const caseIds = (copy.prepare('select id from cases').all() as { id: string }[]).map((row) => row.id);
    const records = (copy.prepare('select count(*) as n from conference_records').get() as { n: number }).n;
    return { caseIds, records };
  } finally {
    copy.close();
  }
}
