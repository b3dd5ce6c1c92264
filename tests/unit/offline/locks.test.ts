/** One sender per outbox item: Web Locks (ifAvailable) or the IndexedDB lease, across "tabs". */
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openOutboxDb } from "@/lib/offline/db";
import { OUTBOX_LEASE_MS, singleFlight, withItemLock } from "@/lib/offline/locks";
import { createOutbox } from "@/lib/offline/outbox";
import { createOutboxSync, type OutboxTransport } from "@/lib/offline/sync";

/** A minimal LockManager with `ifAvailable`, shared by two "tabs" as the browser's is. */
function fakeLockManager(): LockManager {
  const held = new Set<string>();
  const manager = {
    async request(name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        throw new Error("only ifAvailable is faked");
      }
      held.add(name);
      try {
        return await callback({ name, mode: "exclusive" });
      } finally {
        held.delete(name);
      }
    },
    query: async () => ({ held: [], pending: [] }),
  };
  return manager as unknown as LockManager;
}

const gate = () => {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
};

let n = 0;
async function twoTabs() {
  const name = `locks-test-${Date.now()}-${n++}`;
  const a = createOutbox(await openOutboxDb(name));
  const b = createOutbox(await openOutboxDb(name));
  await a.enqueue({
    outTradeNo: "STLOCK",
    amount: 1,
    currency: "HKD",
    authCode: "134567890123456789",
    source: "manual",
    scannedAt: Date.now(),
    codeLifetimeMs: 60_000,
  });
  return { a, b };
}

describe.each([
  ["Web Locks", () => fakeLockManager()],
  ["IndexedDB lease", () => null],
])("item lock with %s", (_label, makeLocks) => {
  it("lets only one tab in while the other holds it, and frees it afterwards", async () => {
    const { a, b } = await twoTabs();
    const locks = makeLocks();
    const inside = gate();
    const release = gate();
    const first = withItemLock("STLOCK", { outbox: a, owner: "tab-a", locks }, async () => {
      inside.open();
      await release.promise;
      return "a";
    });
    await inside.promise;
    expect(await withItemLock("STLOCK", { outbox: b, owner: "tab-b", locks }, async () => "b")).toEqual({
      acquired: false,
    });
    release.open();
    expect(await first).toEqual({ acquired: true, value: "a" });
    expect(await withItemLock("STLOCK", { outbox: b, owner: "tab-b", locks }, async () => "b")).toEqual({
      acquired: true,
      value: "b",
    });
  });
});

describe("IndexedDB lease", () => {
  it("a dead tab's lease runs out", async () => {
    const { a, b } = await twoTabs();
    await a.update("STLOCK", (i) => ({ ...i, leaseOwner: "dead-tab", leaseUntil: 1_000 + OUTBOX_LEASE_MS }));
    expect(
      await withItemLock("STLOCK", { outbox: b, owner: "tab-b", locks: null, now: () => 1_000 }, async () => 1),
    ).toEqual({ acquired: false });
    expect(
      await withItemLock(
        "STLOCK",
        { outbox: b, owner: "tab-b", locks: null, now: () => 2_000 + OUTBOX_LEASE_MS },
        async () => 1,
      ),
    ).toEqual({ acquired: true, value: 1 });
    expect((await b.get("STLOCK"))?.leaseOwner).toBeNull();
  });
});

describe("two tabs draining at once", () => {
  it("send the item once", async () => {
    const { a, b } = await twoTabs();
    const locks = fakeLockManager();
    let sends = 0;
    const answer = gate();
    const transport: OutboxTransport = {
      async send(input) {
        sends++;
        await answer.promise;
        return { kind: "accepted", payment: { outTradeNo: input.outTradeNo, status: "paid" } as never };
      },
      lookup: async () => ({ kind: "notFound" }),
    };
    const connectivity = { isOnline: () => true, suspect: () => {} };
    const syncA = createOutboxSync({ outbox: a, transport, connectivity, lock: { owner: "tab-a", locks } });
    const syncB = createOutboxSync({ outbox: b, transport, connectivity, lock: { owner: "tab-b", locks } });
    const drainA = syncA.drain();
    await new Promise((r) => setTimeout(r, 20));
    const reportB = await syncB.drain();
    expect(reportB.outcomes.STLOCK).toMatch(/busy|waiting/);
    answer.open();
    expect((await drainA).outcomes.STLOCK).toBe("final");
    expect(sends).toBe(1);
  });
});

describe("singleFlight", () => {
  it("runs once at a time and once more if asked while running", async () => {
    let runs = 0;
    const release = gate();
    const run = singleFlight(async () => {
      runs++;
      if (runs === 1) await release.promise;
      return runs;
    });
    const p1 = run();
    const p2 = run();
    const p3 = run();
    expect(p1).toBe(p2);
    release.open();
    expect(await p3).toBe(2);
    expect(runs).toBe(2);
  });
});
