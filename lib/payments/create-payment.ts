/**
 * Takes a CPM payment: writes the ledger row first, then sends it to QFPay once, then records the
 * answer (docs/architecture.md §6.1, §6.2). A replay of the same `outTradeNo` answers from the ledger
 * and never reaches QFPay again.
 */
import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getDb, getDialect } from "@/lib/db";
import { ledgerTransaction } from "@/lib/db/audited-write";
import { sql, type Transaction } from "kysely";
import type { Database, PaymentRow } from "@/lib/db/schema";
import { sessionIdFromProof } from "@/lib/auth/scan-proof";
import { sessionVouchesFor, type ActiveStaff } from "@/lib/auth/staff-sessions";
import { qfpayConfigFromEnv, type QfpayConfig } from "@/lib/qfpay/config";
import { sendCpmPayment } from "@/lib/qfpay/payments";
import { reserveQfpaySlot, tryReserveQfpaySlot } from "@/lib/qfpay/transport";
import { applyPaymentAnswer } from "./apply-payment-answer";
import type { CreatePaymentInput } from "@/lib/contract/payments";
import { insertPayment, notePayment, nowIso, withLockedPayment, writePaymentChange } from "./ledger-writes";
import { newOutTradeNo } from "@/lib/contract/out-trade-no";
import { loadPaymentView } from "./load-payment-views";
import type { PaymentView } from "@/lib/contract/payments";
import { guessWallet } from "@/lib/contract/wallet-guess";

export type CreatePaymentResult = { created: boolean; payment: PaymentView };

const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

export async function createPayment(input: CreatePaymentInput, staff: ActiveStaff): Promise<CreatePaymentResult> {
  const currency = input.currency ?? env.POS_CURRENCY;
  if (currency !== env.POS_CURRENCY) {
    throw new AppError("currency_not_accepted", `this till takes ${env.POS_CURRENCY} only, not ${currency}`, {
      accepted: env.POS_CURRENCY,
      currency: currency.slice(0, 8),
    });
  }
  const outTradeNo = input.outTradeNo ?? newOutTradeNo();
  const payType = input.payType ?? env.QFPAY_PAY_TYPE;
  const authCodeHash = hashCode(input.authCode);

  const args = { outTradeNo, amount: input.amount, currency, payType, authCode: input.authCode, authCodeHash, staff };
  const scanner = await scannerOf(input, staff, args);
  if ("replay" in scanner) return { created: false, payment: await loadPaymentView(scanner.replay) };

  const config = qfpayConfigFromEnv();
  // With a rate-budget slot free now (nearly always), the row is written already marked sent: one
  // fsynced commit before the request leaves instead of two (issue 10, docs/performance.md §1).
  // The slot goes back if nothing is sent (a replay, a refusal).
  const slot = tryReserveQfpaySlot(config);
  const sentAt = slot ? new Date() : null;
  let inserted: { created: boolean; row: PaymentRow };
  try {
    inserted = await insertOrReplay({
      ...args,
      scannedBy: scanner.username,
      sent: sentAt ? sentFields(sentAt, config.timeoutMs) : null,
    });
  } catch (error) {
    slot?.release();
    throw error;
  }
  if (!inserted.created) {
    slot?.release();
    return { created: false, payment: await loadPaymentView(inserted.row) };
  }
  const marked = slot ? inserted.row : await markSentWhenSlotFree(config, outTradeNo, staff);
  if (marked.sent_at === null) return { created: true, payment: await loadPaymentView(marked) };

  const attempt = await sendCpmPayment(
    config,
    {
      outTradeNo,
      amount: input.amount,
      currency,
      payType,
      authCode: input.authCode,
      txdtm: new Date(marked.sent_at),
    },
    { slotHeld: true },
  );
  const row = await applyPaymentAnswer(outTradeNo, attempt);
  return { created: true, payment: await loadPaymentView(row) };
}

/**
 * Before the request leaves: a row with sent_at null was never seen by QFPay. The first enquiry
 * waits until this request must have ended (timeout) so it cannot race the answer.
 */
function sentFields(sentAt: Date, timeoutMs: number): { sent_at: string; next_check_at: string } {
  return {
    sent_at: sentAt.toISOString(),
    next_check_at: new Date(sentAt.getTime() + timeoutMs + env.PENDING_FIRST_QUERY_MS).toISOString(),
  };
}

