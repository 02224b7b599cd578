export * from './fields.ts';
export * from './summary.ts';
