import type { RefundView } from "@/lib/payments/types";

/** One refund request: its own key (`outTradeNo`), made once and reused on every resend. */
export type RefundAttempt = { amount: number; outTradeNo: string };

/** What the last request came to. `unknown`: no answer, so only the same attempt may be sent again. */
export type RefundOutcome =
  | { kind: "answered"; attempt: RefundAttempt; refund: RefundView }
  | { kind: "refused"; attempt: RefundAttempt; status: number; code: string; message: string }
  | { kind: "unknown"; attempt: RefundAttempt };

export type RefundStep =
  | { step: "choose" }
  | { step: "amount" }
  | { step: "confirm"; amount: number }
  | { step: "sending"; attempt: RefundAttempt };

export type RefundState = { flow: RefundStep; outcome: RefundOutcome | null };

export type RefundEvent =
  | { type: "choosePart" }
  | { type: "review"; amount: number }
  | { type: "back" }
  | { type: "send"; attempt: RefundAttempt }
  | { type: "settled"; outcome: RefundOutcome }
  /** The payment shows the refund an unanswered request made: it did arrive. */
  | { type: "found"; refund: RefundView };

export const initialRefundState: RefundState = { flow: { step: "choose" }, outcome: null };

/** True while a request went unanswered: a new refund could double the money back, so none is offered. */
export function isUnresolved(outcome: RefundOutcome | null): outcome is Extract<RefundOutcome, { kind: "unknown" }> {
  return outcome?.kind === "unknown";
}

export function refundReducer(state: RefundState, event: RefundEvent): RefundState {
  switch (event.type) {
    case "choosePart":
      return state.flow.step === "choose" && !isUnresolved(state.outcome) ? { ...state, flow: { step: "amount" } } : state;
    case "review":
      return (state.flow.step === "choose" || state.flow.step === "amount") && !isUnresolved(state.outcome) && event.amount > 0
        ? { ...state, flow: { step: "confirm", amount: event.amount } }
        : state;
    case "back":
      return state.flow.step === "amount" || state.flow.step === "confirm" ? { ...state, flow: { step: "choose" } } : state;
    case "send": {
      const fromConfirm = state.flow.step === "confirm" && state.flow.amount === event.attempt.amount && !isUnresolved(state.outcome);
      const resend =
        state.flow.step === "choose" && isUnresolved(state.outcome) && state.outcome.attempt.outTradeNo === event.attempt.outTradeNo;
      return fromConfirm || resend ? { flow: { step: "sending", attempt: event.attempt }, outcome: null } : state;
    }
    case "settled":
      return state.flow.step === "sending" && state.flow.attempt.outTradeNo === event.outcome.attempt.outTradeNo
        ? { flow: { step: "choose" }, outcome: event.outcome }
        : state;
    case "found":
      return isUnresolved(state.outcome) && state.outcome.attempt.outTradeNo === event.refund.outTradeNo
        ? { ...state, outcome: { kind: "answered", attempt: state.outcome.attempt, refund: event.refund } }
        : state;
  }
}
