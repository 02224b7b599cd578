export * from './case.ts';
export * from './presence.ts';
export * from './errors.ts';
export * from './conference.ts';
export * from './records.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './access-close.ts';
