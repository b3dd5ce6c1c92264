/**
 * A fingerprint of the ledger (issue 9: "no ledger change from any rejected request"): per table,
 * the row count and a SHA-256 over every row, read from the app's SQLite file opened read-only
 * (lib/db/open-database.ts: <POS_DATA_DIR>/scantill.sqlite, WAL mode, which lets a reader in
 * while the app writes).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";

const LEDGER_TABLES = ["payments", "refunds", "payment_events", "refund_events", "users"] as const;

export type LedgerFingerprint = Record<string, { rows: number; sha256: string }>;

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, "scantill.sqlite");
}

export function ledgerFingerprint(file: string, tables: readonly string[] = LEDGER_TABLES): LedgerFingerprint {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const out: LedgerFingerprint = {};
    for (const table of tables) {
      const rows = db.prepare(`select * from "${table.replace(/"/g, "")}" order by rowid`).all();
      const hash = createHash("sha256");
      for (const row of rows) hash.update(JSON.stringify(row)).update("\n");
      out[table] = { rows: rows.length, sha256: hash.digest("hex") };
    }
    return out;
  } finally {
    db.close();
  }
}

/** The tables whose fingerprint differs, e.g. ["payments: 1 → 2 rows"]; empty when equal. */
export function ledgerDifferences(before: LedgerFingerprint, after: LedgerFingerprint): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names
    .filter((t) => before[t]?.sha256 !== after[t]?.sha256)
    .map(
      (t) =>
        `${t}: ${before[t]?.rows ?? "missing"} → ${after[t]?.rows ?? "missing"} rows${before[t]?.rows === after[t]?.rows ? " (contents changed)" : ""}`,
    );
}
