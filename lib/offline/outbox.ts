/**
 * The outbox store (BROWSER ONLY): every payment this terminal has started, written before its
 * request leaves.
 *
 * Owns: enqueue / get / list (in drain order) / update / purge on the `outbox` object store. Must
 * never: send requests, pick a new outTradeNo for an existing item, or delete an item that is still
 * outstanding (`isOutstanding`): a payment that may have reached the server is never dropped.
 */
import type { OutboxDb } from "./db";
import { isOutstanding, newItem, type NewOutboxItem, type OutboxItem, type StoredOutboxItem } from "./outbox-item";

export type Outbox = ReturnType<typeof createOutbox>;

/**
 * An item as this version of the app reads it, whatever version stored it: before issue 11 the
 * code's last four were `codeLast4`. Rewritten in the new shape on its next update.
 */
function fromStored(stored: StoredOutboxItem): OutboxItem {
  if (!("codeLast4" in stored)) return stored;
  const { codeLast4, ...item } = stored;
  return { ...item, authCodeLast4: codeLast4 };
}

/** Final items are kept this long (resume shows how a payment ended), then purged. */
export const KEEP_CLOSED_MS = 15 * 60_000;

export function createOutbox(db: OutboxDb, now: () => number = Date.now) {
  return {
    db,

    /** Writes a new item; refuses an outTradeNo that is already there (never overwrites a payment). */
    async enqueue(input: NewOutboxItem): Promise<OutboxItem> {
      const item = newItem(input, now());
      await db.add("outbox", item);
      return item;
    },

    async get(outTradeNo: string): Promise<OutboxItem | undefined> {
      const stored = await db.get("outbox", outTradeNo);
      return stored && fromStored(stored);
    },

    /** Every item, oldest first (the drain order). */
    async list(): Promise<OutboxItem[]> {
      const items = (await db.getAllFromIndex("outbox", "by-created")).map(fromStored);
      return items.sort((a, b) => a.createdAt - b.createdAt || a.outTradeNo.localeCompare(b.outTradeNo));
    },

    async listOutstanding(): Promise<OutboxItem[]> {
      return (await this.list()).filter(isOutstanding);
    },

    /**
     * Read-modify-write in one transaction: `change` sees the stored item (another tab may have
     * moved it on) and returns the new one, or null to leave it as it is.
     */
    async update(outTradeNo: string, change: (item: OutboxItem) => OutboxItem | null): Promise<OutboxItem | undefined> {
      const tx = db.transaction("outbox", "readwrite");
      const stored = await tx.store.get(outTradeNo);
      if (!stored) {
        await tx.done;
        return undefined;
      }
      const current = fromStored(stored);
      const next = change(current);
      if (next) {
        if (next.outTradeNo !== current.outTradeNo) throw new Error("an outbox item keeps its outTradeNo");
        await tx.store.put({ ...next, updatedAt: now() });
      }
      await tx.done;
      return next ? { ...next, updatedAt: now() } : current;
    },

    /** Deletes closed items older than `KEEP_CLOSED_MS`; outstanding items are never deleted. */
    async purge(): Promise<number> {
      const tx = db.transaction("outbox", "readwrite");
      let removed = 0;
      for await (const cursor of tx.store) {
        const item = fromStored(cursor.value);
        if (
          !isOutstanding(item) &&
          now() - item.updatedAt > KEEP_CLOSED_MS &&
          (item.phase !== "expired" || item.dismissed || now() - item.updatedAt > 4 * KEEP_CLOSED_MS)
        ) {
          await cursor.delete();
          removed++;
        }
      }
      await tx.done;
      return removed;
    },
  };
}
