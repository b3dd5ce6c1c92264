/** The outbox in IndexedDB (fake-indexeddb): schema upgrade, enqueue, order, updates and purge. */
import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import { OUTBOX_DB_VERSION, openOutboxDb } from "@/lib/offline/db";
import { createOutbox, KEEP_CLOSED_MS } from "@/lib/offline/outbox";
import { isOutstanding, isUnsent, newItem, OUTBOX_PHASES, type NewOutboxItem } from "@/lib/offline/outbox-item";

let dbCount = 0;
const freshName = () => `outbox-test-${Date.now()}-${dbCount++}`;

function input(outTradeNo: string, scannedAt = 1_000, overrides: Partial<NewOutboxItem> = {}): NewOutboxItem {
  return {
    outTradeNo,
    amount: 1250,
    currency: "HKD",
    authCode: "134567890123456789",
    source: "manual",
    scannedAt,
    codeLifetimeMs: 60_000,
    ...overrides,
  };
}

describe("outbox schema", () => {
  it("creates the current version from nothing", async () => {
    const db = await openOutboxDb(freshName());
    expect(db.version).toBe(OUTBOX_DB_VERSION);
    expect([...db.objectStoreNames]).toEqual(["outbox"]);
    expect([...db.transaction("outbox").store.indexNames]).toEqual(["by-created"]);
    db.close();
  });

  it("upgrades a version 1 database without losing its payments, filling the new fields", async () => {
    const name = freshName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore("outbox", { keyPath: "outTradeNo" });
      },
    });
    await v1.put("outbox", {
      outTradeNo: "ST1",
      amount: 500,
      currency: "HKD",
      authCode: "1234567890123456",
      scannedAt: 42,
      phase: "queued",
    });
    v1.close();

    const db = await openOutboxDb(name);
    const item = await db.get("outbox", "ST1");
    expect(item).toMatchObject({
      outTradeNo: "ST1",
      amount: 500,
      authCode: "1234567890123456",
      createdAt: 42,
      leaseOwner: null,
      leaseUntil: 0,
    });
    expect(await db.getAllFromIndex("outbox", "by-created")).toHaveLength(1);
    db.close();
  });
});

describe("items stored by an older version of the app", () => {
  /** An item exactly as the app before issue 11 wrote it: the code's last four under `codeLast4`. */
  const storedBeforeIssue11 = (outTradeNo: string, phase: string, updatedAt: number) => ({
    outTradeNo,
    amount: 1250,
    currency: "HKD",
    authCode: phase === "queued" ? "134567890123456789" : null,
    codeLast4: "6789",
    source: "camera",
    scannedAt: 1_000,
    scannedBy: null,
    codeExpiresAt: 61_000,
    createdAt: 1_000,
    phase,
    attempts: 0,
    lastSendStartedAt: null,
    lastSendEndedAt: null,
    payment: null,
    serverStatus: null,
    error: null,
    cancelRequested: false,
    dismissed: false,
    nextActionAt: 1_000,
    notFoundAt: null,
    updatedAt,
    leaseOwner: null,
    leaseUntil: 0,
  });

  async function storeOld(name: string, items: object[]): Promise<void> {
    (await openOutboxDb(name)).close();
    const raw = await openDB(name, OUTBOX_DB_VERSION);
    for (const item of items) await raw.put("outbox", item);
    raw.close();
  }

  it("reads the code's last four under its new name, and writes the new shape on the next update", async () => {
    const name = freshName();
    await storeOld(name, [storedBeforeIssue11("STOLD1", "queued", 1_000)]);
    const outbox = createOutbox(await openOutboxDb(name), () => 2_000);

    const read = await outbox.get("STOLD1");
    expect(read).toMatchObject({ outTradeNo: "STOLD1", authCodeLast4: "6789", source: "camera", phase: "queued" });
    expect(read).not.toHaveProperty("codeLast4");
    expect((await outbox.list())[0]?.authCodeLast4).toBe("6789");
    expect((await outbox.listOutstanding()).map((i) => i.authCodeLast4)).toEqual(["6789"]);

    const seen: string[] = [];
    const updated = await outbox.update("STOLD1", (item) => {
      seen.push(item.authCodeLast4);
      return { ...item, phase: "maybe_sent", attempts: 1 };
    });
    expect(seen).toEqual(["6789"]);
    expect(updated).toMatchObject({ authCodeLast4: "6789", phase: "maybe_sent" });
    outbox.db.close();

    const raw = await openDB(name, OUTBOX_DB_VERSION);
    const stored = (await raw.get("outbox", "STOLD1")) as Record<string, unknown>;
    raw.close();
    expect(stored).toMatchObject({ authCodeLast4: "6789", phase: "maybe_sent", attempts: 1 });
    expect(stored).not.toHaveProperty("codeLast4");
  });

  it("purges an old closed item and keeps an old outstanding one", async () => {
    const name = freshName();
    await storeOld(name, [
      storedBeforeIssue11("STOLDQ", "queued", 1_000),
      storedBeforeIssue11("STOLDF", "final", 1_000),
    ]);
    const outbox = createOutbox(await openOutboxDb(name), () => 1_000 + KEEP_CLOSED_MS + 1);
    expect(await outbox.purge()).toBe(1);
    expect((await outbox.list()).map((i) => [i.outTradeNo, i.authCodeLast4])).toEqual([["STOLDQ", "6789"]]);
    outbox.db.close();
  });
});

