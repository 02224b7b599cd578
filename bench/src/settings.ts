/** How big each scenario is; BENCH_QUICK=1 gives a ~1-minute smoke run of the same code. */
export type Settings = {
  quick: boolean;
  fanOutClients: number[];
  fanOutMs: number;
  /** Rounds of fan-out, the servers taking turns in each; every figure is the median over rounds. */
  fanOutRounds: number;
  /** Rounds of the throughput ladder, likewise (the row is the median). */
  throughputRounds: number;
  throughputRates: number[];
  throughputStepMs: number;
  memoryCases: number;
  historySizes: number[];
  persistenceMs: number;
  log: (line: string) => void;
};

export function settingsFromEnv(env = process.env): Settings {
  const quick = env.BENCH_QUICK === '1';
  // BENCH_FAN_OUT=10 measures only some client counts while developing.
  const fanOutClients = env.BENCH_FAN_OUT?.split(',').map(Number) ?? [10, 50, 200];
  // BENCH_RATES=4000,5000,6000 tries only some throughput steps.
  const throughputRates = env.BENCH_RATES?.split(',').map(Number);
  // BENCH_HISTORY=1000000 seeds only some cold-load history sizes.
  const historySizes = env.BENCH_HISTORY?.split(',').map(Number);
  const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  return quick
    ? {
        quick,
        fanOutClients,
        fanOutMs: 2000,
        fanOutRounds: 1,
        throughputRounds: 1,
        throughputRates: throughputRates ?? [500, 1000, 2000, 4000],
        throughputStepMs: 1500,
        memoryCases: 10,
        historySizes: historySizes ?? [10_000],
        persistenceMs: 1000,
        log,
      }
    : {
        quick,
        fanOutClients,
        fanOutMs: 8000,
        fanOutRounds: 5,
        throughputRounds: 3,
        throughputRates: throughputRates ?? [500, 1000, 1500, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 10000, 12000, 14000, 16000, 18000, 20000, 24000],
        throughputStepMs: 4000,
        memoryCases: 40,
        historySizes: historySizes ?? [10_000, 100_000, 1_000_000],
        persistenceMs: 5000,
        log,
      };
}
