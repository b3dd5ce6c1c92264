/**
 * Puts a ledger row where a state's own path would leave it, by writing the app's SQLite file
 * directly (the e2e server always runs on SQLite in E2E.dataDir). The paths themselves are covered
 * by the ledger unit tests; specs using this are about what staff see and do.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { E2E } from "./e2e-settings";

function writeLedger(sql: string, ...params: unknown[]): void {
  const db = new Database(path.join(E2E.dataDir, "scantill.sqlite"));
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** A payment that needs attention only because QFPay has not answered. */
export function markUnsettled(outTradeNo: string): void {
  const at = new Date().toISOString();
  writeLedger(
    `update payments set status = 'needs_attention', attention_kind = 'unsettled', attention_reason = 'e2e: no answer from QFPay', attention_at = ?, next_check_at = null, updated_at = ? where out_trade_no = ?`,
    at,
    at,
    outTradeNo,
  );
}

/** Back to the paid payment it was before `markUnsettled`, so the next test starts with nothing to decide. */
export function clearAttention(outTradeNo: string): void {
  writeLedger(
    `update payments set status = 'paid', attention_kind = null, attention_reason = null, attention_at = null, updated_at = ? where out_trade_no = ?`,
    new Date().toISOString(),
    outTradeNo,
  );
}
