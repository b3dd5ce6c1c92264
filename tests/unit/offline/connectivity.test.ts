/** The heartbeat state machine, with a fake clock: truth from /api/health, not navigator.onLine. */
import { describe, expect, it } from "vitest";
import { createConnectivity, type Timers } from "@/lib/offline/connectivity";

function fakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  /** Moves the clock forward, firing due timers in order and letting probes settle. */
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      await flush();
      const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      now = next[1].at;
      pending.delete(next[0]);
      next[1].fn();
    }
    now = end;
    await flush();
  }
  return { timers, advance, pendingCount: () => pending.size };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup(initialOnline = true) {
  const clock = fakeTimers();
  const server = { up: true, probes: [] as number[] };
  const connectivity = createConnectivity({
    timers: clock.timers,
    initialOnline,
    probe: async () => {
      server.probes.push(clock.timers.now());
      return server.up;
    },
  });
  const changes: boolean[] = [];
  connectivity.subscribe((s) => changes.push(s.online));
  return { clock, server, connectivity, changes };
}

describe("heartbeat", () => {
  it("beats every 10 s while online", async () => {
    const { clock, server, connectivity } = setup();
    connectivity.start();
    await clock.advance(30_000);
    expect(server.probes).toEqual([0, 10_000, 20_000, 30_000]);
    expect(connectivity.isOnline()).toBe(true);
  });

  it("one lost beat is re-checked after 1 s; two in a row mean offline; then every 2 s", async () => {
    const { clock, server, connectivity, changes } = setup();
    connectivity.start();
    await clock.advance(0);
    server.up = false;
    await clock.advance(10_000);
    expect(connectivity.isOnline()).toBe(true);
    await clock.advance(1_000);
    expect(connectivity.isOnline()).toBe(false);
    expect(changes).toEqual([false]);
    await clock.advance(6_000);
    expect(server.probes).toEqual([0, 10_000, 11_000, 13_000, 15_000, 17_000]);
  });

  it("comes back online at the first beat that answers, within 2 s of the server returning", async () => {
    const { clock, server, connectivity, changes } = setup(false);
    server.up = false;
    connectivity.start();
    await clock.advance(5_000);
    expect(connectivity.isOnline()).toBe(false);
    server.up = true;
    await clock.advance(2_000);
    expect(connectivity.isOnline()).toBe(true);
    expect(changes).toEqual([true]);
  });

  it("the offline event is believed at once; the online event only triggers a beat", async () => {
    const { clock, server, connectivity } = setup();
    connectivity.start();
    await clock.advance(0);
    connectivity.browserOffline();
    expect(connectivity.isOnline()).toBe(false);
    server.up = false;
    await connectivity.browserOnline();
    expect(connectivity.isOnline()).toBe(false);
    server.up = true;
    await connectivity.browserOnline();
    expect(connectivity.isOnline()).toBe(true);
  });

  it("a probe that hangs is aborted after its timeout and counts as a failure", async () => {
    const clock = fakeTimers();
    const connectivity = createConnectivity({
      timers: clock.timers,
      initialOnline: false,
      probeTimeoutMs: 3_000,
      probe: (signal) =>
        new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")))),
    });
    connectivity.start();
    await clock.advance(3_000);
    expect(connectivity.state.failures).toBe(1);
    connectivity.stop();
  });

  it("stop() leaves no timer behind", async () => {
    const { clock, connectivity } = setup();
    connectivity.start();
    await clock.advance(0);
    connectivity.stop();
    expect(clock.pendingCount()).toBe(0);
  });
});
