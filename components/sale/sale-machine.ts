import type { ApiErrorDetail } from "@/lib/contract/error-body";
import { MAX_AMOUNT_MINOR } from "@/lib/money";
import type { CodeSource } from "@/lib/scan/payment-code";
import { applyKey, type KeypadKey } from "./amount-entry";

/** One scanned code: one outTradeNo, kept for every resend of that code. */
export type ScanAttempt = {
  outTradeNo: string;
  scannedAt: number;
  authCodeLast4: string;
  source: CodeSource;
};

/**
 * Why a cancel request did not get the payment back: shown to the cashier, who may try again.
 * `approval_required`: someone else's payment, and the approval dialog was closed unapproved.
 */
export type CancelRefusal = "not_found" | "conflict" | "unreachable" | "rejected" | "approval_required";

/**
 * The cashier's request to cancel an open payment (the customer walked away). Once the server has
 * taken it (`requested`), the payment itself (status, `cancelRequested`) tells the rest.
 */
export type CancelState =
  | { phase: "none" }
  | { phase: "confirming" }
  /**
   * Someone else's payment (issue 9): the server answered that a manager must approve, and the
   * approval dialog is open. `refused`: the last approval was refused; nothing was cancelled.
   */
  | { phase: "approving"; refused: boolean }
  /** `withApproval`: sent from the approval dialog, which stays open (busy) until the answer. */
  | { phase: "sending"; withApproval?: true }
  | { phase: "requested" }
  | { phase: "refused"; reason: CancelRefusal; error: ApiErrorDetail | null };

export const NO_CANCEL: CancelState = { phase: "none" };

export type SaleState =
  | { step: "keypad"; amount: number }
  | { step: "scanning"; amount: number }
  | { step: "sending"; amount: number; attempt: ScanAttempt; try: number }
  /** `confirmed` is false when no POST got an answer: the GET poll decides what happened. */
  | { step: "status"; amount: number; attempt: ScanAttempt; confirmed: boolean; cancel: CancelState }
  /** Our server refused the request (400, or 409 for a code already used): nothing reached QFPay. */
  | { step: "rejected"; amount: number; attempt: ScanAttempt; error: ApiErrorDetail }
  /** The code outlived its lifetime before it provably reached the server: nothing was charged; ask for a fresh code. */
  | { step: "expired"; amount: number; attempt: ScanAttempt };

export type SaleEvent =
  | { type: "key"; key: KeypadKey }
  | { type: "restore"; amount: number }
  | { type: "charge" }
  | { type: "back" }
  | { type: "scanned"; attempt: ScanAttempt }
  | { type: "retrying"; outTradeNo: string; try: number }
  | { type: "accepted"; outTradeNo: string }
  | { type: "unconfirmed"; outTradeNo: string }
  | { type: "rejected"; outTradeNo: string; error: ApiErrorDetail }
  | { type: "cancelAsk"; outTradeNo: string }
  | { type: "cancelKeep"; outTradeNo: string }
  | { type: "cancelSend"; outTradeNo: string; withApproval?: boolean }
  | { type: "cancelAnswered"; outTradeNo: string }
  | { type: "cancelRefused"; outTradeNo: string; reason: CancelRefusal; error: ApiErrorDetail | null }
  /** The server wants a manager's approval first (`refused`: the one sent was refused). */
  | { type: "cancelApproval"; outTradeNo: string; refused: boolean }
  /** The approval dialog was closed without approving. */
  | { type: "cancelDismissApproval"; outTradeNo: string }
  | { type: "expired"; outTradeNo: string }
  /** After a reload: the outbox's newest open payment is shown again. */
  | { type: "resume"; amount: number; attempt: ScanAttempt; at: "sending" | "unconfirmed" | "confirmed" | "expired" }
  | { type: "rescan" }
  | { type: "newSale" };

export const initialSaleState: SaleState = { step: "keypad", amount: 0 };

function isValidAmountOrZero(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_AMOUNT_MINOR;
}

function sameAttempt(state: SaleState, outTradeNo: string): boolean {
  return "attempt" in state && state.attempt.outTradeNo === outTradeNo;
}

function inCancelPhase(
  state: SaleState,
  outTradeNo: string,
  phases: ReadonlyArray<CancelState["phase"]>,
): state is Extract<SaleState, { step: "status" }> {
  return state.step === "status" && sameAttempt(state, outTradeNo) && phases.includes(state.cancel.phase);
}

