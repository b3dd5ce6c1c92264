/**
 * QFPay's asynchronous notification (API-FACTS §7): verified over the raw body, recorded once,
 * and never trusted on its own: it only makes the resolver confirm by enquiry now. Only QFPay's
 * record (the enquiry) moves a state; a repeat (QFPay retries until it hears SUCCESS) changes nothing.
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

/** `rawBody` as received: the signature and the duplicate check are over its exact bytes. */
export async function handleNotification(rawBody: Uint8Array | string, signature: string | null): Promise<NotificationOutcome> {
  if (!verifyNotificationSignature(rawBody, signature, qfpayConfigFromEnv().clientKey)) {
    throw new AppError("unauthorized", "notification signature does not match");
  }
  const note = parseNotification(typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8"));
  if (!note) throw new AppError("invalid_request", "notification body is not a QFPay notification");

  const db = await getDb();
  const bodySha = createHash("sha256").update(rawBody).digest("hex");
  const outcome = await db.transaction().execute(async (trx): Promise<NotificationOutcome> => {
    if (await trx.selectFrom("notifications").select("id").where("body_sha256", "=", bodySha).executeTakeFirst()) return "duplicate";
    const now = nowIso();
    // Any notification for something not final makes the resolver ask QFPay now, late checks of a
    // payment or refund that needs a manager included (issue 8: a late success is always caught).
    const due = { next_check_at: now };
    const open = ["pending", "needs_attention"] as const;
    const payment = await trx.updateTable("payments").set(due).where("out_trade_no", "=", note.outTradeNo).where("status", "in", open).executeTakeFirst();
    const refund = await trx.updateTable("refunds").set(due).where("out_trade_no", "=", note.outTradeNo).where("status", "in", open).executeTakeFirst();
    let result: NotificationOutcome = "enquiry";
    if (Number(payment.numUpdatedRows) + Number(refund.numUpdatedRows) === 0) {
      const closed = await trx.selectFrom("payments").select(["status", "next_check_at"]).where("out_trade_no", "=", note.outTradeNo).executeTakeFirst();
      const knownRefund = await trx.selectFrom("refunds").select("out_trade_no").where("out_trade_no", "=", note.outTradeNo).executeTakeFirst();
      // QFPay says a payment we told the cashier failed/was cancelled succeeded (QF-FAQ Q4 in
      // API-FACTS §9): never left silent. The resolver asks QFPay now and keeps asking with the
      // late checks (a lost answer or a restart cannot drop it); a charge goes to a manager.
      if (closed?.status === "failed" || closed?.status === "cancelled") {
        await trx
          .updateTable("payments")
          .set({ next_check_at: now, ...(closed.next_check_at === null ? { attention_at: now } : {}) })
          .where("out_trade_no", "=", note.outTradeNo)
          .execute();
        await trx
          .insertInto("payment_events")
          .values({ out_trade_no: note.outTradeNo, at: now, actor: "qfpay-notify", from_status: closed.status, to_status: closed.status, respcd: note.respcd, note: `QFPay notified a ${note.notifyType || "?"} for a payment the ledger has as ${closed.status}: asking QFPay now` })
          .execute();
      } else {
        result = closed || knownRefund ? "already_final" : "unknown_order";
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
