/**
 * The ledger's tables as Kysely sees them. One schema for SQLite and PostgreSQL: money is an
 * integer in minor units, timestamps are ISO-8601 UTC text (they sort as text on both).
 */
import type { ColumnType, Generated, Selectable, Updateable } from "kysely";
import type {
  AttentionKind,
  FailureKind,
  PaymentStatus,
  RefundFailure,
  RefundStatus,
  WalletGuess,
} from "@/lib/contract/payments";
import type { Role } from "@/lib/auth/roles";

export interface PaymentsTable {
  /** Our idempotency key and QFPay's out_trade_no (docs/architecture.md §1). */
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
  /** Who scanned the code (username). */
  created_by: string;
  /** Who was signed in when it was sent, when that was someone else (a queued payment, issue 9). */
  sent_by: NullableText;
  /** Set just before /trade/v1/payment is sent: null means QFPay has never seen this payment. */
  sent_at: string | null;
  /** Set when QFPay answered /trade/v1/payment (any answer we could read). */
  answered_at: string | null;
  /** When the next enquiry may run for a pending payment. */
  next_check_at: string | null;
  check_count: ColumnType<number, number | undefined, number>;
  /** The resolver instance working this row holds it until then (two instances never race). */
  lease_until: ColumnType<string | null, string | null | undefined, string | null>;
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  /** null while settling by enquiry; "reversing" once a reversal/close is due; "confirming" after one was sent. */
  resolve_phase: ColumnType<ResolvePhase | null, ResolvePhase | null | undefined, ResolvePhase | null>;
  cancel_requested_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Reversal/close requests sent so far. */
  cancel_attempts: ColumnType<number, number | undefined, number>;
  attention_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why a manager is needed (issue 8); null unless status is needs_attention. */
  attention_kind: ColumnType<AttentionKind | null, AttentionKind | null | undefined, AttentionKind | null>;
  /** When it went to needs_attention: the late-success checks back off from here. */
  attention_at: NullableText;
  /** The wallet's own transaction id (QFPay `chnlsn`): what a customer quotes in a dispute. */
  chnlsn: NullableText;
  /** QFPay's system time and payment time, merchant wall clock as QFPay sent them. */
  sysdtm: NullableText;
  paydtm: NullableText;
  /** Payer identifier QFPay reported (openid, 2088… id). Kept for disputes; never shown in lists. */
  cardcd: NullableText;
  /** The pay_type QFPay resolved (e.g. 800208 for an 800008 payment), when it said. */
  qfpay_pay_type: NullableText;
  /**
   * /trade/v1/payment answered a failure code that QFPay does not document as "not processed"
   * (1296, 1297, 1204, 1147…): the failure it will be if the confirming enquiry agrees. Pending
   * until then; the cashier sees "Checking with QFPay…".
   */
  tentative_failure_kind: ColumnType<FailureKind | null, FailureKind | null | undefined, FailureKind | null>;
  /** Set when a reversal/close was answered 0000: one of the proofs needed to call a missing row "nothing charged". */
  cancel_done_at: NullableText;
  /** Set when QFPay refused a reversal/close because the order is already final: no more are sent. */
  cancel_stopped_at: NullableText;
  /**
   * What the last reversal/close answered: "done" | "pending" | "refused" | "unknown". While it is
   * done/pending/unknown the cancel may still undo the payment, so a "paid" enquiry row is not yet
   * proof of a charge that stays.
   */
  last_cancel_result: NullableText;
  created_at: string;
  updated_at: string;
}

type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

export type ResolvePhase = "reversing" | "confirming";

export interface RefundsTable {
  /** The refund's own out_trade_no: unique across payments and refunds (docs/qfpay.md §3, §5). */
  out_trade_no: string;
  payment_out_trade_no: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  failure_reason: RefundFailure | null;
  respcd: string | null;
  message: string | null;
  syssn: string | null;
  created_by: string;
  /** The manager whose PIN approved a cashier's refund on the cashier's till. */
  approved_by: NullableText;
  sent_at: string | null;
  answered_at: string | null;
  next_check_at: string | null;
  check_count: ColumnType<number, number | undefined, number>;
  lease_until: string | null;
  lease_owner: string | null;
  attention_reason: string | null;
  attention_at: NullableText;
  created_at: string;
  updated_at: string;
}