const sentNote = (createdBy: string, sender: string) =>
  createdBy === sender
    ? "sent to QFPay /trade/v1/payment"
    : `sent to QFPay /trade/v1/payment (scanned by ${createdBy})`;

/**
 * The rate budget is busy: the pending row is already written (a lookup finds it at once) and the
 * payment waits for its slot, then is marked sent. The slot comes first: sent_at must be when the
 * request leaves, or the resolver could reverse a payment that is still queued here, which then
 * arrives after the reversal.
 */
async function markSentWhenSlotFree(config: QfpayConfig, outTradeNo: string, staff: ActiveStaff): Promise<PaymentRow> {
  await reserveQfpaySlot(config);
  return withLockedPayment(outTradeNo, async (trx, row) => {
    if (!row) throw new Error(`payment ${outTradeNo} vanished from the ledger`);
    // Cancelled before it left (the cashier or the resolver got there first): never send it.
    if (row.status !== "pending") return row;
    return writePaymentChange(trx, row, {
      fields: sentFields(new Date(), config.timeoutMs),
      actor: `staff:${staff.username}`,
      note: sentNote(row.created_by, staff.username),
    });
  });
}

/**
 * Who scanned this payment: the sender, or the person a scan proof names (issue 9). A proof that no
 * longer vouches refuses the payment (nothing reaches QFPay), unless it is a replay of one the
 * ledger already has, which answers from the ledger as always.
 */
async function scannerOf(
  input: CreatePaymentInput,
  staff: ActiveStaff,
  replayOf: Omit<InsertArgs, "scannedBy">,
): Promise<{ username: string } | { replay: PaymentRow }> {
  if (!input.scanProof) return { username: staff.username };
  const sessionId = sessionIdFromProof(input.scanProof);
  if (sessionId === staff.sessionId) return { username: staff.username };
  const db = await getDb();
  const vouched = sessionId
    ? await sessionVouchesFor(db, sessionId, staff.deviceId, env.PAYMENT_CODE_LIFETIME_MS + 60_000)
    : null;
  if (vouched) return { username: vouched.username };
  const existing = await db
    .selectFrom("payments")
    .selectAll()
    .where("out_trade_no", "=", replayOf.outTradeNo)
    .executeTakeFirst();
  if (existing) return { replay: assertFaithfulReplay(existing, replayOf) };
  throw new AppError(
    "scanner_unverified",
    "the person who scanned this payment is no longer signed in on this till; nothing was sent to QFPay",
  );
}

type InsertArgs = {
  outTradeNo: string;
  amount: number;
  currency: string;
  payType: string;
  authCode: string;
  authCodeHash: string;
  staff: ActiveStaff;
  scannedBy: string;
  /** Set when the request leaves right after this insert (its slot is held): written in the same commit. */
  sent?: { sent_at: string; next_check_at: string } | null;
};

