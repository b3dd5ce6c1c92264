import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { newOutTradeNo } from "@/lib/payments/out-trade-no";
import {
  cancelPayment,
  createPayment,
  goToSignIn,
  type CancelPaymentResult,
  type CreatePaymentInput,
  type CreatePaymentResult,
} from "@/components/payments/payments-api";
import { isSettledStatus } from "@/components/payments/payment-labels";
import { paymentKeys, usePayment } from "@/components/payments/use-payment";
import type { KeypadKey } from "./amount-entry";
import { initialSaleState, saleReducer, type CancelRefusal, type CodeSource, type SaleState } from "./sale-machine";

/** The server answers within ~20 s (QFPay's timeout); past this we assume the answer was lost. */
const POST_TIMEOUT_MS = 35_000;
export const MAX_SEND_TRIES = 4;
const BACKOFF_MS = [1_000, 2_000, 4_000];

function backoffDelay(retry: number): number {
  const base = BACKOFF_MS[Math.min(retry, BACKOFF_MS.length - 1)] ?? 4_000;
  return base + Math.round(Math.random() * 300);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function createPaymentWithTimeout(input: CreatePaymentInput): Promise<CreatePaymentResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), POST_TIMEOUT_MS);
  try {
    return await createPayment(input, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** A cancel runs QFPay's reversal and an enquiry on the server: allow it longer than a payment. */
const CANCEL_TIMEOUT_MS = 45_000;

async function cancelPaymentWithTimeout(outTradeNo: string): Promise<CancelPaymentResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CANCEL_TIMEOUT_MS);
  try {
    return await cancelPayment(outTradeNo, controller.signal);
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

/**
 * The sale as a small state machine (keypad → scanning → sending → status), plus the two things
 * that must not go wrong: one outTradeNo per scanned code, reused on every resend, and an unknown
 * outcome that is polled, never retried with a new number.
 */
export function useSaleFlow(currency: string) {
  const [state, dispatch] = useReducer(saleReducer, initialSaleState);
  const queryClient = useQueryClient();
  const stateRef = useRef<SaleState>(state);
  const alive = useRef(true);
  const acceptingCode = useRef(false);
  const inFlight = useRef<string | null>(null);
  const cancelInFlight = useRef<string | null>(null);
  /** The code in memory only until its payment settles; needed to resend the same request. */
  const unsettled = useRef<CreatePaymentInput | null>(null);

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

  const watched = state.step === "status" ? state.attempt.outTradeNo : null;
  const payment = usePayment(watched, { keepPolling: true });
  const settledStatus = payment.data && isSettledStatus(payment.data.status) ? payment.data.status : null;

  useEffect(() => {
    if (!settledStatus) return;
    unsettled.current = null;
    void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
  }, [settledStatus, queryClient]);

  const send = useCallback(
    async (input: CreatePaymentInput) => {
      const { outTradeNo } = input;
      if (inFlight.current === outTradeNo) return;
      inFlight.current = outTradeNo;
      try {
        for (let attempt = 1; attempt <= MAX_SEND_TRIES; attempt++) {
          if (attempt > 1) {
            dispatch({ type: "retrying", outTradeNo, try: attempt });
            await sleep(backoffDelay(attempt - 2));
          }
          if (!alive.current) return;
          const result = await createPaymentWithTimeout(input);
          if (!alive.current) return;
          switch (result.kind) {
            case "accepted":
              queryClient.setQueryData(paymentKeys.detail(outTradeNo), result.payment);
              void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
              dispatch({ type: "accepted", outTradeNo });
              return;
            case "conflict":
            case "rejected":
              unsettled.current = null;
              dispatch({ type: "rejected", outTradeNo, error: result.error });
              return;
            case "signedOut":
              goToSignIn();
              return;
            case "unreachable":
              break;
          }
        }
        dispatch({ type: "unconfirmed", outTradeNo });
      } finally {
        if (inFlight.current === outTradeNo) inFlight.current = null;
      }
    },
    [queryClient],
  );

  /** One scanned code: one outTradeNo, made here and kept for every resend. */
  const pay = useCallback(
    (amount: number, authCode: string, source: CodeSource) => {
      const outTradeNo = newOutTradeNo();
      const input: CreatePaymentInput = { outTradeNo, amount, currency, authCode };
      unsettled.current = input;
      dispatch({
        type: "scanned",
        attempt: { outTradeNo, scannedAt: Date.now(), codeLast4: authCode.slice(-4), source },
      });
      void send(input);
    },
    [currency, send],
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

  const resend = useCallback(() => {
    const input = unsettled.current;
    const current = stateRef.current;
    if (!input || current.step !== "status" || current.confirmed) return;
    if (current.attempt.outTradeNo !== input.outTradeNo) return;
    dispatch({ type: "resend", outTradeNo: input.outTradeNo });
    void send(input);
  }, [send]);

  const askCancel = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelAsk", outTradeNo: current.attempt.outTradeNo });
  }, []);

  const keepWaiting = useCallback(() => {
    const current = stateRef.current;
    if (current.step === "status") dispatch({ type: "cancelKeep", outTradeNo: current.attempt.outTradeNo });
  }, []);

  /** Asks the server to cancel the open payment; its answer (the payment as it now stands) drives the screen. */
  const confirmCancel = useCallback(async () => {
    const current = stateRef.current;
    if (current.step !== "status") return;
    const { outTradeNo } = current.attempt;
    if (cancelInFlight.current === outTradeNo) return;
    cancelInFlight.current = outTradeNo;
    dispatch({ type: "cancelSend", outTradeNo });
    try {
      const result = await cancelPaymentWithTimeout(outTradeNo);
      if (!alive.current) return;
      if (result.kind === "answered") {
        // The server has it and is stopping it: from here it is only watched, never sent again.
        unsettled.current = null;
        queryClient.setQueryData(paymentKeys.detail(outTradeNo), result.payment);
        dispatch({ type: "cancelAnswered", outTradeNo });
      } else if (result.kind === "signedOut") {
        goToSignIn();
        return;
      } else {
        dispatch({ type: "cancelRefused", outTradeNo, ...cancelRefusal(result) });
        // A 409 means the payment is already final: show how it ended without waiting for the poll.
        void queryClient.invalidateQueries({ queryKey: paymentKeys.detail(outTradeNo) });
      }
      void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
    } finally {
      if (cancelInFlight.current === outTradeNo) cancelInFlight.current = null;
    }
  }, [queryClient]);

  const press = useCallback((key: KeypadKey) => dispatch({ type: "key", key }), []);
  const restore = useCallback((amount: number) => dispatch({ type: "restore", amount }), []);
  const charge = useCallback(() => dispatch({ type: "charge" }), []);
  const back = useCallback(() => dispatch({ type: "back" }), []);
  const rescan = useCallback(() => {
    unsettled.current = null;
    dispatch({ type: "rescan" });
  }, []);
  const newSale = useCallback(() => {
    unsettled.current = null;
    dispatch({ type: "newSale" });
  }, []);

  return {
    state,
    payment,
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
  };
}

export type SaleFlow = ReturnType<typeof useSaleFlow>;
