import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { useAliveRef } from "@/components/ui/use-alive-ref";
import { newOutTradeNo } from "@/lib/contract/out-trade-no";
import type { Approval } from "@/lib/contract/approval";
import type { PaymentView, RefundView } from "@/lib/contract/payments";
import { sessionEnded } from "@/lib/client/session-end";
import { postRefund, type PostRefundResult } from "@/lib/client/payments-api";
import {
  initialRefundState,
  isUnresolved,
  refundReducer,
  type TillRefundAttempt,
  type TillRefundOutcome,
} from "./refund-machine";
import { paymentKeys } from "@/lib/client/payment-keys";
import { withTimeout } from "@/lib/client/with-timeout";

/** The server answers within QFPay's ~20 s timeout; past this the answer is taken as lost. */
const REFUND_TIMEOUT_MS = 35_000;

async function postRefundWithTimeout(
  paymentOutTradeNo: string,
  attempt: TillRefundAttempt,
  approval: Approval | undefined,
): Promise<PostRefundResult> {
  return withTimeout(REFUND_TIMEOUT_MS, (signal) => postRefund(paymentOutTradeNo, attempt, { signal, approval }));
}

function toOutcome(
  attempt: TillRefundAttempt,
  result: Exclude<PostRefundResult, { kind: "signedOut" }>,
): TillRefundOutcome {
  switch (result.kind) {
    case "answered":
      return { kind: "answered", attempt, refund: result.refund };
    case "refused":
      return { kind: "refused", attempt, status: result.status, error: result.error };
    case "unreachable":
      return { kind: "unknown", attempt };
  }
}

/** An approval kept for one refund attempt (its key), while that attempt's outcome is unknown. */
type KeptApproval = { outTradeNo: string; approval: Approval };

/**
 * The refund being made on this screen: choose → (amount) → confirm → (a manager's approval) →
 * sending → outcome. The outcome follows the live refund in the payment (the server settles a
 * pending one by enquiry). `needsApproval`: the signed-in person's role cannot refund alone (from
 * the server page); the server may still ask for an approval, and the dialog then opens too.
 */
export function useRefund(payment: PaymentView, needsApproval = false) {
  const [state, dispatch] = useReducer(refundReducer, initialRefundState);
  const queryClient = useQueryClient();
  const inFlight = useRef(false);
  const alive = useAliveRef();
  /*
   * The approval sent with a request that got no answer, kept (in memory only, never stored) for
   * "send the same refund again" of that one attempt, and dropped as soon as the attempt has any
   * answer, is found on the payment, or the page goes. Why keep it: the resend is the very request
   * the manager approved (same key, same amount; the server replays it rather than refunding twice),
   * and the server checks the approval again on every request, so without it a safe resend would
   * wait for a manager who may have walked away, while the cashier cannot start another refund.
   * Why only that attempt: a new refund (a new key) is a new decision and always asks again.
   */
  const kept = useRef<KeptApproval | null>(null);

  const paymentOutTradeNo = payment.outTradeNo;
  const send = useCallback(
    async (attempt: TillRefundAttempt, approval?: Approval) => {
      if (inFlight.current) return;
      inFlight.current = true;
      dispatch({ type: "send", attempt });
      try {
        const result = await postRefundWithTimeout(paymentOutTradeNo, attempt, approval);
        kept.current = result.kind === "unreachable" && approval ? { outTradeNo: attempt.outTradeNo, approval } : null;
        if (result.kind === "signedOut") {
          sessionEnded();
          return;
        }
        if (alive.current) dispatch({ type: "settled", outcome: toOutcome(attempt, result) });
      } finally {
        inFlight.current = false;
        // Refundable amount, status and the refunds list all change: read the payment again.
        void queryClient.invalidateQueries({ queryKey: paymentKeys.detail(paymentOutTradeNo) });
        void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
      }
    },
    [paymentOutTradeNo, queryClient, alive],
  );

  const { flow, outcome } = state;
  /** The refund this screen asked for, as the payment now shows it (pending → succeeded, …). */
  const attemptKey = outcome?.attempt.outTradeNo;
  const liveRefund: RefundView | null =
    (attemptKey ? payment.refunds.find((r) => r.outTradeNo === attemptKey) : undefined) ??
    (outcome?.kind === "answered" ? outcome.refund : null);

  const foundRefund = isUnresolved(outcome) ? liveRefund : null;
  useEffect(() => {
    if (!foundRefund) return;
    if (kept.current?.outTradeNo === foundRefund.outTradeNo) kept.current = null;
    dispatch({ type: "found", refund: foundRefund });
  }, [foundRefund]);

  return {
    flow,
    outcome,
    liveRefund,
    /** An unanswered request the server has not shown yet: only "send the same refund again" is safe. */
    unresolved: isUnresolved(outcome) && !liveRefund,
    chooseAll: () => dispatch({ type: "review", amount: payment.refundableAmount }),
    choosePart: () => dispatch({ type: "choosePart" }),
    review: (amount: number) => dispatch({ type: "review", amount }),
    back: () => dispatch({ type: "back" }),
    confirm: () => {
      if (flow.step !== "confirm") return;
      const attempt = { amount: flow.amount, outTradeNo: newOutTradeNo() };
      if (needsApproval) dispatch({ type: "askApproval", attempt });
      else void send(attempt);
    },
    /** The approval dialog's Approve: this attempt, sent once with this approval. */
    approve: (approval: Approval) => {
      if (flow.step === "approval") void send(flow.attempt, approval);
    },
    dismissApproval: () => dispatch({ type: "dismissApproval" }),
    resend: () => {
      if (!isUnresolved(outcome)) return;
      const approval = kept.current?.outTradeNo === outcome.attempt.outTradeNo ? kept.current.approval : undefined;
      if (needsApproval && !approval) dispatch({ type: "askApproval", attempt: outcome.attempt });
      else void send(outcome.attempt, approval);
    },
  };
}

export type RefundFlow = ReturnType<typeof useRefund>;
