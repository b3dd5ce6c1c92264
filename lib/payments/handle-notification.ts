/**
 * QFPay's asynchronous notification (docs/qfpay.md §7): verified over the raw body, recorded once,
 * and never trusted on its own: it only makes the resolver confirm by enquiry now. Only QFPay's
 * record (the enquiry) moves a state; a repeat (QFPay retries until it hears SUCCESS) changes nothing.
 */
import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "@/lib/db";
import { ledgerTransaction } from "@/lib/db/audited-write";
import type { Database } from "@/lib/db/schema";
import type { Transaction } from "kysely";
import { AppError } from "@/lib/errors";
import { qfpayConfigFromEnv } from "@/lib/qfpay/config";
import { parseNotification } from "@/lib/qfpay/notifications";
import { verifyNotificationSignature } from "@/lib/qfpay/sign";
import { endedUnpaid } from "@/lib/contract/payment-status";
import { notePayment, nowIso } from "./ledger-writes";
import { resolvePaymentNow } from "./resolver";

export type NotificationOutcome = "enquiry" | "unknown_order" | "already_final" | "duplicate";

/** `rawBody` as received: the signature and the duplicate check are over its exact bytes. */
export async function handleNotification(
  rawBody: Uint8Array | string,
  signature: string | null,
): Promise<NotificationOutcome> {
  if (!verifyNotificationSignature(rawBody, signature, qfpayConfigFromEnv().clientKey)) {
    throw new AppError("notification_bad_signature", "notification signature does not match");
  }
  const note = parseNotification(typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8"));
  if (!note) throw new AppError("notification_malformed", "notification body is not a QFPay notification");

  const db = await getDb();
  const bodySha = createHash("sha256").update(rawBody).digest("hex");
  // A notification about a payment the ledger has open or paid only makes the resolver ask now, or
  // repeats what QFPay will say again: its record commits without waiting for the disk (lost in a
  // power cut, the resolver asks on its own schedule; docs/performance.md §8). A late success on a
  // failed or cancelled payment, or an order we do not know, is our finding: fsynced.
  const known = await db
    .selectFrom("payments")
    .select("status")
    .where("out_trade_no", "=", note.outTradeNo)
    .executeTakeFirst();
  let rederivable = known !== undefined && !endedUnpaid(known.status);
  let outcome: NotificationOutcome | undefined;
  while (outcome === undefined) {
    const record = (trx: Transaction<Database>) => recordNotification(trx, note, bodySha, rederivable);
    outcome = await ledgerTransaction(record, rederivable ? "rederivable" : "fsync");
    // It closed in between: recorded again, fsynced.
    if (outcome === undefined) rederivable = false;
  }
  // Confirm in the background: QFPay only needs to hear SUCCESS, and the resolver loop would get
  // there anyway within one tick.
  if (outcome === "enquiry")
    void resolvePaymentNow(note.outTradeNo, 5_000).catch((error: unknown) =>
      console.error("[notify] enquiry failed", error),
    );
  return outcome;
}

/** Records `note` in `trx`; undefined, having written nothing, when `rederivable` no longer holds (it closed meanwhile). */
async function recordNotification(
  trx: Transaction<Database>,
  note: NonNullable<ReturnType<typeof parseNotification>>,
  bodySha: string,
  rederivable: boolean,
): Promise<NotificationOutcome | undefined> {
  if (await trx.selectFrom("notifications").select("id").where("body_sha256", "=", bodySha).executeTakeFirst())
    return "duplicate";
  const now = nowIso();
  // Any notification for something not final makes the resolver ask QFPay now, late checks of a
  // payment or refund that needs a manager included (issue 8: a late success is always caught).
  const due = { next_check_at: now };
  const open = ["pending", "needs_attention"] as const;
  const payment = await trx
    .updateTable("payments")
    .set(due)
    .where("out_trade_no", "=", note.outTradeNo)
    .where("status", "in", open)
    .executeTakeFirst();
  const refund = await trx
    .updateTable("refunds")
    .set(due)
    .where("out_trade_no", "=", note.outTradeNo)
    .where("status", "in", open)
    .executeTakeFirst();
  let result: NotificationOutcome = "enquiry";
  if (Number(payment.numUpdatedRows) + Number(refund.numUpdatedRows) === 0) {
    const closed = await trx
      .selectFrom("payments")
      .select(["status", "next_check_at"])
      .where("out_trade_no", "=", note.outTradeNo)
      .executeTakeFirst();
    const knownRefund = await trx
      .selectFrom("refunds")
      .select("out_trade_no")
      .where("out_trade_no", "=", note.outTradeNo)
      .executeTakeFirst();
    // QFPay says a payment we told the cashier failed/was cancelled succeeded (QF-FAQ Q4 in
    // docs/qfpay.md §9): never left silent. The resolver asks QFPay now and keeps asking with the
    // late checks (a lost answer or a restart cannot drop it); a charge goes to a manager.
    if (closed !== undefined && endedUnpaid(closed.status)) {
      if (rederivable) return undefined;
      await trx
        .updateTable("payments")
        .set({ next_check_at: now, ...(closed.next_check_at === null ? { attention_at: now } : {}) })
        .where("out_trade_no", "=", note.outTradeNo)
        .execute();
      await notePayment(trx, note.outTradeNo, closed.status, {
        at: now,
        actor: "qfpay-notify",
        respcd: note.respcd,
        note: `QFPay notified a ${note.notifyType || "?"} for a payment the ledger has as ${closed.status}: asking QFPay now`,
      });
    } else {
      result = closed || knownRefund ? "already_final" : "unknown_order";
    }
  }
  await trx
    .insertInto("notifications")
    .values({
      body_sha256: bodySha,
      received_at: now,
      notify_type: note.notifyType || null,
      out_trade_no: note.outTradeNo,
      outcome: result,
    })
    .execute();
  return result;
}
