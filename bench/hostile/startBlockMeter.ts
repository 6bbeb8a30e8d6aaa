import { readFileSync } from 'node:fs';

/** The longest blocks of the event loop while a meter ran, in milliseconds. */
export interface BlockFigures {
  /** Longest wall-clock gap between two 1 ms ticks (what `monitorEventLoopDelay` sees). */
  wallMs: number;
  /** Longest gap counted in the CPU time the main thread ran in it, capped by the gap (collector pauses included). */
  cpuMs: number;
}

/** The main thread's time on a CPU so far, in ms: Linux's per-thread schedstat (ns), else the process's CPU time. */
function mainThreadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1').split(' ')[0]) / 1e6;
  } catch {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  }
}

/**
 * Measures how long the event loop is blocked, in a way a shared, loaded machine cannot inflate:
 * a 1 ms ticker records each gap, with the time the main thread actually ran in it (Linux's
 * per-thread schedstat; elsewhere the process's CPU time, which counts helper threads too). A gap
 * in which the thread was merely not scheduled ran little; a gap the code caused ran as long as it
 * lasted.
 */
export function startBlockMeter(): { stop(): Promise<BlockFigures> } {
  const gaps: { start: number; end: number; cpuMs: number }[] = [];
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    if (now - last > 1.5) gaps.push({ start: last, end: now, cpuMs: cpu - lastCpu });
    last = now;
    lastCpu = cpu;
  }, 1);
  return {
    async stop() {
      // The gap the last tick has not closed yet counts too.
      await new Promise((resolve) => setTimeout(resolve, 2));
      clearInterval(ticker);
      const figures: BlockFigures = { wallMs: 0, cpuMs: 0 };
      for (const gap of gaps) {
        const wall = gap.end - gap.start;
        figures.wallMs = Math.max(figures.wallMs, wall);
        figures.cpuMs = Math.max(figures.cpuMs, Math.min(wall, gap.cpuMs));
      }
      return figures;
    },
  };
}
