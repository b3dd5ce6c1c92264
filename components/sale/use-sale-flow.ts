import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { approvalAnswer, type Approval } from "@/components/approval/approval";
import { newOutTradeNo } from "@/lib/payments/out-trade-no";
import { isOpen, type OutboxItem } from "@/lib/offline/outbox-item";
import { cancelPayment, goToSignIn, type CancelPaymentResult } from "@/components/payments/payments-api";
import { useOutbox } from "@/components/payments/outbox-provider";
import { isSettledStatus } from "@/components/payments/payment-labels";
import { paymentKeys } from "@/components/payments/payment-keys";
import { usePayment } from "@/components/payments/use-payment";
import { useTillSession } from "@/components/till/till-session-provider";
import type { KeypadKey } from "./amount-entry";
import { initialSaleState, saleReducer, type CancelRefusal, type CodeSource, type SaleEvent, type SaleState } from "./sale-machine";

/** How many send attempts the "connection trouble" line counts up to before the screen says "checking". */
export const MAX_SEND_TRIES = 4;

/** A cancel runs QFPay's reversal and an enquiry on the server: allow it longer than a payment. */
const CANCEL_TIMEOUT_MS = 45_000;

async function cancelPaymentWithTimeout(outTradeNo: string, approval: Approval | undefined): Promise<CancelPaymentResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CANCEL_TIMEOUT_MS);
  try {
    return await cancelPayment(outTradeNo, { signal: controller.signal, approval });
  } finally {
    clearTimeout(timer);
  }
}

function cancelRefusal(result: Exclude<CancelPaymentResult, { kind: "answered" | "signedOut" }>): { reason: CancelRefusal; message: string } {
  switch (result.kind) {
    case "conflict":
      return { reason: "conflict", message: result.error.message };
    case "notFound":
      return { reason: "not_found", message: result.error.message };
    case "rejected":
      return { reason: "rejected", message: result.error.message };
    case "unreachable":
      return { reason: "unreachable", message: result.reason };
  }
}

/** Where a resumed payment is shown, from what the outbox knows of it. */
function resumeAt(item: OutboxItem): Extract<SaleEvent, { type: "resume" }>["at"] | null {
  switch (item.phase) {
    case "queued":
      return "sending";
    case "maybe_sent":
      return "unconfirmed";
    case "at_server":
      return "confirmed";
    case "expired":
      return item.dismissed ? null : "expired";
    default:
      return null;
  }
}

/**
 * The sale as a small state machine (keypad → scanning → sending → status), on top of the outbox:
 * a scanned code becomes one outbox item with one outTradeNo, written to IndexedDB before anything
 * is sent; the outbox sends, resends the same outTradeNo and looks it up; this hook only shows it.
 */
