export * from './fields.ts';
export * from './summary.ts';
export * from './conference/index.ts';
export * from './sequence-diff.ts';
export * from './restore.ts';
export * from './content.ts';
export * from './update-touches.ts';
export * from './action-items-diff.ts';
