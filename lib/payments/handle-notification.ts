/**
 * QFPay's asynchronous notification (API-FACTS §7): verified over the raw body, recorded once,
 * and never trusted on its own: it only makes the resolver confirm by enquiry now. A final state
 * never moves because of it; a repeat (QFPay retries until it hears SUCCESS) changes nothing.
 */
import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { qfpayConfigFromEnv } from "@/lib/qfpay/config";
import { parseNotification } from "@/lib/qfpay/notifications";
import { verifyNotificationSignature } from "@/lib/qfpay/sign";
import { nowIso } from "./ledger-writes";
import { resolvePaymentNow } from "./resolver";

export type NotificationOutcome = "enquiry" | "unknown_order" | "already_final" | "duplicate";

export async function handleNotification(rawBody: string, signature: string | null): Promise<NotificationOutcome> {
  if (!verifyNotificationSignature(rawBody, signature, qfpayConfigFromEnv().clientKey)) {
    throw new AppError("unauthorized", "notification signature does not match");
  }
  const note = parseNotification(rawBody);
  if (!note) throw new AppError("invalid_request", "notification body is not a QFPay notification");

  const db = await getDb();
  const bodySha = createHash("sha256").update(rawBody).digest("hex");
  const outcome = await db.transaction().execute(async (trx): Promise<NotificationOutcome> => {
    if (await trx.selectFrom("notifications").select("id").where("body_sha256", "=", bodySha).executeTakeFirst()) return "duplicate";
    const now = nowIso();
    const due = { next_check_at: now };
    const payment = await trx.updateTable("payments").set(due).where("out_trade_no", "=", note.outTradeNo).where("status", "=", "pending").executeTakeFirst();
    const refund = await trx.updateTable("refunds").set(due).where("out_trade_no", "=", note.outTradeNo).where("status", "=", "pending").executeTakeFirst();
    let result: NotificationOutcome = "enquiry";
    if (Number(payment.numUpdatedRows) + Number(refund.numUpdatedRows) === 0) {
      const known =
        (await trx.selectFrom("payments").select("out_trade_no").where("out_trade_no", "=", note.outTradeNo).executeTakeFirst()) ??
        (await trx.selectFrom("refunds").select("out_trade_no").where("out_trade_no", "=", note.outTradeNo).executeTakeFirst());
      result = known ? "already_final" : "unknown_order";
      // QFPay says a payment we closed as failed/cancelled succeeded after all (QF-FAQ Q4 in
      // API-FACTS §9): the state stays, a manager sees the note and refunds if the money arrived.
      const failedOrCancelled = await trx
        .selectFrom("payments")
        .select(["out_trade_no", "status"])
        .where("out_trade_no", "=", note.outTradeNo)
        .where("status", "in", ["failed", "cancelled"])
        .executeTakeFirst();
      if (failedOrCancelled && note.notifyType === "payment" && note.respcd === "0000" && (note.cancel ?? "0") === "0") {
        await trx
          .insertInto("payment_events")
          .values({ out_trade_no: note.outTradeNo, at: now, actor: "qfpay-notify", from_status: failedOrCancelled.status, to_status: failedOrCancelled.status, respcd: note.respcd, note: "QFPay notified a successful payment that the ledger has as " + failedOrCancelled.status + ": check it in QFPay's portal and refund if the customer was charged" })
          .execute();
      }
    }
    await trx.insertInto("notifications").values({ body_sha256: bodySha, received_at: now, notify_type: note.notifyType || null, out_trade_no: note.outTradeNo, outcome: result }).execute();
    return result;
  });
  // Confirm in the background: QFPay only needs to hear SUCCESS, and the resolver loop would get
  // there anyway within one tick.
  if (outcome === "enquiry") void resolvePaymentNow(note.outTradeNo, 5_000).catch((error: unknown) => console.error("[notify] enquiry failed", error));
  return outcome;
}
