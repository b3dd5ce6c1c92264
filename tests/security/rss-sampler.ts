/**
 * The app server's resident memory, sampled from /proc/<pid>/status (VmRSS) every second while the
 * fuzz runs (issue 9: "server memory bounded"). Linux only, like the rest of the test rig.
 */
import { readFileSync } from "node:fs";

export type RssSummary = { startMb: number; peakMb: number; endMb: number; samples: number };

export function rssMb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

export class RssSampler {
  private readonly values: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly pid: number) {}
  start(everyMs = 1_000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }
  sample(): void {
    const mb = rssMb(this.pid);
    if (mb !== null) this.values.push(mb);
  }
  stop(): RssSummary {
    clearInterval(this.timer);
    this.sample();
    const v = this.values;
    return {
      startMb: v[0] ?? 0,
      peakMb: v.length ? Math.max(...v) : 0,
      endMb: v[v.length - 1] ?? 0,
      samples: v.length,
    };
  }
}
