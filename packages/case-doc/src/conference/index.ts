export * from './carry-over.ts';
export * from './read.ts';
export * from './rules.ts';
export * from './write.ts';
export * from './permissions.ts';
export * from './guest-scope.ts';
export * from './closings.ts';
export * from './conference-glances.ts';
