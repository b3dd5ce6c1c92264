/**
 * The sale's status step (loaded with that step, not with the keypad: docs/first-load.md): polls
 * the payment the step shows, refreshes the lists once it is settled, and runs the cashier's cancel
 * against the server. It drives the same machine as use-sale-flow.ts (`flow.machine`).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { approvalAnswer } from "@/components/approval/approval";
import type { Approval } from "@/lib/contract/approval";
import { sessionEnded } from "@/lib/client/session-end";
import { postCancel, type PostCancelResult } from "@/lib/client/payments-api";
import { useOutbox } from "@/components/payments/outbox-provider";
import { paymentKeys } from "@/lib/client/payment-keys";
import { withTimeout } from "@/lib/client/with-timeout";
import { usePayment } from "@/components/payments/use-payment";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import { isOpen } from "@/lib/contract/payment-status";
import type { CancelRefusal } from "./sale-machine";
import type { SaleFlow } from "./use-sale-flow";

/** A cancel runs QFPay's reversal and an enquiry on the server: allow it longer than a payment. */
const CANCEL_TIMEOUT_MS = 45_000;

function postCancelWithTimeout(outTradeNo: string, approval: Approval | undefined): Promise<PostCancelResult> {
  return withTimeout(CANCEL_TIMEOUT_MS, (signal) => postCancel(outTradeNo, { signal, approval }));
}

function cancelRefusal(result: Exclude<PostCancelResult, { kind: "answered" | "signedOut" }>): {
  reason: CancelRefusal;
  error: ApiErrorDetail | null;
} {
  switch (result.kind) {
    case "conflict":
      return { reason: "conflict", error: result.error };
    case "notFound":
      return { reason: "not_found", error: result.error };
    case "rejected":
      return { reason: "rejected", error: result.error };
    case "unreachable":
      return { reason: "unreachable", error: null };
  }
}

export function useSaleStatus(flow: SaleFlow) {
  const { state, outboxItem } = flow;
  const { dispatch, stateRef, alive, cancelInFlightRef } = flow.machine;
  const queryClient = useQueryClient();
  const { markCancelRequested } = useOutbox();

  const watched = state.step === "status" ? state.attempt.outTradeNo : null;
  // What the outbox already has of it (the server's answer to the POST, or its last lookup) is
  // shown at once; the poll takes over from there.
  const known =
    outboxItem?.outTradeNo === watched && (outboxItem?.phase === "at_server" || outboxItem?.phase === "final")
      ? outboxItem.payment
      : null;
  const payment = usePayment(watched, { keepPolling: true, initialData: known ?? undefined });
  const settledStatus = payment.data && !isOpen(payment.data.status) ? payment.data.status : null;

  useEffect(() => {
    if (!settledStatus) return;
    void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
  }, [settledStatus, queryClient]);

  const askCancel = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelAsk", outTradeNo: current.attempt.outTradeNo });
  }, [dispatch, stateRef]);

  const keepWaiting = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelKeep", outTradeNo: current.attempt.outTradeNo });
  }, [dispatch, stateRef]);

  /**
   * Asks the server to cancel the open payment; its answer (the payment as it now stands) drives the
   * screen. Someone else's payment is answered "a manager must approve" (issue 9): the approval
   * dialog opens and its Approve calls this again with `approval`, sent with that one request only.
   */
  const confirmCancel = useCallback(
    async (approval?: Approval) => {
      const current = stateRef.current;
      if (current.step !== "status") return;
      // An approval goes only with the request the approval dialog asked for.
      if (approval && current.cancel.phase !== "approving") return;
      const { outTradeNo } = current.attempt;
      if (cancelInFlightRef.current === outTradeNo) return;
      cancelInFlightRef.current = outTradeNo;
      // From now on the outbox never sends it again, whatever the cancel request comes to.
      markCancelRequested(outTradeNo);
      dispatch({ type: "cancelSend", outTradeNo, withApproval: approval !== undefined });
      try {
        const result = await postCancelWithTimeout(outTradeNo, approval);
        if (!alive.current) return;
        if (result.kind === "answered") {
          // The server has it and is stopping it: from here it is only watched, never sent again.
          queryClient.setQueryData(paymentKeys.detail(outTradeNo), result.payment);
          dispatch({ type: "cancelAnswered", outTradeNo });
        } else if (result.kind === "signedOut") {
          sessionEnded();
          return;
        } else if (result.kind === "rejected" && approvalAnswer(result.status, result.error.code)) {
          // Nothing was cancelled: the server checks the approval before it touches the payment.
          dispatch({
            type: "cancelApproval",
            outTradeNo,
            refused: approvalAnswer(result.status, result.error.code) === "refused",
          });
        } else {
          dispatch({ type: "cancelRefused", outTradeNo, ...cancelRefusal(result) });
          // A 409 means the payment is already final: show how it ended without waiting for the poll.
          void queryClient.invalidateQueries({ queryKey: paymentKeys.detail(outTradeNo) });
        }
        void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
      } finally {
        if (cancelInFlightRef.current === outTradeNo) cancelInFlightRef.current = null;
      }
    },
    [queryClient, markCancelRequested, dispatch, stateRef, alive, cancelInFlightRef],
  );

  /** The approval dialog closed without approving: nothing more is sent. */
  const dismissCancelApproval = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelDismissApproval", outTradeNo: current.attempt.outTradeNo });
  }, [dispatch, stateRef]);

  return { payment, askCancel, keepWaiting, confirmCancel, dismissCancelApproval };
}

export type SaleStatus = ReturnType<typeof useSaleStatus>;
