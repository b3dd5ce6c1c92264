/** The drain: order, per-item outcomes, the lifetime rule end to end, lookups, and one sender per item. */
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openOutboxDb } from "@/lib/offline/db";
import { createOutbox } from "@/lib/offline/outbox";
import type { NewOutboxItem } from "@/lib/offline/outbox-item";
import { NEVER_ARRIVED_MARGIN_MS } from "@/lib/offline/send-rules";
import {
  createOutboxSync,
  type LookupResult,
  type OutboxTransport,
  type SendInput,
  type SendResult,
} from "@/lib/offline/sync";
import type { PaymentStatus, PaymentView } from "@/lib/contract/payments";
import { paymentViewFixture } from "../../support/payment-views";

let n = 0;
const dbName = () => `sync-test-${Date.now()}-${n++}`;

/** What the server answers about a payment it has (the amounts and times do not matter to the outbox). */
const view = (outTradeNo: string, status: PaymentStatus = "paid"): PaymentView =>
  paymentViewFixture({ outTradeNo, status });

/** A fake server: remembers what arrived (idempotent on outTradeNo), and can drop the network or the answer. */
function fakeServer() {
  const received = new Map<string, SendInput>();
  const sends: SendInput[] = [];
  const state = { network: true, dropAnswers: 0, status: "paid" as PaymentStatus };
  const transport: OutboxTransport = {
    async send(input): Promise<SendResult> {
      sends.push(input);
      if (!state.network) return { kind: "unreachable", reason: "TypeError" };
      if (!received.has(input.outTradeNo)) received.set(input.outTradeNo, input);
      if (state.dropAnswers > 0) {
        state.dropAnswers--;
        return { kind: "unreachable", reason: "connectionreset" };
      }
      return { kind: "accepted", payment: view(input.outTradeNo, state.status) };
    },
    async lookup(outTradeNo): Promise<LookupResult> {
      if (!state.network) return { kind: "unreachable", reason: "TypeError" };
      return received.has(outTradeNo)
        ? { kind: "found", payment: view(outTradeNo, state.status) }
        : { kind: "notFound" };
    },
  };
  return { received, sends, state, transport };
}

async function setup(options: { online?: boolean } = {}) {
  const clock = { now: 100_000 };
  const outbox = createOutbox(await openOutboxDb(dbName()), () => clock.now);
  const server = fakeServer();
  const net = { online: options.online ?? true };
  const sync = createOutboxSync({
    outbox,
    transport: server.transport,
    connectivity: { isOnline: () => net.online, suspect: () => {} },
    lock: { owner: "tab-1", locks: null },
    now: () => clock.now,
  });
  const enqueue = (outTradeNo: string, extra: Partial<NewOutboxItem> = {}) =>
    outbox.enqueue({
      outTradeNo,
      amount: 100,
      currency: "HKD",
      authCode: `1345678901234${n++}`.padEnd(18, "7"),
      source: "manual",
      scannedAt: clock.now,
      codeLifetimeMs: 60_000,
      ...extra,
    });
  return { clock, outbox, server, net, sync, enqueue };
}

