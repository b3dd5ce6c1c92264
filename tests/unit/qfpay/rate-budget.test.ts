import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QfpayConfig } from "@/lib/qfpay/config";
import {
  createRateBudget,
  QFPAY_RATE_LIMITS,
  sharedRateBudget,
  type RateBudget,
  type RateClock,
} from "@/lib/qfpay/rate-budget";
import { qfpayRequest, reserveQfpaySlot, tryReserveQfpaySlot } from "@/lib/qfpay/transport";
import { startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";

/** A clock that only moves when told to, firing due timers in time order. */
function fakeClock() {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; fire: () => void }>();
  const clock: RateClock = {
    now: () => now,
    setTimer(fire, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fire });
      return () => void timers.delete(id);
    },
  };
  const flush = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    clock,
    timersPending: () => timers.size,
    now: () => now,
    async advanceTo(target: number) {
      await flush();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fire();
        await flush();
      }
      now = target;
      await flush();
    },
    flush,
  };
}

/** Starts `count` acquires in order and records, per caller, the clock time it was let through. */
function acquireMany(budget: RateBudget, count: number, now: () => number) {
  const grantedAt: Array<number | null> = Array.from({ length: count }, () => null);
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    void budget.acquire().then(() => {
      grantedAt[i] = now();
      order.push(i);
    });
  }
  return { grantedAt, order };
}

