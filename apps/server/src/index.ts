export { buildApp, type AppOptions } from './app.ts';
export { loadConfig, ServerConfig } from './config.ts';
export type { CaseStore } from './storage/case-store.ts';
export { SqlCaseStore } from './storage/sql-store.ts';
export { openSqliteStore, openStore } from './storage/open-store.ts';
export { AccountStore, createAdministrator } from './accounts/account-store.ts';
export { hashPassword } from './accounts/password.ts';
