export { buildApp, type AppOptions } from './app.ts';
export { loadConfig, ServerConfig } from './config.ts';
export type { CaseStore } from './storage/case-store.ts';
export { SqliteCaseStore } from './storage/sqlite-store.ts';
