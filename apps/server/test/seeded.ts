/**
 * Randomised tests draw from a seeded generator and print the seed when they fail, so any failure
 * can be replayed: `CARE_SEED=<seed> pnpm --filter @care/server exec vitest run <file>`.
 */
export type Random = {
  seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
};

export function seededRandom(seed = Number(process.env.CARE_SEED ?? Math.floor(Math.random() * 2 ** 31))): Random {
  let state = seed >>> 0;
  // mulberry32: small, fast, good enough for test inputs.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { seed, next, int, pick: (items) => items[int(0, items.length - 1)]! };
}

/** Runs a randomised test body; on failure the error names the seed that reproduces it. */
export async function withSeed<T>(random: Random, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Error) error.message = `${error.message}\n(replay with CARE_SEED=${random.seed})`;
    throw error;
  }
}

/** `pnpm test:stress` sets CARE_STRESS=1: the long versions of the crash, fuzz and load runs. */
export const STRESS = process.env.CARE_STRESS === '1';
export const sized = <T>(short: T, stress: T): T => (STRESS ? stress : short);