/**
 * True once the cashier confirmed a cancel, whatever came of it: a payment that then ends paid was
 * "paid after all". Not while a manager's approval is awaited: the server did nothing yet.
 */
export function cancelWasSent(cancel: CancelState): boolean {
  return cancel.phase !== "none" && cancel.phase !== "confirming" && cancel.phase !== "approving";
}

export function saleReducer(state: SaleState, event: SaleEvent): SaleState {
  switch (event.type) {
    case "key":
      return state.step === "keypad" ? { step: "keypad", amount: applyKey(state.amount, event.key) } : state;
    case "restore":
      return state.step === "keypad" && isValidAmountOrZero(event.amount)
        ? { step: "keypad", amount: event.amount }
        : state;
    case "charge":
      return state.step === "keypad" && state.amount > 0 ? { step: "scanning", amount: state.amount } : state;
    case "back":
      return state.step === "scanning" ? { step: "keypad", amount: state.amount } : state;
    case "scanned":
      return state.step === "scanning"
        ? { step: "sending", amount: state.amount, attempt: event.attempt, try: 1 }
        : state;
    case "retrying":
      return state.step === "sending" && sameAttempt(state, event.outTradeNo) ? { ...state, try: event.try } : state;
    case "accepted":
      return state.step === "sending" && sameAttempt(state, event.outTradeNo)
        ? { step: "status", amount: state.amount, attempt: state.attempt, confirmed: true, cancel: NO_CANCEL }
        : state;
    case "unconfirmed":
      return state.step === "sending" && sameAttempt(state, event.outTradeNo)
        ? { step: "status", amount: state.amount, attempt: state.attempt, confirmed: false, cancel: NO_CANCEL }
        : state;
    case "rejected":
      return (state.step === "sending" || (state.step === "status" && !state.confirmed)) &&
        sameAttempt(state, event.outTradeNo)
        ? { step: "rejected", amount: state.amount, attempt: state.attempt, error: event.error }
        : state;
    case "cancelAsk":
      return inCancelPhase(state, event.outTradeNo, ["none", "refused"])
        ? { ...state, cancel: { phase: "confirming" } }
        : state;
    case "cancelKeep":
      return inCancelPhase(state, event.outTradeNo, ["confirming"]) ? { ...state, cancel: NO_CANCEL } : state;
    case "cancelSend":
      // With an approval only from the approval dialog; without one as before.
      if (event.withApproval) {
        return inCancelPhase(state, event.outTradeNo, ["approving"])
          ? { ...state, cancel: { phase: "sending", withApproval: true } }
          : state;
      }
      return inCancelPhase(state, event.outTradeNo, ["confirming", "refused"])
        ? { ...state, cancel: { phase: "sending" } }
        : state;
    case "cancelApproval":
      return inCancelPhase(state, event.outTradeNo, ["sending"])
        ? { ...state, cancel: { phase: "approving", refused: event.refused } }
        : state;
    case "cancelDismissApproval":
      return inCancelPhase(state, event.outTradeNo, ["approving"])
        ? { ...state, cancel: { phase: "refused", reason: "approval_required", error: null } }
        : state;
    case "cancelAnswered":
      return inCancelPhase(state, event.outTradeNo, ["sending"]) ? { ...state, cancel: { phase: "requested" } } : state;
    case "cancelRefused":
      return inCancelPhase(state, event.outTradeNo, ["sending"])
        ? { ...state, cancel: { phase: "refused", reason: event.reason, error: event.error } }
        : state;
    case "expired":
      return (state.step === "sending" || (state.step === "status" && !state.confirmed)) &&
        sameAttempt(state, event.outTradeNo)
        ? { step: "expired", amount: state.amount, attempt: state.attempt }
        : state;
    case "resume":
      if (state.step !== "keypad" || state.amount !== 0) return state;
      if (event.at === "sending") return { step: "sending", amount: event.amount, attempt: event.attempt, try: 1 };
      if (event.at === "expired") return { step: "expired", amount: event.amount, attempt: event.attempt };
      return {
        step: "status",
        amount: event.amount,
        attempt: event.attempt,
        confirmed: event.at === "confirmed",
        cancel: NO_CANCEL,
      };
    case "rescan":
      return state.step === "status" || state.step === "rejected" || state.step === "expired"
        ? { step: "scanning", amount: state.amount }
        : state;
    case "newSale":
      return state.step === "status" || state.step === "rejected" || state.step === "expired"
        ? initialSaleState
        : state;
  }
}