describe("drain", () => {
  it("sends in order, reports per item, and deletes the code once the server has it", async () => {
    const { outbox, server, sync, enqueue } = await setup();
    await enqueue("ST_A");
    await enqueue("ST_B");
    const report = await sync.drain();
    expect(report.outcomes).toEqual({ ST_A: "final", ST_B: "final" });
    expect(server.sends.map((s) => s.outTradeNo)).toEqual(["ST_A", "ST_B"]);
    for (const item of await outbox.list())
      expect(item).toMatchObject({ phase: "final", authCode: null, serverStatus: "paid" });
  });

  it("writes the attempt before the request leaves", async () => {
    const { outbox, server, sync, enqueue } = await setup();
    await enqueue("ST_W");
    let seen: unknown;
    const send = server.transport.send;
    server.transport.send = async (input) => {
      seen = await outbox.get(input.outTradeNo);
      return send(input);
    };
    await sync.drain();
    expect(seen).toMatchObject({
      phase: "maybe_sent",
      attempts: 1,
      lastSendEndedAt: null,
      authCode: expect.any(String),
    });
  });

  it("offline: nothing is sent; back online within the lifetime: sent once with the same outTradeNo", async () => {
    const { clock, net, server, sync, enqueue } = await setup({ online: false });
    await enqueue("ST_OFF");
    expect((await sync.drain()).outcomes).toEqual({ ST_OFF: "offline" });
    expect(server.sends).toHaveLength(0);
    clock.now += 10_000;
    net.online = true;
    expect((await sync.drain()).outcomes).toEqual({ ST_OFF: "final" });
    expect(server.sends.map((s) => s.outTradeNo)).toEqual(["ST_OFF"]);
  });

  it("a code that never left and outlived its lifetime is not sent: expired, code deleted", async () => {
    const { clock, net, outbox, server, sync, enqueue } = await setup({ online: false });
    await enqueue("ST_OLD");
    clock.now += 61_000;
    net.online = true;
    expect((await sync.drain()).outcomes).toEqual({ ST_OLD: "expired" });
    expect(server.sends).toHaveLength(0);
    expect(await outbox.get("ST_OLD")).toMatchObject({ phase: "expired", authCode: null });
  });

  it("the answer is lost after the request arrived: found by lookup, never sent twice", async () => {
    const { clock, server, sync, enqueue, outbox } = await setup();
    server.state.dropAnswers = 1;
    server.state.status = "pending";
    await enqueue("ST_LOST");
    expect((await sync.drain()).outcomes).toEqual({ ST_LOST: "unreachable" });
    clock.now += 2_000;
    expect((await sync.drain()).outcomes).toEqual({ ST_LOST: "found" });
    expect(server.sends).toHaveLength(1);
    expect(await outbox.get("ST_LOST")).toMatchObject({ phase: "at_server", authCode: null });
    server.state.status = "paid";
    clock.now += 1_000;
    expect((await sync.drain()).outcomes).toEqual({ ST_LOST: "final" });
    expect(server.received.size).toBe(1);
  });

  it("the request never arrived (404) and the code is fresh: resent with the same outTradeNo", async () => {
    const { clock, net, server, sync, enqueue } = await setup();
    net.online = true;
    server.state.network = false;
    await enqueue("ST_RESEND");
    expect((await sync.drain()).outcomes).toEqual({ ST_RESEND: "unreachable" });
    server.state.network = true;
    clock.now += 2_000;
    expect((await sync.drain()).outcomes).toEqual({ ST_RESEND: "final" });
    expect(server.sends.map((s) => s.outTradeNo)).toEqual(["ST_RESEND", "ST_RESEND"]);
    expect(server.received.size).toBe(1);
  });

  it("may have been sent, code now too old: kept and looked up until a late enough 404 proves it never arrived", async () => {
    const { clock, server, sync, enqueue, outbox } = await setup();
    server.state.network = false;
    await enqueue("ST_PROOF");
    await sync.drain(); // attempt began and failed at t=100 000
    clock.now += 65_000; // the code is past its lifetime
    server.state.network = true;
    // The attempt ended at 100 000; the margin has long passed: the 404 proves it never arrived.
    expect((await sync.drain()).outcomes).toEqual({ ST_PROOF: "expired" });
    expect(server.sends).toHaveLength(1);
    expect(await outbox.get("ST_PROOF")).toMatchObject({ phase: "expired", authCode: null });
  });

  it("a 404 too soon after an attempt the page died during proves nothing: keeps looking", async () => {
    const { clock, server, sync, enqueue, outbox } = await setup();
    await enqueue("ST_CRASH");
    // The page died mid-send 55 s after the scan (attempt written, never ended); 61 s after the scan the code is old.
    await outbox.update("ST_CRASH", (i) => ({
      ...i,
      phase: "maybe_sent",
      attempts: 1,
      lastSendStartedAt: clock.now + 55_000,
      lastSendEndedAt: null,
    }));
    clock.now += 61_000;
    expect((await sync.drain()).outcomes).toEqual({ ST_CRASH: "waiting" });
    expect(server.sends).toHaveLength(0);
    expect((await outbox.get("ST_CRASH"))?.phase).toBe("maybe_sent");
    clock.now = 155_000 + 35_000 + NEVER_ARRIVED_MARGIN_MS + 1;
    expect((await sync.drain()).outcomes).toEqual({ ST_CRASH: "expired" });
  });

  it("records when the server had no record of it (the screen says so), and forgets it once the server has it (issue 10)", async () => {
    const { clock, server, sync, enqueue, outbox } = await setup();
    await enqueue("ST_NOREC");
    expect((await outbox.get("ST_NOREC"))?.notFoundAt).toBeNull();
    // An attempt the page died during, 55 s after the scan; at 61 s the code is too old to resend,
    // and it is too soon to prove it never arrived.
    await outbox.update("ST_NOREC", (i) => ({
      ...i,
      phase: "maybe_sent",
      attempts: 1,
      lastSendStartedAt: clock.now + 55_000,
      lastSendEndedAt: null,
    }));
    clock.now += 61_000;
    expect((await sync.drain()).outcomes).toEqual({ ST_NOREC: "waiting" });
    expect(await outbox.get("ST_NOREC")).toMatchObject({ phase: "maybe_sent", notFoundAt: clock.now });
    server.received.set("ST_NOREC", { outTradeNo: "ST_NOREC", amount: 100, currency: "HKD", authCode: "x" });
    clock.now += 60_000;
    expect((await sync.drain()).outcomes).toEqual({ ST_NOREC: "final" });
    expect(await outbox.get("ST_NOREC")).toMatchObject({ phase: "final", notFoundAt: null });
  });

  it("stops sending the rest after a network failure, oldest first", async () => {
    const { server, sync, enqueue } = await setup();
    server.state.network = false;
    await enqueue("ST_1");
    await enqueue("ST_2");
    expect((await sync.drain()).outcomes).toEqual({ ST_1: "unreachable", ST_2: "offline" });
    expect(server.sends).toHaveLength(1);
  });

  it("a refused request is closed with its reason and its code deleted", async () => {
    const { outbox, server, sync, enqueue } = await setup();
    server.transport.send = async () => ({ kind: "refused", error: { code: "conflict", message: "code used" } });
    await enqueue("ST_409");
    expect((await sync.drain()).outcomes).toEqual({ ST_409: "rejected" });
    expect(await outbox.get("ST_409")).toMatchObject({
      phase: "rejected",
      authCode: null,
      error: { code: "conflict" },
    });
  });

  it("a cancel asked for: never resent", async () => {
    const { clock, server, sync, enqueue } = await setup();
    server.state.network = false;
    await enqueue("ST_CANCEL");
    await sync.drain();
    await sync.markCancelRequested("ST_CANCEL");
    server.state.network = true;
    clock.now += 2_000;
    expect((await sync.drain()).outcomes).toEqual({ ST_CANCEL: "waiting" });
    expect(server.sends).toHaveLength(1);
  });

  it("concurrent drains in one tab run one at a time and send each item once", async () => {
    const { server, sync, enqueue } = await setup();
    await enqueue("ST_SF");
    await Promise.all([sync.drain(), sync.drain(), sync.drain()]);
    expect(server.sends).toHaveLength(1);
  });
});

