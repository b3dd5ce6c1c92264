import { useQueryClient } from "@tanstack/react-query";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import { useCallback, useRef, useState } from "react";
import { useAliveRef } from "@/components/ui/use-alive-ref";
import type { AttentionAction } from "@/lib/contract/attention";
import type { PaymentView, RefundView } from "@/lib/contract/payments";
import { sessionEnded } from "@/lib/client/session-end";
import { postAttentionAction, type PostAttentionResult } from "@/lib/client/payments-api";
import { paymentKeys } from "@/lib/client/payment-keys";
import { withTimeout } from "@/lib/client/with-timeout";

/** A refund runs QFPay's ~20 s timeout on the server; past this the answer is taken as lost. */
const DECISION_TIMEOUT_MS = 45_000;

type ChargedStep = { step: "choose" } | { step: "confirm" } | { step: "sending"; action: AttentionAction };

/** How the last request ended. `unknown`: no answer; sending the same action again is safe. */
export type ChargedOutcome =
  | { kind: "answered"; action: AttentionAction; payment: PaymentView; refund: RefundView | null }
  | { kind: "refused"; action: AttentionAction; status: number; error: ApiErrorDetail }
  | { kind: "unknown"; action: AttentionAction };

function sendWithTimeout(outTradeNo: string, action: AttentionAction): Promise<PostAttentionResult> {
  return withTimeout(DECISION_TIMEOUT_MS, (signal) => postAttentionAction(outTradeNo, action, signal));
}

/**
 * A manager's decision on a payment charged after the cashier was told it failed: refund the
 * customer (after a confirm step) or keep it (one tap). The server recognises a decision already
 * taken, so a retry after a lost answer can never refund twice. `onSend` runs as a request leaves
 * (the attention list keeps the row on screen while the payment leaves the list).
 */
export function useChargedDecision(payment: PaymentView, onSend?: (payment: PaymentView) => void) {
  const [flow, setFlow] = useState<ChargedStep>({ step: "choose" });
  const [outcome, setOutcome] = useState<ChargedOutcome | null>(null);
  const queryClient = useQueryClient();
  const inFlight = useRef(false);
  const alive = useAliveRef();

  const outTradeNo = payment.outTradeNo;
  const send = useCallback(
    async (action: AttentionAction) => {
      if (inFlight.current) return;
      inFlight.current = true;
      onSend?.(payment);
      setFlow({ step: "sending", action });
      setOutcome(null);
      try {
        const result = await sendWithTimeout(outTradeNo, action);
        if (result.kind === "signedOut") {
          sessionEnded();
          return;
        }
        if (result.kind === "answered") queryClient.setQueryData(paymentKeys.detail(outTradeNo), result.payment);
        if (!alive.current) return;
        setOutcome(
          result.kind === "answered"
            ? { kind: "answered", action, payment: result.payment, refund: result.refund }
            : result.kind === "refused"
              ? { kind: "refused", action, status: result.status, error: result.error }
              : { kind: "unknown", action },
        );
        setFlow({ step: "choose" });
      } finally {
        inFlight.current = false;
        void queryClient.invalidateQueries({ queryKey: paymentKeys.detail(outTradeNo) });
        void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
      }
    },
    [outTradeNo, payment, onSend, queryClient, alive],
  );

  return {
    flow,
    outcome,
    askRefund: () => setFlow((f) => (f.step === "choose" ? { step: "confirm" } : f)),
    back: () => setFlow((f) => (f.step === "confirm" ? { step: "choose" } : f)),
    confirmRefund: () => {
      if (flow.step === "confirm") void send("refund");
    },
    keep: () => {
      if (flow.step === "choose") void send("keep");
    },
    retry: () => {
      if (outcome?.kind === "unknown") void send(outcome.action);
    },
  };
}
