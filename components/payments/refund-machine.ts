import { approvalAnswer } from "@/components/approval/approval";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import type { RefundView } from "@/lib/contract/payments";
import type { CreateRefundInput } from "@/lib/contract/refunds";

/**
 * One refund the till asks our server for: its own key (`outTradeNo`), made once and reused on every
 * resend. "Till" because the server's `RefundAttempt` is its own call to QFPay (lib/qfpay/refunds.ts).
 */
export type TillRefundAttempt = Required<CreateRefundInput>;

/** What the till's last request came to. `unknown`: no answer, so only the same attempt may be sent again. */
export type TillRefundOutcome =
  | { kind: "answered"; attempt: TillRefundAttempt; refund: RefundView }
  | { kind: "refused"; attempt: TillRefundAttempt; status: number; error: ApiErrorDetail }
  | { kind: "unknown"; attempt: TillRefundAttempt };

export type RefundStep =
  | { step: "choose" }
  | { step: "amount" }
  | { step: "confirm"; amount: number }
  /**
   * A cashier's refund waits for a manager's PIN or password on this till (issue 9). `unsure`: an
   * earlier request of this attempt went unanswered, so it may have been made: only this attempt
   * (this key) may be sent, and giving up goes back to "send the same refund again". `refused`:
   * the server refused the last approval (nothing was refunded: the route checks it first).
   */
  | { step: "approval"; attempt: TillRefundAttempt; unsure: boolean; refused: boolean }
  /** `unsure` as above; `approving`: sent from the approval dialog, which stays open until the answer. */
  | { step: "sending"; attempt: TillRefundAttempt; unsure: boolean; approving: boolean };

export type RefundState = { flow: RefundStep; outcome: TillRefundOutcome | null };

type RefundEvent =
  | { type: "choosePart" }
  | { type: "review"; amount: number }
  | { type: "back" }
  /** Ask a manager to approve this attempt (a new one from the confirm step, or the unanswered one again). */
  | { type: "askApproval"; attempt: TillRefundAttempt }
  /** The approval dialog was closed without approving: nothing is sent. */
  | { type: "dismissApproval" }
  | { type: "send"; attempt: TillRefundAttempt }
  | { type: "settled"; outcome: TillRefundOutcome }
  /** The payment shows the refund an unanswered request made: it did arrive. */
  | { type: "found"; refund: RefundView };

export const initialRefundState: RefundState = { flow: { step: "choose" }, outcome: null };

/** True while a request went unanswered: a new refund could double the money back, so none is offered. */
export function isUnresolved(
  outcome: TillRefundOutcome | null,
): outcome is Extract<TillRefundOutcome, { kind: "unknown" }> {
  return outcome?.kind === "unknown";
}

export function refundReducer(state: RefundState, event: RefundEvent): RefundState {
  switch (event.type) {
    case "choosePart":
      return state.flow.step === "choose" && !isUnresolved(state.outcome)
        ? { ...state, flow: { step: "amount" } }
        : state;
    case "review":
      return (state.flow.step === "choose" || state.flow.step === "amount") &&
        !isUnresolved(state.outcome) &&
        event.amount > 0
        ? { ...state, flow: { step: "confirm", amount: event.amount } }
        : state;
    case "back":
      return state.flow.step === "amount" || state.flow.step === "confirm"
        ? { ...state, flow: { step: "choose" } }
        : state;
    case "askApproval": {
      const fromConfirm =
        state.flow.step === "confirm" && state.flow.amount === event.attempt.amount && !isUnresolved(state.outcome);
      if (fromConfirm)
        return { flow: { step: "approval", attempt: event.attempt, unsure: false, refused: false }, outcome: null };
      const again =
        state.flow.step === "choose" &&
        isUnresolved(state.outcome) &&
        state.outcome.attempt.outTradeNo === event.attempt.outTradeNo;
      return again
        ? { flow: { step: "approval", attempt: event.attempt, unsure: true, refused: false }, outcome: state.outcome }
        : state;
    }
    case "dismissApproval":
      if (state.flow.step !== "approval") return state;
      // Unsure: the unanswered request may still have refunded, so only "send the same refund again"
      // is offered. Otherwise every request of this attempt was refused before anything was
      // refunded, so the confirm step (which makes a new key) is safe.
      return state.flow.unsure
        ? { flow: { step: "choose" }, outcome: { kind: "unknown", attempt: state.flow.attempt } }
        : { flow: { step: "confirm", amount: state.flow.attempt.amount }, outcome: null };
    case "send": {
      const { flow } = state;
      const key = event.attempt.outTradeNo;
      if (flow.step === "approval") {
        return flow.attempt.outTradeNo === key
          ? { flow: { step: "sending", attempt: flow.attempt, unsure: flow.unsure, approving: true }, outcome: null }
          : state;
      }
      const fromConfirm =
        flow.step === "confirm" && flow.amount === event.attempt.amount && !isUnresolved(state.outcome);
      const resend = flow.step === "choose" && isUnresolved(state.outcome) && state.outcome.attempt.outTradeNo === key;
      return fromConfirm || resend
        ? { flow: { step: "sending", attempt: event.attempt, unsure: resend, approving: false }, outcome: null }
        : state;
    }
    case "settled": {
      const { flow } = state;
      if (flow.step !== "sending" || flow.attempt.outTradeNo !== event.outcome.attempt.outTradeNo) return state;
      const approval =
        event.outcome.kind === "refused" ? approvalAnswer(event.outcome.status, event.outcome.error.code) : null;
      if (approval) {
        // The server wants a manager's approval (again) before it does anything: same attempt, same key.
        return {
          flow: { step: "approval", attempt: flow.attempt, unsure: flow.unsure, refused: approval === "refused" },
          outcome: flow.unsure ? { kind: "unknown", attempt: flow.attempt } : null,
        };
      }
      return { flow: { step: "choose" }, outcome: event.outcome };
    }
    case "found":
      // It did arrive: there is nothing left to approve or resend, so an open approval dialog closes.
      return isUnresolved(state.outcome) && state.outcome.attempt.outTradeNo === event.refund.outTradeNo
        ? {
            flow: state.flow.step === "approval" ? { step: "choose" } : state.flow,
            outcome: { kind: "answered", attempt: state.outcome.attempt, refund: event.refund },
          }
        : state;
  }
}
