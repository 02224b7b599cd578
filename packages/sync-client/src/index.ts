export { IncomingChanges, deletedByOthers } from './incoming-changes.ts';
export { SaveTracker, type SaveStatus } from './save-tracker.ts';
export { updateFrame } from './frames.ts';
export { onStanding } from './standing.ts';
export { snapshotHolds } from './held-edits.ts';
