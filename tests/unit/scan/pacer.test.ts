/**
 * The frame pacer on a fake clock: about one frame per 100 ms, never a second frame while one is
 * being read, nothing (or slower) while the tab is hidden (docs/scanning-findings.md §4).
 */
import { describe, expect, it } from "vitest";
import { createFramePacer, DEFAULT_PACING, type FramePacer } from "@/lib/scan/frame-pacer";

/** Offers the pacer a frame every `frameMs` for `durationMs`; each read takes `readMs`. Returns the send times. */
function simulate(
  pacer: FramePacer,
  {
    frameMs,
    readMs,
    durationMs,
    hiddenBetween,
  }: { frameMs: number; readMs: number; durationMs: number; hiddenBetween?: [number, number] },
) {
  const sends: number[] = [];
  let readEndsAt: number | null = null;
  let maxInFlight = 0;
  for (let t = 0; t <= durationMs; t += frameMs) {
    if (readEndsAt !== null && t >= readEndsAt) {
      pacer.finished();
      readEndsAt = null;
    }
    if (hiddenBetween) pacer.setHidden(t >= hiddenBetween[0] && t < hiddenBetween[1]);
    if (pacer.nextSendIn(t) === 0) {
      pacer.sent(t);
      sends.push(Math.round(t * 10) / 10);
      readEndsAt = t + readMs;
    }
    maxInFlight = Math.max(maxInFlight, pacer.inFlight ? 1 : 0);
  }
  return { sends, maxInFlight };
}

describe("frame pacer", () => {
  it("sends the first frame at once, then one every 100 ms, on a 30 fps camera clock", () => {
    const { sends } = simulate(createFramePacer(), { frameMs: 1000 / 30, readMs: 10, durationMs: 1000 });
    expect(sends[0]).toBe(0);
    // 10 a second: the frame at 99.99 ms counts as due (tolerance), not the one at 133 ms.
    expect(sends).toHaveLength(10);
    const gaps = sends.slice(1).map((t, i) => t - sends[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(DEFAULT_PACING.intervalMs - 12);
  });

  it("never lets a second frame go while one is in flight: a slow decoder sets the pace", () => {
    const pacer = createFramePacer();
    pacer.sent(0);
    expect(pacer.inFlight).toBe(true);
    expect(pacer.nextSendIn(500)).toBeNull();
    pacer.finished();
    expect(pacer.nextSendIn(500)).toBe(0);

    const { sends } = simulate(createFramePacer(), { frameMs: 1000 / 30, readMs: 250, durationMs: 1000 });
    // Reads end at 250, 516, 783 ms (next frame after each): 4 sends, each after the last ended.
    expect(sends).toHaveLength(4);
    for (let i = 1; i < sends.length; i++) expect(sends[i]! - sends[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it("tells a timer how long to wait", () => {
    const pacer = createFramePacer({ intervalMs: 100, hiddenIntervalMs: null });
    expect(pacer.nextSendIn(0)).toBe(0);
    pacer.sent(1_000);
    pacer.finished();
    expect(pacer.nextSendIn(1_030)).toBe(70);
    expect(pacer.nextSendIn(1_100)).toBe(0);
    expect(pacer.nextSendIn(5_000)).toBe(0);
  });

  it("reads nothing while the tab is hidden (the default), and resumes when it is visible", () => {
    const pacer = createFramePacer();
    pacer.setHidden(true);
    expect(pacer.hidden).toBe(true);
    expect(pacer.nextSendIn(0)).toBeNull();
    const { sends } = simulate(createFramePacer(), {
      frameMs: 25,
      readMs: 10,
      durationMs: 2000,
      hiddenBetween: [500, 1500],
    });
    expect(sends.filter((t) => t >= 500 && t < 1500)).toEqual([]);
    expect(sends.filter((t) => t >= 1500).length).toBeGreaterThanOrEqual(5);
    expect(sends.find((t) => t >= 1500)).toBe(1500);
  });

  it("can read slower instead of pausing while hidden", () => {
    const pacer = createFramePacer({ intervalMs: 100, hiddenIntervalMs: 500 });
    const { sends } = simulate(pacer, { frameMs: 50, readMs: 10, durationMs: 3000, hiddenBetween: [0, 3001] });
    expect(sends).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
  });
});