export function useSaleFlow(currency: string, codeLifetimeMs: number) {
  const [state, dispatch] = useReducer(saleReducer, initialSaleState);
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  const stateRef = useRef<SaleState>(state);
  const alive = useRef(true);
  const acceptingCode = useRef(false);
  const cancelInFlight = useRef<string | null>(null);
  const resumed = useRef(false);

  useEffect(() => {
    stateRef.current = state;
    // The keypad step takes a code too: from a barcode scanner, with the amount keyed.
    acceptingCode.current = state.step === "scanning" || state.step === "keypad";
  }, [state]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // After a reload, a crash or a restart: show the newest payment that is still open.
  useEffect(() => {
    if (!outbox.ready || resumed.current) return;
    resumed.current = true;
    for (const item of [...outbox.items].reverse()) {
      if (item.dismissed) continue;
      const at = resumeAt(item);
      if (!at) continue;
      dispatch({
        type: "resume",
        amount: item.amount,
        at,
        attempt: { outTradeNo: item.outTradeNo, scannedAt: item.scannedAt, codeLast4: item.codeLast4, source: item.source },
      });
      return;
    }
  }, [outbox.ready, outbox.items]);

  const currentId = "attempt" in state ? state.attempt.outTradeNo : null;
  const item = currentId ? outbox.items.find((i) => i.outTradeNo === currentId) : undefined;

  // The outbox moves the payment on; the screen follows.
  useEffect(() => {
    if (!item) return;
    const id = item.outTradeNo;
    switch (item.phase) {
      case "at_server":
      case "final":
        if (item.payment) queryClient.setQueryData(paymentKeys.detail(id), item.payment);
        dispatch({ type: "accepted", outTradeNo: id });
        return;
      case "rejected":
        dispatch({ type: "rejected", outTradeNo: id, error: item.error ?? { code: "rejected", message: "" } });
        return;
      case "expired":
        dispatch({ type: "expired", outTradeNo: id });
        return;
      case "maybe_sent":
        if (item.lastSendEndedAt === null) {
          if (item.attempts > 1) dispatch({ type: "retrying", outTradeNo: id, try: item.attempts });
        } else if (item.attempts >= MAX_SEND_TRIES || !outbox.online) {
          dispatch({ type: "unconfirmed", outTradeNo: id });
        }
        return;
      case "queued":
        return;
    }
  }, [item, outbox.online, queryClient]);

  const watched = state.step === "status" ? state.attempt.outTradeNo : null;
  const payment = usePayment(watched, { keepPolling: true });
  const settledStatus = payment.data && isSettledStatus(payment.data.status) ? payment.data.status : null;

  useEffect(() => {
    if (!settledStatus) return;
    void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
  }, [settledStatus, queryClient]);

  const { enqueue } = outbox;
  const { staff, scanProof } = useTillSession();
  const scannedBy = staff && scanProof ? { username: staff.username, scanProof } : null;
  /** One scanned code: one outTradeNo, made here and kept for every resend. Stored before it is sent. */
  const pay = useCallback(
    (amount: number, authCode: string, source: CodeSource) => {
      const outTradeNo = newOutTradeNo();
      const scannedAt = Date.now();
      dispatch({ type: "scanned", attempt: { outTradeNo, scannedAt, codeLast4: authCode.slice(-4), source } });
      void enqueue({ outTradeNo, amount, currency, authCode, source, scannedAt, codeLifetimeMs, scannedBy }).then((stored) => {
        if (stored || !alive.current) return;
        dispatch({
          type: "rejected",
          outTradeNo,
          error: { code: "outbox_unavailable", message: "This browser could not store the payment, so it was not sent." },
        });
      });
    },
    [currency, codeLifetimeMs, enqueue, scannedBy?.username, scannedBy?.scanProof],
  );

  const onCode = useCallback(
    (code: string, source: CodeSource) => {
      const current = stateRef.current;
      const authCode = code.trim();
      if (!acceptingCode.current || current.step !== "scanning" || !authCode) return;
      acceptingCode.current = false;
      pay(current.amount, authCode, source);
    },
    [pay],
  );

  /**
   * A barcode scanner read a code on the keypad step: charge `amount` (what was keyed before the
   * scanner's burst) and pay at once, as if Charge had been tapped and the code scanned.
   */
  const chargeWithCode = useCallback(
    (amount: number, code: string, source: CodeSource) => {
      const current = stateRef.current;
      const authCode = code.trim();
      if (!acceptingCode.current || current.step !== "keypad" || !authCode || !(amount > 0)) return;
      acceptingCode.current = false;
      dispatch({ type: "restore", amount });
      dispatch({ type: "charge" });
      pay(amount, authCode, source);
    },
    [pay],
  );

  const { kick, markCancelRequested, dismiss } = outbox;
  /** "Send the same payment again": the outbox looks it up now and resends the same outTradeNo if the code is still fresh. */
  const resend = useCallback(() => {
    const current = stateRef.current;
    if (current.step !== "status" || current.confirmed) return;
    kick(current.attempt.outTradeNo);
  }, [kick]);

  const askCancel = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelAsk", outTradeNo: current.attempt.outTradeNo });
  }, []);

  const keepWaiting = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelKeep", outTradeNo: current.attempt.outTradeNo });
  }, []);

  /**
   * Asks the server to cancel the open payment; its answer (the payment as it now stands) drives the
   * screen. Someone else's payment is answered "a manager must approve" (issue 9): the approval
   * dialog opens and its Approve calls this again with `approval`, sent with that one request only.
   */
  const confirmCancel = useCallback(async (approval?: Approval) => {
    const current = stateRef.current;
    if (current.step !== "status") return;
    // An approval goes only with the request the approval dialog asked for.
    if (approval && current.cancel.phase !== "approving") return;
    const { outTradeNo } = current.attempt;
    if (cancelInFlight.current === outTradeNo) return;
    cancelInFlight.current = outTradeNo;
    // From now on the outbox never sends it again, whatever the cancel request comes to.
    markCancelRequested(outTradeNo);
    dispatch({ type: "cancelSend", outTradeNo, withApproval: approval !== undefined });
    try {
      const result = await cancelPaymentWithTimeout(outTradeNo, approval);
      if (!alive.current) return;
      if (result.kind === "answered") {
        // The server has it and is stopping it: from here it is only watched, never sent again.
        queryClient.setQueryData(paymentKeys.detail(outTradeNo), result.payment);
        dispatch({ type: "cancelAnswered", outTradeNo });
      } else if (result.kind === "signedOut") {
        goToSignIn();
        return;
      } else if (result.kind === "rejected" && approvalAnswer(result.status, result.error.code)) {
        // Nothing was cancelled: the server checks the approval before it touches the payment.
        dispatch({ type: "cancelApproval", outTradeNo, refused: approvalAnswer(result.status, result.error.code) === "refused" });
      } else {
        dispatch({ type: "cancelRefused", outTradeNo, ...cancelRefusal(result) });
        // A 409 means the payment is already final: show how it ended without waiting for the poll.
        void queryClient.invalidateQueries({ queryKey: paymentKeys.detail(outTradeNo) });
      }
      void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
    } finally {
      if (cancelInFlight.current === outTradeNo) cancelInFlight.current = null;
    }
  }, [queryClient, markCancelRequested]);

  /** The approval dialog closed without approving: nothing more is sent. */
  const dismissCancelApproval = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelDismissApproval", outTradeNo: current.attempt.outTradeNo });
  }, []);

  const press = useCallback((key: KeypadKey) => dispatch({ type: "key", key }), []);
  const restore = useCallback((amount: number) => dispatch({ type: "restore", amount }), []);
  const charge = useCallback(() => dispatch({ type: "charge" }), []);
  const back = useCallback(() => dispatch({ type: "back" }), []);
  /** Moving on: the payment stays in the outbox (and in the list) until it is final; only the screen lets go. */
  const leave = useCallback(() => {
    const current = stateRef.current;
    if ("attempt" in current) dismiss(current.attempt.outTradeNo);
  }, [dismiss]);
  const rescan = useCallback(() => {
    leave();
    dispatch({ type: "rescan" });
  }, [leave]);
  const newSale = useCallback(() => {
    leave();
    dispatch({ type: "newSale" });
  }, [leave]);

  return {
    state,
    payment,
    outboxItem: item,
    outboxOpen: item ? isOpen(item) : false,
    canResend: state.step === "status" && !state.confirmed && state.cancel.phase === "none",
    press,
    restore,
    charge,
    back,
    onCode,
    chargeWithCode,
    resend,
    rescan,
    newSale,
    askCancel,
    keepWaiting,
    confirmCancel,
    dismissCancelApproval,
  };
}

export type SaleFlow = ReturnType<typeof useSaleFlow>;
