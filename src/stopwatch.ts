/** Stages of a build, as the benchmark reports them. */
export type Stage = 'load' | 'layout' | 'typeset' | 'impose' | 'render' | 'write';

/** Adds up the time spent in each stage of a build. */
export class Stopwatch {
  readonly totals = new Map<Stage, number>();

  time<T>(stage: Stage, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  async timeAsync<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  private add(stage: Stage, ms: number): void {
    this.totals.set(stage, (this.totals.get(stage) ?? 0) + ms);
  }
}
