import { performance } from 'node:perf_hooks';

/** Times the phases of a flow and the whole. */
export interface PhaseTimer {
  /** Runs `work` as the phase `name`, adding its duration to that phase. */
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Each phase's seconds, in the order first run, plus `total` since the timer was created. */
  seconds(): Record<string, number>;
  /** One line: `e2e timing: publish 14.2s, create 35.1s, ... total 92.3s`. */
  summary(): string;
}

/** Creates a phase timer; the total runs from now. */
export function createPhaseTimer(): PhaseTimer {
  const started = performance.now();
  const phases = new Map<string, number>();
  const round = (milliseconds: number): number => Math.round(milliseconds / 100) / 10;
  return {
    async phase(name, work) {
      const start = performance.now();
      try {
        return await work();
      } finally {
        phases.set(name, (phases.get(name) ?? 0) + performance.now() - start);
      }
    },
    seconds() {
      return { ...Object.fromEntries([...phases].map(([name, milliseconds]) => [name, round(milliseconds)])), total: round(performance.now() - started) };
    },
    summary() {
      return `e2e timing: ${Object.entries(this.seconds())
        .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}s`)
        .join(', ')}`;
    },
  };
}