describe("outbox store", () => {
  it("stores everything needed to send before anything is sent, and lists oldest first", async () => {
    let clock = 10_000;
    const outbox = createOutbox(await openOutboxDb(freshName()), () => clock);
    await outbox.enqueue(input("STB", 9_000));
    clock = 10_001;
    await outbox.enqueue(input("STA", 9_500));
    clock = 10_002;
    await outbox.enqueue(input("STC", 8_000));
    const list = await outbox.list();
    expect(list.map((i) => i.outTradeNo)).toEqual(["STB", "STA", "STC"]);
    expect(list[0]).toMatchObject({
      outTradeNo: "STB",
      amount: 1250,
      currency: "HKD",
      authCode: "134567890123456789",
      authCodeLast4: "6789",
      scannedAt: 9_000,
      codeExpiresAt: 69_000,
      phase: "queued",
      attempts: 0,
    });
    expect(list.every(isOutstanding)).toBe(true);
  });

  it("never overwrites an item with the same outTradeNo", async () => {
    const outbox = createOutbox(await openOutboxDb(freshName()));
    await outbox.enqueue(input("STDUP"));
    await expect(outbox.enqueue(input("STDUP", 2_000, { amount: 1 }))).rejects.toThrow();
    expect((await outbox.get("STDUP"))?.amount).toBe(1250);
  });

  it("updates in one transaction and keeps the outTradeNo", async () => {
    const outbox = createOutbox(await openOutboxDb(freshName()));
    await outbox.enqueue(input("STU"));
    const updated = await outbox.update("STU", (i) => ({ ...i, phase: "maybe_sent", attempts: 1 }));
    expect(updated).toMatchObject({ phase: "maybe_sent", attempts: 1 });
    await expect(outbox.update("STU", (i) => ({ ...i, outTradeNo: "OTHER" }))).rejects.toThrow(/keeps its outTradeNo/);
    expect(await outbox.update("NOPE", (i) => i)).toBeUndefined();
  });

  it("purges old closed items only, never an outstanding one", async () => {
    let clock = 0;
    const outbox = createOutbox(await openOutboxDb(freshName()), () => clock);
    await outbox.enqueue(input("STOPEN"));
    await outbox.enqueue(input("STFINAL"));
    await outbox.update("STFINAL", (i) => ({ ...i, phase: "final", authCode: null }));
    clock = KEEP_CLOSED_MS + 1;
    expect(await outbox.purge()).toBe(1);
    expect((await outbox.list()).map((i) => i.outTradeNo)).toEqual(["STOPEN"]);
  });
});

describe("what the top bar's badge counts", () => {
  it("counts only what the server does not have; a payment waiting for the customer is not unsent", () => {
    const base = newItem(
      {
        outTradeNo: "ABCDEFGH1",
        amount: 100,
        currency: "HKD",
        authCode: "134567890123456789",
        source: "manual",
        scannedAt: 0,
        codeLifetimeMs: 60_000,
      },
      0,
    );
    const unsent = OUTBOX_PHASES.filter((phase) => isUnsent({ ...base, phase }));
    expect(unsent).toEqual(["queued", "maybe_sent"]);
    // Signing out still waits for the outstanding ones too.
    expect(isOutstanding({ ...base, phase: "at_server" })).toBe(true);
  });
});
