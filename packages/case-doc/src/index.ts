export * from './fields.ts';
export * from './summary.ts';
export * from './conference/index.ts';
