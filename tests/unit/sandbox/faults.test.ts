/**
 * Fault injection in the sandbox over real HTTP: every kind, the HTTP and programmatic APIs, seeded
 * probabilities, counts, the real rate limiter, and that faults never corrupt the sandbox's record
 * of what was charged.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FaultInputError, startSandbox, type RunningSandbox } from "../../../sandbox/server";
import {
  callJson,
  hkTime,
  orderNo,
  paymentCode,
  paymentFields,
  signedCall,
  sleep,
  type Answer,
  type Fields,
} from "../../support/sandbox-client";

const PENDING_MS = 400;

type SandboxTx = {
  out_trade_no: string;
  respcd: string;
  status: string;
  charged: boolean;
  cancel: string;
  faults: string[];
  settlesAt: string | null;
};
type FaultsState = {
  seed: number;
  rules: Array<{ id: string; kind: string; remaining: number | null; hits: number; path: string }>;
  rateLimit: { perSecond: number; perMinute: number } | null;
  applied: Array<{ kind: string; path: string; rule: string }>;
};

describe("sandbox fault injection", () => {
  let sandbox: RunningSandbox;
  let base: string;
  const pay = (fields: Fields) => callJson(base, "/trade/v1/payment", fields);
  const transactions = async () => (await (await fetch(`${base}/_sandbox/transactions`)).json()) as SandboxTx[];
  const tx = async (no: string) => (await transactions()).find((t) => t.out_trade_no === no);
  const rowOf = async (no: string) => {
    const data = (await callJson(base, "/trade/v1/query", { out_trade_no: no })).data as Answer[];
    expect(data).toHaveLength(1);
    return data[0]!;
  };
  const setFaults = async (body: unknown) => {
    const res = await fetch(`${base}/_sandbox/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as FaultsState & { error?: { code: string; message: string } },
    };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pendingMs: PENDING_MS, slowMs: 300, seed: 7 });
    base = sandbox.url;
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  afterEach(() => {
    sandbox.faults.clear();
  });

  describe("transport faults", () => {
    it("delay: the payment is processed and recorded at once; only the answer is late", async () => {
      sandbox.faults.set({ path: "/trade/v1/payment", kind: "delay", delayMs: 600, count: 2 });
      const timedOut = paymentFields();
      await expect(
        signedCall(base, "/trade/v1/payment", timedOut, { signal: AbortSignal.timeout(150) }),
      ).rejects.toThrow();
      // The client gave up, but the wallet was charged: only a query tells.
      expect(await tx(timedOut.out_trade_no!)).toMatchObject({ status: "paid", charged: true, faults: ["delay"] });
      expect((await rowOf(timedOut.out_trade_no!)).respcd).toBe("0000");

      const patient = paymentFields();
      const started = Date.now();
      const answer = await pay(patient);
      expect(Date.now() - started).toBeGreaterThanOrEqual(580);
      expect(answer.respcd).toBe("0000");
      // count: 2 is used up.
      const quick = Date.now();
      await pay(paymentFields());
      expect(Date.now() - quick).toBeLessThan(400);
    });

    it("reset_before drops the connection without processing: nothing recorded", async () => {
      sandbox.faults.set({ path: "/trade/v1/payment", kind: "reset_before", count: 1 });
      const lost = paymentFields();
      await expect(signedCall(base, "/trade/v1/payment", lost)).rejects.toThrow();
      expect(await tx(lost.out_trade_no!)).toBeUndefined();
      expect((await callJson(base, "/trade/v1/query", { out_trade_no: lost.out_trade_no! })).data).toEqual([]);
      // Nothing reached the wallet, so the same order and code go through afterwards.
      expect((await pay(lost)).respcd).toBe("0000");
    });

    it("reset_after processes and records the payment, then drops the connection unanswered", async () => {
      sandbox.faults.set({ path: "/trade/v1/payment", kind: "reset_after", count: 1 });
      const unknown = paymentFields();
      await expect(signedCall(base, "/trade/v1/payment", unknown)).rejects.toThrow();
      expect(await tx(unknown.out_trade_no!)).toMatchObject({ status: "paid", charged: true, faults: ["reset_after"] });
      expect((await rowOf(unknown.out_trade_no!)).respcd).toBe("0000");
      // Resending is refused, never a second charge (docs/qfpay.md §12).
      expect((await pay(unknown)).respcd).toBe("1251");
      expect((await transactions()).filter((t) => t.out_trade_no === unknown.out_trade_no)).toHaveLength(1);
    });

    it("html500 answers an HTML error page, after processing by default or before with after:false", async () => {
      sandbox.faults.set([
        { path: "/trade/v1/payment", kind: "html500", count: 1 },
        { path: "/trade/v1/payment", kind: "html500", after: false, status: 502, count: 1 },
      ]);
      const processed = paymentFields();
      const first = await signedCall(base, "/trade/v1/payment", processed);
      expect(first.status).toBe(500);
      expect(first.contentType).toMatch(/^text\/html/);
      expect(first.text).toMatch(/<html>/);
      expect(await tx(processed.out_trade_no!)).toMatchObject({ charged: true, faults: ["html500"] });

      const refused = paymentFields();
      const second = await signedCall(base, "/trade/v1/payment", refused);
      expect(second.status).toBe(502);
      expect(second.text).toContain("502 Bad Gateway");
      expect(await tx(refused.out_trade_no!)).toBeUndefined();
    });

    it("rate_limit answers HTTP 429 without processing", async () => {
      sandbox.faults.set({ path: "*", kind: "rate_limit", count: 2 });
      const limited = paymentFields();
      const res = await signedCall(base, "/trade/v1/payment", limited);
      expect(res.status).toBe(429);
      expect(await tx(limited.out_trade_no!)).toBeUndefined();
      expect((await signedCall(base, "/trade/v1/query", { out_trade_no: limited.out_trade_no! })).status).toBe(429);
      expect((await pay(limited)).respcd).toBe("0000");
    });

    it("faults on reversal and refund act the same way (reset_after on a refund: refunded, unanswered)", async () => {
      const paid = await pay(paymentFields());
      sandbox.faults.set({ path: "/trade/v1/refund", kind: "reset_after", count: 1 });
      const refundNo = orderNo("R");
      await expect(
        signedCall(base, "/trade/v1/refund", {
          syssn: paid.syssn as string,
          out_trade_no: refundNo,
          txamt: "1250",
          txdtm: hkTime(),
        }),
      ).rejects.toThrow();
      expect(await rowOf(refundNo)).toMatchObject({ order_type: "refund", respcd: "0000" });
    });
  });

  describe("state faults", () => {
    it("pending_forever: answers 1143 and stays pending until closed; the close leaves it uncharged", async () => {
      sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
      const stuck = paymentFields();
      expect((await pay(stuck)).respcd).toBe("1143");
      await sleep(PENDING_MS * 2);
      expect((await rowOf(stuck.out_trade_no!)).respcd).toBe("1143");
      expect(await tx(stuck.out_trade_no!)).toMatchObject({
        status: "pending",
        charged: false,
        settlesAt: null,
        faults: ["pending_forever"],
      });
      const closed = await callJson(base, "/trade/v1/close", {
        out_trade_no: stuck.out_trade_no!,
        txamt: "1250",
        txdtm: hkTime(),
      });
      expect(closed.respcd).toBe("0000");
      expect(await rowOf(stuck.out_trade_no!)).toMatchObject({ respcd: "1142", cancel: "2" });
      expect(await tx(stuck.out_trade_no!)).toMatchObject({ status: "cancelled", charged: false });
    });

    it("succeed_during_reversal: a close then finds it paid and refuses; an Alipay reversal refunds it", async () => {
      sandbox.faults.set({ kind: "succeed_during_reversal", count: 2 });
      const wechat = paymentFields({ auth_code: paymentCode("1145") }); // would have failed
      expect((await pay(wechat)).respcd).toBe("1145");
      const close = await callJson(base, "/trade/v1/close", {
        out_trade_no: wechat.out_trade_no!,
        txamt: "1250",
        txdtm: hkTime(),
      });
      expect(close.respcd).toBe("1260");
      expect(await rowOf(wechat.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "0" });
      expect(await tx(wechat.out_trade_no!)).toMatchObject({
        status: "paid",
        charged: true,
        faults: ["succeed_during_reversal"],
      });

      const alipay = paymentFields({ auth_code: paymentCode("1143", "alipay") });
      expect((await pay(alipay)).respcd).toBe("1143");
      const reversal = await callJson(base, "/trade/v1/reversal", {
        out_trade_no: alipay.out_trade_no!,
        txamt: "1250",
        txdtm: hkTime(),
      });
      expect(reversal.respcd).toBe("0000");
      expect(await rowOf(alipay.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "1" });
      expect(await tx(alipay.out_trade_no!)).toMatchObject({
        status: "cancelled",
        charged: false,
        faults: ["succeed_during_reversal"],
      });
    });

    it("refund faults: balance 1269, blackout 1265, partial refusal 1271, and pending 1143 then 0000", async () => {
      const paid = await pay(paymentFields({ txamt: "4000" }));
      const refund = (txamt: string, no = orderNo("R")) =>
        callJson(base, "/trade/v1/refund", { syssn: paid.syssn as string, out_trade_no: no, txamt, txdtm: hkTime() });
      sandbox.faults.set([
        { path: "/trade/v1/refund", kind: "refund_balance", count: 1 },
        { path: "/trade/v1/refund", kind: "refund_blackout", count: 1 },
        { path: "/trade/v1/refund", kind: "refund_partial_refused", count: 1 },
        { path: "/trade/v1/refund", kind: "refund_pending", pendingMs: 500, count: 1 },
      ]);
      expect((await refund("100")).respcd).toBe("1269");
      expect((await refund("100")).respcd).toBe("1265");
      expect((await refund("100")).respcd).toBe("1271");
      const pendingNo = orderNo("R");
      expect((await refund("100", pendingNo)).respcd).toBe("1143");
      expect((await rowOf(pendingNo)).respcd).toBe("1143");
      await sleep(600);
      expect((await rowOf(pendingNo)).respcd).toBe("0000");
      expect((await refund("100")).respcd).toBe("0000"); // every rule is used up
    });
  });

  describe("control", () => {
    it("POST/GET/DELETE /_sandbox/faults, with validation", async () => {
      const set = await setFaults({
        seed: 99,
        rules: [{ id: "slow-queries", path: "/trade/v1/query", kind: "delay", delayMs: 50, probability: 0.5 }],
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({
        seed: 99,
        rules: [{ id: "slow-queries", kind: "delay", remaining: null, hits: 0 }],
        rateLimit: null,
      });
      const got = (await (await fetch(`${base}/_sandbox/faults`)).json()) as FaultsState;
      expect(got.rules.map((r) => r.id)).toEqual(["slow-queries"]);

      for (const bad of [
        { kind: "explode" },
        { kind: "delay" }, // delayMs required
        { kind: "pending_forever", path: "/trade/v1/query" }, // acts on payments only
        { kind: "rate_limit", path: "/trade/v1/nope" },
        { kind: "rate_limit", probability: 2 },
        { kind: "rate_limit", count: 0 },
        { rules: "all" },
      ]) {
        const res = await setFaults(bad);
        expect(res.status, JSON.stringify(bad)).toBe(400);
        expect(res.body.error?.code).toBe("bad_fault");
      }
      const notJson = await fetch(`${base}/_sandbox/faults`, { method: "POST", body: "{" });
      expect(notJson.status).toBe(400);
      // A refused update changed nothing.
      expect(((await (await fetch(`${base}/_sandbox/faults`)).json()) as FaultsState).rules).toHaveLength(1);

      const cleared = await fetch(`${base}/_sandbox/faults`, { method: "DELETE" });
      expect(cleared.status).toBe(200);
      expect((await cleared.json()) as FaultsState).toMatchObject({ rules: [], seed: 7 });
      expect((await fetch(`${base}/_sandbox/faults`, { method: "PUT" })).status).toBe(405);
      expect(() => sandbox.faults.set({ kind: "nope" as "delay" })).toThrow(FaultInputError);
    });

    it("a path rule leaves other endpoints alone; count applies to the next N matching requests", async () => {
      await setFaults({ rules: [{ path: "/trade/v1/query", kind: "html500", after: false, count: 2 }] });
      expect((await pay(paymentFields())).respcd).toBe("0000");
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await signedCall(base, "/trade/v1/query", { out_trade_no: "x" })).status);
      expect(statuses).toEqual([500, 500, 200, 200]);
      const state = sandbox.faults.state();
      expect(state.rules[0]).toMatchObject({ remaining: 0, hits: 2 });
      expect(state.applied.map((a) => `${a.kind} ${a.path}`)).toEqual([
        "html500 /trade/v1/query",
        "html500 /trade/v1/query",
      ]);
    });

    it("probabilities come from a seeded PRNG: the same seed replays the same campaign", async () => {
      const campaign = async (seed: number) => {
        await setFaults({ seed, rules: [{ path: "/trade/v1/query", kind: "rate_limit", probability: 0.5 }] });
        const pattern: number[] = [];
        for (let i = 0; i < 30; i++)
          pattern.push((await signedCall(base, "/trade/v1/query", { out_trade_no: "x" })).status);
        return pattern.join(",");
      };
      const a = await campaign(42);
      const b = await campaign(42);
      const c = await campaign(43);
      expect(a).toBe(b);
      expect(a).not.toBe(c);
      expect(a).toContain("429");
      expect(a).toContain("200");
    });

    it("probability 0 never fires; rules are tried in order, one fault per request", async () => {
      sandbox.faults.set([
        { path: "/trade/v1/query", kind: "rate_limit", probability: 0 },
        { path: "/trade/v1/query", kind: "html500", after: false, count: 1 },
        { path: "/trade/v1/query", kind: "rate_limit", count: 1 },
      ]);
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await signedCall(base, "/trade/v1/query", { out_trade_no: "x" })).status);
      expect(statuses).toEqual([500, 429, 200]);
    });
  });

  it("a mixed campaign never corrupts the sandbox's record of what was charged", async () => {
    sandbox.faults.set({
      seed: 2024,
      rules: [
        { path: "/trade/v1/payment", kind: "reset_before", probability: 0.15 },
        { path: "/trade/v1/payment", kind: "reset_after", probability: 0.15 },
        { path: "/trade/v1/payment", kind: "html500", probability: 0.15 },
        { path: "/trade/v1/payment", kind: "rate_limit", probability: 0.1 },
        { path: "/trade/v1/payment", kind: "delay", delayMs: 300, probability: 0.15 },
      ],
    });
    const outcomes: Array<{ fields: Fields; result: "answered" | "error" | number }> = [];
    for (let i = 0; i < 60; i++) {
      const fields = paymentFields();
      try {
        const raw = await signedCall(base, "/trade/v1/payment", fields, { signal: AbortSignal.timeout(150) });
        outcomes.push({ fields, result: raw.status === 200 ? "answered" : raw.status });
      } catch {
        outcomes.push({ fields, result: "error" });
      }
    }
    await sleep(350); // let held answers finish
    const applied = sandbox.faults.state().applied;
    const byKind = (kind: string) => applied.filter((a) => a.kind === kind).length;
    expect(
      byKind("reset_before") + byKind("reset_after") + byKind("html500") + byKind("rate_limit") + byKind("delay"),
    ).toBeGreaterThan(10);

    const all = await transactions();
    const recorded = new Map(all.map((t) => [t.out_trade_no, t]));
    const ours = outcomes.map((o) => recorded.get(o.fields.out_trade_no!));
    // Exactly the requests stopped before processing are missing.
    expect(ours.filter((t) => t === undefined)).toHaveLength(byKind("reset_before") + byKind("rate_limit"));
    for (const [i, o] of outcomes.entries()) {
      const t = ours[i];
      if (o.result === "answered") expect(t, o.fields.out_trade_no).toMatchObject({ status: "paid", charged: true });
      if (o.result === 429) expect(t).toBeUndefined();
      if (o.result === 500) expect(t).toMatchObject({ charged: true, faults: ["html500"] });
      if (t) {
        // Each recorded payment is charged once, and the enquiry agrees with the record.
        expect((await rowOf(o.fields.out_trade_no!)).respcd).toBe("0000");
        expect(t.charged).toBe(true);
      }
    }
    expect(new Set(all.map((t) => t.out_trade_no)).size).toBe(all.length);
  });
});

describe("the real rate limiter (docs/qfpay.md §1, §12: 100/s and 400/min per app code ⇒ 429)", () => {
  let sandbox: RunningSandbox;
  afterAll(async () => {
    await sandbox?.close();
  });

  it("is off by default, counts per second and per minute, and can be switched", async () => {
    sandbox = await startSandbox({ port: 0, rateLimit: { perSecond: 5, perMinute: 8 } });
    const q = async () => (await signedCall(sandbox.url, "/trade/v1/query", { out_trade_no: "x" })).status;
    const burst: number[] = [];
    for (let i = 0; i < 6; i++) burst.push(await q());
    expect(burst).toEqual([200, 200, 200, 200, 200, 429]);
    await sleep(1050);
    const more: number[] = [];
    for (let i = 0; i < 4; i++) more.push(await q());
    expect(more).toEqual([200, 200, 200, 429]); // 8 per minute
    expect(sandbox.faults.state().applied.filter((a) => a.kind === "rate_limiter")).toHaveLength(2);

    sandbox.faults.setRateLimit(false);
    expect(await q()).toBe(200);
    const res = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ rateLimit: true }),
    });
    expect(((await res.json()) as FaultsState).rateLimit).toEqual({ perSecond: 100, perMinute: 400 });

    const plain = await startSandbox({ port: 0 });
    try {
      expect(plain.faults.state().rateLimit).toBeNull();
      const statuses = await Promise.all(
        Array.from({ length: 120 }, () =>
          signedCall(plain.url, "/trade/v1/query", { out_trade_no: "x" }).then((r) => r.status),
        ),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      plain.faults.setRateLimit(true);
      const limited = await Promise.all(
        Array.from({ length: 120 }, () =>
          signedCall(plain.url, "/trade/v1/query", { out_trade_no: "x" }).then((r) => r.status),
        ),
      );
      expect(limited.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    } finally {
      await plain.close();
    }
  });
});
