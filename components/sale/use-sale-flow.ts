import { useCallback, useEffect, useMemo, useReducer, useRef, type RefObject } from "react";
import { newOutTradeNo } from "@/lib/contract/out-trade-no";
import type { OutboxItem } from "@/lib/offline/outbox-item";
import { useOutbox } from "@/components/payments/outbox-provider";
import { useTillSession } from "@/components/till/till-session-provider";
import type { CodeSource } from "@/lib/scan/payment-code";
import type { KeypadKey } from "./amount-entry";
import { initialSaleState, saleReducer, type SaleEvent, type SaleState } from "./sale-machine";

/** What the status step needs to drive the sale's cancel from its own chunk. */
type SaleMachineHandle = {
  dispatch: (event: SaleEvent) => void;
  /** The state as of the last render (event handlers read it after an await). */
  stateRef: RefObject<SaleState>;
  /** False once the sale screen is gone: a late answer changes nothing. */
  alive: RefObject<boolean>;
  /** The payment whose cancel request is on its way (a second tap sends nothing). */
  cancelInFlightRef: RefObject<string | null>;
};

/** How many send attempts the "connection trouble" line counts up to before the screen says "checking". */
export const MAX_SEND_TRIES = 4;

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
 * What only the status step does (polling the payment, cancelling it) is use-sale-status.ts, loaded
 * with that step: the keypad's first load carries none of it (docs/first-load.md).
 */
export function useSaleFlow(currency: string, codeLifetimeMs: number) {
  const [state, dispatch] = useReducer(saleReducer, initialSaleState);
  const outbox = useOutbox();
  const stateRef = useRef<SaleState>(state);
  const alive = useRef(true);
  const acceptingCode = useRef(false);
  const cancelInFlightRef = useRef<string | null>(null);
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
        attempt: {
          outTradeNo: item.outTradeNo,
          scannedAt: item.scannedAt,
          authCodeLast4: item.authCodeLast4,
          source: item.source,
        },
      });
      return;
    }
  }, [outbox.ready, outbox.items]);

  const currentId = "attempt" in state ? state.attempt.outTradeNo : null;
  const item = currentId ? outbox.items.find((i) => i.outTradeNo === currentId) : undefined;

  // The outbox moves the payment on; the screen follows. (The outbox puts what it learns of the
  // payment in the query cache; the status step starts from the outbox's copy: use-sale-status.ts.)
  useEffect(() => {
    if (!item) return;
    const id = item.outTradeNo;
    switch (item.phase) {
      case "at_server":
      case "final":
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
  }, [item, outbox.online]);

  const { enqueue } = outbox;
  const { staff, scanProof } = useTillSession();
  const username = staff?.username;
  const scannedBy = useMemo(() => (username && scanProof ? { username, scanProof } : null), [username, scanProof]);
  /** One scanned code: one outTradeNo, made here and kept for every resend. Stored before it is sent. */
  const pay = useCallback(
    (amount: number, authCode: string, source: CodeSource) => {
      const outTradeNo = newOutTradeNo();
      const scannedAt = Date.now();
      dispatch({ type: "scanned", attempt: { outTradeNo, scannedAt, authCodeLast4: authCode.slice(-4), source } });
      void enqueue({ outTradeNo, amount, currency, authCode, source, scannedAt, codeLifetimeMs, scannedBy }).then(
        (stored) => {
          if (stored || !alive.current) return;
          dispatch({
            type: "rejected",
            outTradeNo,
            error: {
              code: "outbox_unavailable",
              message: "This browser could not store the payment, so it was not sent.",
            },
          });
        },
      );
    },
    [currency, codeLifetimeMs, enqueue, scannedBy],
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

  const { kick, dismiss } = outbox;
  /** "Send the same payment again": the outbox looks it up now and resends the same outTradeNo if the code is still fresh. */
  const resend = useCallback(() => {
    const current = stateRef.current;
    if (current.step !== "status" || current.confirmed) return;
    kick(current.attempt.outTradeNo);
  }, [kick]);

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
    /** The same machine as the status step's cancel drives it (use-sale-status.ts). */
    machine: { dispatch, stateRef, alive, cancelInFlightRef } satisfies SaleMachineHandle,
    outboxItem: item,
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
  };
}

export type SaleFlow = ReturnType<typeof useSaleFlow>;
