/** See fold.js. */
export function foldUpdates(updates: readonly Uint8Array[]): Uint8Array;
