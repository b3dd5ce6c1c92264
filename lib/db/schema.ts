/**
 * The ledger's tables as Kysely sees them. One schema for SQLite and PostgreSQL: money is an
 * integer in minor units, timestamps are ISO-8601 UTC text (they sort as text on both).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { FailureKind, PaymentStatus, WalletGuess } from "@/lib/payments/types";
import type { Role } from "@/lib/auth/roles";

export interface PaymentsTable {
  /** Our idempotency key and QFPay's out_trade_no (ARCHITECTURE "The flow of one payment"). */
  out_trade_no: string;
  amount: number;
  currency: string;
  pay_type: string;
  wallet: WalletGuess;
  /** SHA-256 of the payment code: detects a replay with another code, never sends one code twice. */
  auth_code_hash: string;
  auth_code_last4: string;
  status: PaymentStatus;
  failure_kind: FailureKind | null;
  respcd: string | null;
  message: string | null;
  syssn: string | null;
  refunded_amount: ColumnType<number, number | undefined, number>;
  created_by: string;
  /** Set just before /trade/v1/payment is sent: null means QFPay has never seen this payment. */
  sent_at: string | null;
  /** Set when QFPay answered /trade/v1/payment (any answer we could read). */
  answered_at: string | null;
  /** When the next enquiry may run for a pending payment. */
  next_check_at: string | null;
  check_count: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface PaymentEventsTable {
  id: Generated<number>;
  out_trade_no: string;
  at: string;
  /** "staff:<username>", "gateway" or "resolver". */
  actor: string;
  from_status: PaymentStatus | null;
  to_status: PaymentStatus;
  respcd: string | null;
  note: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
}

export interface Database {
  payments: PaymentsTable;
  payment_events: PaymentEventsTable;
  users: UsersTable;
}

export type PaymentRow = Selectable<PaymentsTable>;
export type NewPaymentRow = Insertable<PaymentsTable>;
export type PaymentRowUpdate = Updateable<PaymentsTable>;
export type UserRow = Selectable<UsersTable>;