export interface RefundEventsTable {
  id: Generated<number>;
  refund_out_trade_no: string;
  at: string;
  actor: string;
  from_status: RefundStatus | null;
  to_status: RefundStatus;
  respcd: string | null;
  note: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  /** Deduplicates QFPay's retries of the same notification (docs/qfpay.md §7). */
  body_sha256: string;
  received_at: string;
  notify_type: string | null;
  out_trade_no: string | null;
  /** What we did with it: "enquiry", "unknown_order", "already_final", "duplicate". */
  outcome: string;
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

export interface ReconciliationsTable {
  id: Generated<number>;
  /** The merchant's business day, `YYYY-MM-DD` in POS_TIME_ZONE. */
  business_date: string;
  /** "auto:<date>" for the daily run, so only one instance runs it; null for other runs. */
  auto_key: string | null;
  /** "auto" | "manual" | "cli". */
  trigger: string;
  /** "running" | "done" | "error". */
  status: string;
  started_at: string;
  finished_at: string | null;
  difference_count: number | null;
  /** The `ReconciliationReport` as JSON. */
  result_json: string | null;
  error: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
  pin_hash: NullableText;
  /** Bumped by revoke, password/PIN reset, role change, disable: older sessions stop working. */
  session_version: ColumnType<number, number | undefined, number>;
  updated_at: NullableText;
  /** 1 for the accounts demo mode seeds; a live instance refuses them. */
  is_demo: ColumnType<number, number | undefined, number>;
}

export interface DevicesTable {
  id: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  revoked_at: NullableText;
}

export interface DeviceStaffTable {
  device_id: string;
  user_id: string;
  enrolled_at: string;
  expires_at: string;
  session_version: number;
}

export type SignInMethod = "password" | "pin";

export interface StaffSessionsTable {
  id: string;
  user_id: string;
  device_id: string;
  method: SignInMethod;
  session_version: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ended_at: NullableText;
  end_reason: NullableText;
  address: NullableText;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: NullableText;
  updated_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  action: string;
  outcome: "ok" | "refused";
  actor_id: NullableText;
  actor_username: NullableText;
  approver_username: NullableText;
  subject: NullableText;
  device_id: NullableText;
  address: NullableText;
  detail: NullableText;
}

/** A category of the catalogue (issue 12, docs/catalogue.md §1). */
export interface CatalogueCategoriesTable {
  id: string;
  name: string;
  name_zh: string | null;
  sort_order: number;
  /** 1 or 0: a category is never deleted, only hidden. */
  active: number;
  created_at: string;
  updated_at: string;
}

/** An item of the catalogue (issue 12, docs/catalogue.md §1). */
export interface CatalogueItemsTable {
  id: string;
  name: string;
  name_zh: string | null;
  /** Minor units of `currency`. */
  price: number;
  currency: string;
  category_id: string | null;
  /** The canonical form (lib/contract/barcode.ts); unique where set. */
  barcode: string | null;
  short_code: string | null;
  colour: string | null;
  /** JSON array of option groups (lib/contract/catalogue.ts). */
  options_json: string;
  sort_order: number;
  /** 1 or 0: an item is never deleted (a past order names it), only deactivated. */
  active: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  payments: PaymentsTable;
  payment_events: PaymentEventsTable;
  refunds: RefundsTable;
  refund_events: RefundEventsTable;
  notifications: NotificationsTable;
  reconciliations: ReconciliationsTable;
  users: UsersTable;
  devices: DevicesTable;
  device_staff: DeviceStaffTable;
  staff_sessions: StaffSessionsTable;
  sign_in_throttle: SignInThrottleTable;
  audit_events: AuditEventsTable;
  catalogue_categories: CatalogueCategoriesTable;
  catalogue_items: CatalogueItemsTable;
}

export type PaymentRow = Selectable<PaymentsTable>;
export type PaymentRowUpdate = Updateable<PaymentsTable>;
export type UserRow = Selectable<UsersTable>;
export type RefundRow = Selectable<RefundsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