describe("an expired code leaves IndexedDB on every path (send-rules rule 4)", () => {
  /** What IndexedDB holds, read back raw: the code must be nowhere in it. */
  async function stored(outbox: Awaited<ReturnType<typeof setup>>["outbox"]): Promise<string> {
    return JSON.stringify(await outbox.db.getAll("outbox"));
  }
  /** Puts an item in `maybe_sent` as a page that died mid-send would leave it: the attempt began, no answer. */
  async function diedMidSend(s: Awaited<ReturnType<typeof setup>>, outTradeNo: string, startedAfterMs = 55_000) {
    const item = await s.enqueue(outTradeNo);
    await s.outbox.update(outTradeNo, (i) => ({
      ...i,
      phase: "maybe_sent",
      attempts: 1,
      lastSendStartedAt: s.clock.now + startedAfterMs,
      lastSendEndedAt: null,
    }));
    return item.authCode!;
  }

  it("queued, past its lifetime, even while offline: expired and the code erased, never sent", async () => {
    const s = await setup({ online: false });
    const code = (await s.enqueue("ST_Q_OLD")).authCode!;
    s.clock.now += 60_000;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_Q_OLD: "expired" });
    expect(await s.outbox.get("ST_Q_OLD")).toMatchObject({ phase: "expired", authCode: null });
    expect(await stored(s.outbox)).not.toContain(code);
    expect(s.server.sends).toHaveLength(0);
  });

  it("queued, past its lifetime, while another tab holds the item: the code is erased all the same", async () => {
    const s = await setup();
    const code = (await s.enqueue("ST_Q_BUSY")).authCode!;
    await s.outbox.update("ST_Q_BUSY", (i) => ({ ...i, leaseOwner: "tab-2", leaseUntil: s.clock.now + 600_000 }));
    s.clock.now += 61_000;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_Q_BUSY: "busy" });
    expect(await s.outbox.get("ST_Q_BUSY")).toMatchObject({ phase: "queued", authCode: null, leaseOwner: "tab-2" });
    expect(await stored(s.outbox)).not.toContain(code);
    expect(s.server.sends).toHaveLength(0);
  });

  it("maybe_sent past its lifetime, the server still answering 404 too soon to prove anything: keeps looking, without the code", async () => {
    const s = await setup();
    const code = await diedMidSend(s, "ST_M_404");
    s.clock.now += 61_000;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_M_404: "waiting" });
    const item = await s.outbox.get("ST_M_404");
    expect(item).toMatchObject({ phase: "maybe_sent", authCode: null, authCodeLast4: code.slice(-4) });
    expect(await stored(s.outbox)).not.toContain(code);
    // Still looked up later, still never resent; a late enough 404 closes it.
    s.clock.now = 155_000 + 35_000 + NEVER_ARRIVED_MARGIN_MS + 1;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_M_404: "expired" });
    expect(s.server.sends).toHaveLength(0);
    expect(await stored(s.outbox)).not.toContain(code);
  });

  it("maybe_sent past its lifetime after a lost answer, the server unreachable: code erased, looked up again later", async () => {
    const s = await setup();
    s.server.state.network = false;
    const code = (await s.enqueue("ST_M_NET")).authCode!;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_M_NET: "unreachable" });
    expect((await s.outbox.get("ST_M_NET"))?.authCode).toBe(code); // still fresh: kept for a resend
    s.clock.now += 61_000;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_M_NET: "unreachable" });
    expect(await s.outbox.get("ST_M_NET")).toMatchObject({ phase: "maybe_sent", authCode: null });
    expect(await stored(s.outbox)).not.toContain(code);
    expect(s.server.sends).toHaveLength(1);
  });

  it("maybe_sent past its lifetime while offline or signed out: erased without any request", async () => {
    const s = await setup();
    const offlineCode = await diedMidSend(s, "ST_M_OFF");
    const signedOutCode = await diedMidSend(s, "ST_M_OUT");
    s.net.online = false;
    // Offline, the next pass is due when the code expires (before: never, until the network returned).
    expect(await s.sync.nextDueAt()).toBe(s.clock.now + 60_000);
    s.clock.now += 60_000;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_M_OFF: "offline", ST_M_OUT: "offline" });
    expect(await stored(s.outbox)).not.toContain(offlineCode);
    expect(await stored(s.outbox)).not.toContain(signedOutCode);
    expect(await s.sync.nextDueAt()).toBeNull();

    const t = await setup();
    const code = await diedMidSend(t, "ST_M_SESSION");
    t.server.transport.lookup = async () => ({ kind: "signedOut" });
    t.clock.now += 61_000;
    expect((await t.sync.drain()).outcomes).toEqual({ ST_M_SESSION: "signed_out" });
    expect(await stored(t.outbox)).not.toContain(code);
  });

  it("at_server: the code went when the server showed the payment, and an old item holding one loses it at expiry", async () => {
    const s = await setup();
    s.server.state.status = "pending";
    const code = (await s.enqueue("ST_AT")).authCode!;
    expect((await s.sync.drain()).outcomes).toEqual({ ST_AT: "sent" });
    expect(await s.outbox.get("ST_AT")).toMatchObject({ phase: "at_server", authCode: null });
    expect(await stored(s.outbox)).not.toContain(code);

    // An item written with its code still there (e.g. by an older version of the app).
    const legacy = (await s.enqueue("ST_AT_OLD")).authCode!;
    await s.outbox.update("ST_AT_OLD", (i) => ({
      ...i,
      phase: "at_server",
      payment: view("ST_AT_OLD", "pending"),
      serverStatus: "pending",
    }));
    s.server.state.network = false;
    s.clock.now += 60_000;
    await s.sync.drain();
    expect(await s.outbox.get("ST_AT_OLD")).toMatchObject({ phase: "at_server", authCode: null });
    expect(await stored(s.outbox)).not.toContain(legacy);
  });

  it("a cancel asked for erases the code at once (it can never be sent again)", async () => {
    const s = await setup();
    s.server.state.network = false;
    const code = (await s.enqueue("ST_C")).authCode!;
    await s.sync.drain();
    await s.sync.markCancelRequested("ST_C");
    expect(await s.outbox.get("ST_C")).toMatchObject({ phase: "maybe_sent", cancelRequested: true, authCode: null });
    expect(await stored(s.outbox)).not.toContain(code);
  });

  it("a fresh code is kept while it may still be needed for a resend", async () => {
    const s = await setup();
    s.server.state.network = false;
    const code = (await s.enqueue("ST_FRESH")).authCode!;
    await s.sync.drain();
    s.clock.now += 59_000;
    await s.sync.drain();
    expect((await s.outbox.get("ST_FRESH"))?.authCode).toBe(code);
  });
});
