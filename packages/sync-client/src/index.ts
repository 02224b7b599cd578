export { IncomingChanges, incomingChange } from './incoming-changes.ts';
export { SaveTracker, type SaveStatus } from './save-tracker.ts';
export { onStanding } from './standing.ts';
