import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { useAliveRef } from "@/components/ui/use-alive-ref";
import { newOutTradeNo } from "@/lib/payments/out-trade-no";
import type { PaymentView, RefundView } from "@/lib/payments/types";
import { createRefund, goToSignIn, type CreateRefundResult } from "./payments-api";
import { initialRefundState, isUnresolved, refundReducer, type RefundAttempt, type RefundOutcome } from "./refund-machine";
import { paymentKeys } from "./use-payment";

/** The server answers within QFPay's ~20 s timeout; past this the answer is taken as lost. */
const REFUND_TIMEOUT_MS = 35_000;

async function createRefundWithTimeout(paymentOutTradeNo: string, attempt: RefundAttempt): Promise<CreateRefundResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REFUND_TIMEOUT_MS);
  try {
    return await createRefund(paymentOutTradeNo, attempt, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

function toOutcome(attempt: RefundAttempt, result: Exclude<CreateRefundResult, { kind: "signedOut" }>): RefundOutcome {
  switch (result.kind) {
    case "answered":
      return { kind: "answered", attempt, refund: result.refund };
    case "refused":
      return { kind: "refused", attempt, status: result.status, code: result.error.code, message: result.error.message };
    case "unreachable":
      return { kind: "unknown", attempt };
  }
}

/**
 * The refund being made on this screen: choose → (amount) → confirm → sending → outcome. The
 * outcome follows the live refund in the payment (the server settles a pending one by enquiry).
 */
export function useRefund(payment: PaymentView) {
  const [state, dispatch] = useReducer(refundReducer, initialRefundState);
  const queryClient = useQueryClient();
  const inFlight = useRef(false);
  const alive = useAliveRef();

  const paymentOutTradeNo = payment.outTradeNo;
  const send = useCallback(
    async (attempt: RefundAttempt) => {
      if (inFlight.current) return;
      inFlight.current = true;
      dispatch({ type: "send", attempt });
      try {
        const result = await createRefundWithTimeout(paymentOutTradeNo, attempt);
        if (result.kind === "signedOut") {
          goToSignIn();
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
    [paymentOutTradeNo, queryClient],
  );

  const { flow, outcome } = state;
  /** The refund this screen asked for, as the payment now shows it (pending → succeeded, …). */
  const attemptKey = outcome?.attempt.outTradeNo;
  const liveRefund: RefundView | null =
    (attemptKey ? payment.refunds.find((r) => r.outTradeNo === attemptKey) : undefined) ??
    (outcome?.kind === "answered" ? outcome.refund : null);

  const foundRefund = isUnresolved(outcome) ? liveRefund : null;
  useEffect(() => {
    if (foundRefund) dispatch({ type: "found", refund: foundRefund });
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
      if (flow.step === "confirm") void send({ amount: flow.amount, outTradeNo: newOutTradeNo() });
    },
    resend: () => {
      if (isUnresolved(outcome)) void send(outcome.attempt);
    },
  };
}

export type RefundFlow = ReturnType<typeof useRefund>;
