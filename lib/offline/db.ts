/**
 * The terminal's IndexedDB database (BROWSER ONLY): its name, version, typed schema and migrations.
 *
 * Owns: `openOutboxDb()`, the `DBSchema`, and every `upgrade` step. Must never: send anything over
 * the network, decide what happens to a payment (that is `sync.ts`), or be imported by server code.
 * A new version only ever adds to the schema or fills new fields; it never drops a payment.
 */
import "client-only";
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OutboxItem, StoredOutboxItem } from "./outbox-item";

const OUTBOX_DB_NAME = "scantill-offline";
/** v1: the outbox keyed by outTradeNo. v2: `by-created` index (drain order) and lease fields. */
export const OUTBOX_DB_VERSION = 2;

export interface OutboxSchema extends DBSchema {
  outbox: {
    key: string;
    /** Read only through `fromStored` (outbox.ts): older items have older field names. */
    value: StoredOutboxItem;
    indexes: { "by-created": number };
  };
}

export type OutboxDb = IDBPDatabase<OutboxSchema>;

/** Opens (and migrates) the database. `name` lets tests use a fresh one each time. */
export function openOutboxDb(name: string = OUTBOX_DB_NAME): Promise<OutboxDb> {
  return openDB<OutboxSchema>(name, OUTBOX_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore("outbox", { keyPath: "outTradeNo" });
      }
      if (oldVersion < 2) {
        const store = tx.objectStore("outbox");
        store.createIndex("by-created", "createdAt");
        // v1 items had no lease and no separate creation time: fill both so they drain in order.
        void store.openCursor().then(async function fill(cursor): Promise<void> {
          if (!cursor) return;
          const item = cursor.value as Partial<OutboxItem> & { outTradeNo: string; scannedAt: number };
          await cursor.update({
            ...item,
            createdAt: item.createdAt ?? item.scannedAt,
            leaseOwner: item.leaseOwner ?? null,
            leaseUntil: item.leaseUntil ?? 0,
          } as OutboxItem);
          return fill(await cursor.continue());
        });
      }
    },
    blocking() {
      // Another tab wants a newer version: let it (this tab reopens on its next reload).
    },
  });
}