describe("rate budget (docs/qfpay.md §1, §12: 100/s and 400/min per merchant)", () => {
  it("defaults to QFPay's limits", () => {
    expect(QFPAY_RATE_LIMITS).toEqual({ perSecond: 100, perMinute: 400 });
  });

  it("lets 100 through at once and makes the 101st wait a full second", async () => {
    const t = fakeClock();
    const budget = createRateBudget({ clock: t.clock });
    const { grantedAt } = acquireMany(budget, 101, t.now);
    await t.flush();
    expect(grantedAt.slice(0, 100).every((at) => at === 0)).toBe(true);
    expect(grantedAt[100]).toBeNull();
    expect(budget.waiting).toBe(1);

    await t.advanceTo(999);
    expect(grantedAt[100]).toBeNull();
    await t.advanceTo(1000);
    expect(grantedAt[100]).toBe(1000);
    expect(budget.waiting).toBe(0);
  });

  it("counts the second as a sliding window, not from the start of a clock second", async () => {
    const t = fakeClock();
    const budget = createRateBudget({ clock: t.clock });
    await t.advanceTo(900);
    acquireMany(budget, 60, t.now);
    await t.advanceTo(1100);
    const later = acquireMany(budget, 41, t.now);
    await t.flush();
    expect(later.grantedAt.slice(0, 40).every((at) => at === 1100)).toBe(true);
    expect(later.grantedAt[40]).toBeNull();
    await t.advanceTo(1900);
    expect(later.grantedAt[40]).toBe(1900);
  });

  it("makes the 401st in a minute wait until the first slot is a minute old", async () => {
    const t = fakeClock();
    const budget = createRateBudget({ clock: t.clock });
    const { grantedAt } = acquireMany(budget, 401, t.now);
    await t.advanceTo(59_999);
    expect(grantedAt.slice(0, 100).every((at) => at === 0)).toBe(true);
    expect(grantedAt.slice(100, 200).every((at) => at === 1000)).toBe(true);
    expect(grantedAt.slice(200, 300).every((at) => at === 2000)).toBe(true);
    expect(grantedAt.slice(300, 400).every((at) => at === 3000)).toBe(true);
    expect(grantedAt[400]).toBeNull();
    expect(budget.usedLastMinute).toBe(400);

    await t.advanceTo(60_000);
    expect(grantedAt[400]).toBe(60_000);
  });

  it("serves waiting callers first in, first out, and drops none", async () => {
    const t = fakeClock();
    const budget = createRateBudget({ perSecond: 2, perMinute: 5, clock: t.clock });
    const first = acquireMany(budget, 7, t.now);
    await t.flush();
    expect(first.order).toEqual([0, 1]);
    const second = acquireMany(budget, 2, t.now);
    await t.advanceTo(120_000);
    expect(first.order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(first.grantedAt).toEqual([0, 0, 1000, 1000, 2000, 60_000, 60_000]);
    // Callers that came later are served after every earlier one, never in between.
    expect(second.grantedAt).toEqual([61_000, 61_000]);
    expect(budget.waiting).toBe(0);
    expect(t.timersPending()).toBe(0);
  });

  it("gives a slot without waiting only when one is free and nobody queues for it (issue 10)", async () => {
    const t = fakeClock();
    const budget = createRateBudget({ perSecond: 2, perMinute: 5, clock: t.clock });
    expect(budget.tryAcquire()).toEqual({ at: 0 });
    expect(budget.tryAcquire()).toEqual({ at: 0 });
    // The second is full: nothing is taken, nothing is queued.
    expect(budget.tryAcquire()).toBeNull();
    expect(budget.waiting).toBe(0);
    expect(budget.usedLastMinute).toBe(2);

    const queued = acquireMany(budget, 1, t.now);
    await t.advanceTo(1000);
    expect(queued.grantedAt).toEqual([1000]);
    // A caller waiting in the queue is never overtaken by one that will not wait.
    const waiting = acquireMany(budget, 2, t.now);
    await t.flush();
    expect(waiting.grantedAt).toEqual([1000, null]);
    expect(budget.tryAcquire()).toBeNull();
    await t.advanceTo(2000);
    expect(waiting.grantedAt).toEqual([1000, 2000]);
  });

  it("takes back a slot whose request never left, and lets a waiting caller have it at once", async () => {
    const t = fakeClock();
    const budget = createRateBudget({ perSecond: 1, perMinute: 5, clock: t.clock });
    const grant = budget.tryAcquire();
    expect(grant).not.toBeNull();
    const waiting = acquireMany(budget, 1, t.now);
    await t.advanceTo(10);
    expect(waiting.grantedAt).toEqual([null]);
    budget.release(grant!);
    await t.flush();
    expect(waiting.grantedAt).toEqual([10]);
    expect(budget.usedLastMinute).toBe(1);
    expect(t.timersPending()).toBe(0);
  });

  it("hands out and takes back shared-budget slots for the ledger (tryReserveQfpaySlot)", () => {
    const config = { appCode: "RATE-APP-TRY" } as QfpayConfig;
    const slot = tryReserveQfpaySlot(config);
    expect(slot).not.toBeNull();
    expect(sharedRateBudget(config).usedLastMinute).toBe(1);
    slot!.release();
    slot!.release();
    expect(sharedRateBudget(config).usedLastMinute).toBe(0);
  });

  it("refuses limits that are not positive whole numbers", () => {
    expect(() => createRateBudget({ perSecond: 0 })).toThrow(RangeError);
    expect(() => createRateBudget({ perMinute: 1.5 })).toThrow(RangeError);
  });

  it("shares one budget per app code and mchid across the process", () => {
    const a = sharedRateBudget({ appCode: "RATE-APP-1" });
    expect(sharedRateBudget({ appCode: "RATE-APP-1", mchid: undefined })).toBe(a);
    expect(sharedRateBudget({ appCode: "RATE-APP-1", mchid: "M1" })).not.toBe(a);
    expect(sharedRateBudget({ appCode: "RATE-APP-2" })).not.toBe(a);
    expect(sharedRateBudget({ appCode: "RATE-APP-1", mchid: "M1" })).toBe(
      sharedRateBudget({ appCode: "RATE-APP-1", mchid: "M1" }),
    );
  });
});

describe("qfpayRequest takes a slot for every request", () => {
  let fake: FakeQfpay;
  let config: QfpayConfig;
  beforeEach(async () => {
    fake = await startFakeQfpay();
    config = {
      baseUrl: fake.url,
      appCode: `RATE-${Math.random()}`,
      clientKey: "unit-test-client-key-41aa",
      signType: "MD5",
      timeoutMs: 2000,
    };
  });
  afterEach(async () => {
    await fake.close();
  });

  it("uses the shared budget of the merchant by default", async () => {
    fake.reply({ json: { respcd: "0000" } }, { json: { respcd: "0000" } });
    await qfpayRequest(config, "/trade/v1/payment", { txamt: 1 });
    await qfpayRequest(config, "/trade/v1/query", { out_trade_no: "A" }, { retry: "idempotent" });
    expect(sharedRateBudget(config).usedLastMinute).toBe(2);
  });

  it("holds a request back until the budget has room, then sends it", async () => {
    const t = fakeClock();
    const budget = createRateBudget({ perSecond: 1, perMinute: 400, clock: t.clock });
    fake.reply({ json: { respcd: "0000" } }, { json: { respcd: "0000", n: 2 } });
    await qfpayRequest(config, "/trade/v1/payment", { txamt: 1 }, { budget });
    const second = qfpayRequest(config, "/trade/v1/payment", { txamt: 2 }, { budget });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests).toHaveLength(1);
    expect(budget.waiting).toBe(1);

    await t.advanceTo(1000);
    expect(await second).toMatchObject({ kind: "answer", body: { n: 2 } });
    expect(fake.requests).toHaveLength(2);
  });

  it("takes a fresh slot for each retry of a query", async () => {
    let taken = 0;
    const budget: RateBudget = {
      acquire: async () => void taken++,
      tryAcquire: () => null,
      release: () => {},
      waiting: 0,
      usedLastMinute: 0,
    };
    fake.reply({ status: 429, text: "" }, { status: 503, text: "" }, { json: { respcd: "0000", data: [] } });
    const result = await qfpayRequest(
      config,
      "/trade/v1/query",
      { out_trade_no: "A" },
      { retry: "idempotent", budget, sleep: async () => {} },
    );
    expect(result.kind).toBe("answer");
    expect(taken).toBe(3);
  });

  it("takes no second slot for a payment whose slot the ledger reserved before marking it sent", async () => {
    let taken = 0;
    const budget: RateBudget = {
      acquire: async () => void taken++,
      tryAcquire: () => null,
      release: () => {},
      waiting: 0,
      usedLastMinute: 0,
    };
    fake.reply({ json: { respcd: "0000" } }, { json: { respcd: "0000" } });
    await qfpayRequest(config, "/trade/v1/payment", { txamt: 1 }, { budget, slotHeld: true });
    expect(taken).toBe(0);
    await qfpayRequest(config, "/trade/v1/payment", { txamt: 1 }, { budget });
    expect(taken).toBe(1);
    await reserveQfpaySlot(config);
    expect(sharedRateBudget(config).usedLastMinute).toBe(1);
  });
});
