export { SaveTracker, type SaveStatus } from './save-tracker.ts';
