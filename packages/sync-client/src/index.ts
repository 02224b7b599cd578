export { IncomingChanges } from './incoming-changes.ts';
export { SaveTracker, type SaveStatus } from './save-tracker.ts';
