import type { ApiErrorBody } from "@/lib/payments/types";
import { MAX_AMOUNT_MINOR } from "@/lib/money";
import { applyKey, type KeypadKey } from "./amount-entry";

export type CodeSource = "camera" | "wedge" | "manual";

/** One scanned code: one outTradeNo, kept for every resend of that code. */
export type ScanAttempt = {
  outTradeNo: string;
  scannedAt: number;
  codeLast4: string;
  source: CodeSource;
};

export type SaleState =
  | { step: "keypad"; amount: number }
  | { step: "scanning"; amount: number }
  | { step: "sending"; amount: number; attempt: ScanAttempt; try: number }
  /** `confirmed` is false when no POST got an answer: the GET poll decides what happened. */
  | { step: "status"; amount: number; attempt: ScanAttempt; confirmed: boolean }
  /** Our server refused the request (400, or 409 for a code already used): nothing reached QFPay. */
  | { step: "rejected"; amount: number; attempt: ScanAttempt; error: ApiErrorBody["error"] };

export type SaleEvent =
  | { type: "key"; key: KeypadKey }
  | { type: "restore"; amount: number }
  | { type: "charge" }
  | { type: "back" }
  | { type: "scanned"; attempt: ScanAttempt }
  | { type: "retrying"; outTradeNo: string; try: number }
  | { type: "accepted"; outTradeNo: string }
  | { type: "unconfirmed"; outTradeNo: string }
  | { type: "rejected"; outTradeNo: string; error: ApiErrorBody["error"] }
  | { type: "resend"; outTradeNo: string }
  | { type: "rescan" }
  | { type: "newSale" };

export const initialSaleState: SaleState = { step: "keypad", amount: 0 };

function isValidAmountOrZero(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_AMOUNT_MINOR;
}

function sameAttempt(state: SaleState, outTradeNo: string): boolean {
  return "attempt" in state && state.attempt.outTradeNo === outTradeNo;
}

export function saleReducer(state: SaleState, event: SaleEvent): SaleState {
  switch (event.type) {
    case "key":
      return state.step === "keypad" ? { step: "keypad", amount: applyKey(state.amount, event.key) } : state;
    case "restore":
      return state.step === "keypad" && isValidAmountOrZero(event.amount) ? { step: "keypad", amount: event.amount } : state;
    case "charge":
      return state.step === "keypad" && state.amount > 0 ? { step: "scanning", amount: state.amount } : state;
    case "back":
      return state.step === "scanning" ? { step: "keypad", amount: state.amount } : state;
    case "scanned":
      return state.step === "scanning" ? { step: "sending", amount: state.amount, attempt: event.attempt, try: 1 } : state;
    case "retrying":
      return state.step === "sending" && sameAttempt(state, event.outTradeNo) ? { ...state, try: event.try } : state;
    case "accepted":
      return state.step === "sending" && sameAttempt(state, event.outTradeNo)
        ? { step: "status", amount: state.amount, attempt: state.attempt, confirmed: true }
        : state;
    case "unconfirmed":
      return state.step === "sending" && sameAttempt(state, event.outTradeNo)
        ? { step: "status", amount: state.amount, attempt: state.attempt, confirmed: false }
        : state;
    case "rejected":
      return state.step === "sending" && sameAttempt(state, event.outTradeNo)
        ? { step: "rejected", amount: state.amount, attempt: state.attempt, error: event.error }
        : state;
    case "resend":
      return state.step === "status" && !state.confirmed && sameAttempt(state, event.outTradeNo)
        ? { step: "sending", amount: state.amount, attempt: state.attempt, try: 1 }
        : state;
    case "rescan":
      return state.step === "status" || state.step === "rejected" ? { step: "scanning", amount: state.amount } : state;
    case "newSale":
      return state.step === "status" || state.step === "rejected" ? initialSaleState : state;
  }
}
