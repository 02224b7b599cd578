/** Latency samples in ms; a lost message counts as an infinitely late one. */
export class Latencies {
  private samples: number[] = [];
  lost = 0;

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  percentile(p: number): number {
    const total = this.samples.length + this.lost;
    if (total === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * total) - 1;
    if (rank >= this.samples.length) return Number.POSITIVE_INFINITY;
    this.samples.sort((a, b) => a - b);
    return this.samples[rank]!;
  }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
