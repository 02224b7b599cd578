import type { ServerKind } from './servers.ts';

/** A measured value, or why there is none (never an invented number). */
export type Cell = number | { na: string };

export type Row = {
  metric: string;
  unit: string;
  /** Which direction is better; ratios are always "our cost ÷ baseline cost" (≤ 1.0 = we win). */
  better: 'lower' | 'higher';
  values: Record<ServerKind, Cell>;
  /**
   * Each round's value, where the servers took turns round after round (values are their
   * medians): compared round by round, they tell a steady difference from the machine's noise.
   */
  rounds?: Record<ServerKind, number[]>;
};

export type Section = { title: string; what: string; rows: Row[]; notes: string[] };

export const na = (reason: string): Cell => ({ na: reason });