/** Inserts the pending row, or returns the existing one when this is a faithful replay. */
async function insertOrReplay(args: InsertArgs): Promise<{ created: boolean; row: PaymentRow }> {
  const db = await getDb();
  try {
    return await ledgerTransaction(async (trx) => {
      const existing = await trx
        .selectFrom("payments")
        .selectAll()
        .where("out_trade_no", "=", args.outTradeNo)
        .executeTakeFirst();
      if (existing) return { created: false, row: assertFaithfulReplay(existing, args) };
      const refund = await trx
        .selectFrom("refunds")
        .select("out_trade_no")
        .where("out_trade_no", "=", args.outTradeNo)
        .executeTakeFirst();
      // QFPay wants out_trade_no unique across payments and refunds (docs/qfpay.md §3).
      if (refund)
        throw new AppError("out_trade_no_used_by_refund", `outTradeNo ${args.outTradeNo} is already used by a refund`);
      const usedBy = await trx
        .selectFrom("payments")
        .select("out_trade_no")
        .where("auth_code_hash", "=", args.authCodeHash)
        .executeTakeFirst();
      if (usedBy?.out_trade_no === args.outTradeNo) {
        // The same payment, committed by a parallel request since the read above (PostgreSQL's read
        // committed shows each statement what was committed when it began): a replay, not a reuse.
        const winner = await trx
          .selectFrom("payments")
          .selectAll()
          .where("out_trade_no", "=", args.outTradeNo)
          .executeTakeFirstOrThrow();
        return { created: false, row: assertFaithfulReplay(winner, args) };
      }
      if (usedBy) {
        // A payment code is single use (docs/qfpay.md §10): sending it again can only fail or confuse.
        throw new AppError(
          "code_already_used",
          `this payment code was already used for payment ${usedBy.out_trade_no}; ask the customer for a fresh code`,
          { outTradeNo: usedBy.out_trade_no },
        );
      }
      await assertUnderPaymentLimit(trx, args.staff.username);
      const at = nowIso();
      const actor = `staff:${args.staff.username}`;
      const row = await insertPayment(
        trx,
        {
          out_trade_no: args.outTradeNo,
          amount: args.amount,
          currency: args.currency,
          pay_type: args.payType,
          wallet: guessWallet(args.authCode),
          auth_code_hash: args.authCodeHash,
          auth_code_last4: args.authCode.slice(-4),
          status: "pending",
          failure_kind: null,
          respcd: null,
          message: null,
          syssn: null,
          created_by: args.scannedBy,
          sent_by: args.scannedBy === args.staff.username ? null : args.staff.username,
          sent_at: args.sent?.sent_at ?? null,
          answered_at: null,
          next_check_at: args.sent?.next_check_at ?? null,
          created_at: at,
          updated_at: at,
        },
        {
          at,
          actor,
          note:
            args.scannedBy === args.staff.username
              ? "payment created"
              : `payment created (scanned by ${args.scannedBy}, sent by ${args.staff.username})`,
        },
      );
      if (args.sent)
        await notePayment(trx, args.outTradeNo, "pending", {
          at,
          actor,
          note: sentNote(args.scannedBy, args.staff.username),
        });
      return { created: true, row };
    });
  } catch (error) {
    // Two requests with one outTradeNo raced: the loser answers as a replay of the winner.
    if (isUniqueViolation(error)) {
      const winner = await db
        .selectFrom("payments")
        .selectAll()
        .where("out_trade_no", "=", args.outTradeNo)
        .executeTakeFirst();
      if (winner) return { created: false, row: assertFaithfulReplay(winner, args) };
      throw new AppError("code_already_used", "this payment code was already used; ask the customer for a fresh code");
    }
    throw error;
  }
}

function assertFaithfulReplay(existing: PaymentRow, args: Omit<InsertArgs, "scannedBy">): PaymentRow {
  const same =
    Number(existing.amount) === args.amount &&
    existing.currency === args.currency &&
    existing.auth_code_hash === args.authCodeHash &&
    existing.pay_type === args.payType;
  if (!same) {
    throw new AppError(
      "out_trade_no_mismatch",
      `outTradeNo ${args.outTradeNo} was already used with a different amount or payment code`,
    );
  }
  return existing;
}

/**
 * One person starts at most PAYMENTS_PER_MINUTE payments a minute (issue 9): a stolen session or
 * a runaway script cannot spend the merchant's whole QFPay rate budget (docs/qfpay.md §12).
 */
async function assertUnderPaymentLimit(trx: Transaction<Database>, username: string): Promise<void> {
  // On PostgreSQL, one person's new payments take turns here (read committed would let parallel
  // ones all count the same rows); SQLite runs one write transaction at a time anyway.
  if ((await getDialect()) === "postgres")
    await sql`select pg_advisory_xact_lock(hashtext(${`payment-limit:${username}`}))`.execute(trx);
  const since = new Date(Date.now() - 60_000).toISOString();
  const row = await trx
    .selectFrom("payments")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("created_at", ">", since)
    .where((eb) =>
      eb.or([eb("sent_by", "=", username), eb.and([eb("sent_by", "is", null), eb("created_by", "=", username)])]),
    )
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= env.PAYMENTS_PER_MINUTE) {
    throw new AppError(
      "payment_limit",
      `${username} has started ${env.PAYMENTS_PER_MINUTE} payments in the last minute; wait a moment and try again`,
      { limit: env.PAYMENTS_PER_MINUTE },
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || e?.code === "SQLITE_CONSTRAINT_UNIQUE";
}
