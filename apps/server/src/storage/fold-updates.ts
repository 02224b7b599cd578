// The fold is plain JavaScript (fold.js) so the SQLite writer thread can load it without a TypeScript loader.
export { foldUpdates } from './fold.js';
