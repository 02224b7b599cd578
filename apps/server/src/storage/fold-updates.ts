// The fold is plain JavaScript (fold.js) so the SQLite background thread can load it without a TypeScript loader.
export { foldUpdates } from './fold.js';
