"use client";
/**
 * A barcode scanner (keyboard wedge) on the amount screen: a payment code scanned there pays the
 * keyed amount at once, without going through the scan screen; with no amount keyed it says to key
 * it first. `useKeypadKeyboard` already undoes most of what the burst's digits did to the amount;
 * this hook knows the amount from before the burst's first key (`noteKey` is called for every key
 * applied) and charges that. Given `onProductCode` (the cart's), a product barcode goes there
 * instead of being refused (issue 12; docs/glossary.md, "read mode").
 */
import { useEffect, useRef, useState } from "react";
import { checkPaymentCode, type PaymentCodeRules } from "@/lib/scan/payment-code";
import { recentPaymentCodes } from "@/lib/scan/recent-codes";
import { classifyScannedCode } from "@/lib/scan/scanned-code";
import { scannedCodeProblemMessage, type Message } from "./read-messages";
import { useWedgeScanner } from "./use-wedge-scanner";
import "@/lib/i18n/catalog/scan-reads";

const NOTICE_MS = 5000;
const KEY_LOG_LENGTH = 200;

type Options = {
  enabled: boolean;
  amount: number;
  rules: PaymentCodeRules;
  /** Puts the amount back as it was before the scanner's burst. */
  onRestore(amount: number): void;
  /** A valid, fresh payment code and an amount above zero: pay now. */
  onPay(amount: number, code: string): void;
  /**
   * A product barcode, normalised (`normaliseProductBarcode`). Without it a product barcode is
   * refused with its notice, as before the cart.
   */
  onProductCode?(code: string): void;
};

type KeypadWedge = {
  /** Why the last scan was refused (product barcode, no amount, duplicate), for a few seconds. */
  notice: Message | null;
  /** Call before applying any key to the amount (keyboard or on-screen keypad). */
  noteKey(): void;
  dismiss(): void;
};

/** The amount before the first key applied at or after `startedAt`, or the current amount. */
export function amountBeforeBurst(
  log: readonly { at: number; before: number }[],
  startedAt: number,
  current: number,
): number {
  return log.find((entry) => entry.at >= startedAt)?.before ?? current;
}

type KeypadScanAction =
  | { type: "pay"; amount: number; code: string }
  | { type: "product"; code: string }
  | { type: "refuse"; notice: Message };

/**
 * What a scanner burst on the amount screen does, given the amount before it. `takesProducts`:
 * someone listens for product barcodes; without it this is the routing from before the cart.
 * `guard` is the tab's duplicate guard for payment codes (a product scanned twice is two items).
 */
export function routeKeypadScan(
  raw: string,
  before: number,
  rules: PaymentCodeRules,
  guard: { accept(code: string): boolean },
  takesProducts: boolean,
): KeypadScanAction {
  if (takesProducts) {
    const scanned = classifyScannedCode(raw, rules);
    if (scanned.kind === "product") return { type: "product", code: scanned.product.code };
  }
  const check = checkPaymentCode(raw, rules);
  if (!check.ok) return { type: "refuse", notice: scannedCodeProblemMessage(check.reason) };
  // Checked before the duplicate guard: the same code must still work once the amount is keyed.
  if (before <= 0) return { type: "refuse", notice: { key: "scan.keyAmountFirst" } };
  if (!guard.accept(check.code)) return { type: "refuse", notice: { key: "scan.readDuplicate" } };
  return { type: "pay", amount: before, code: check.code };
}

export function useKeypadWedge({ enabled, amount, rules, onRestore, onPay, onProductCode }: Options): KeypadWedge {
  const [notice, setNotice] = useState<Message | null>(null);
  const amountRef = useRef(amount);
  const log = useRef<{ at: number; before: number }[]>([]);
  useEffect(() => {
    amountRef.current = amount;
  }, [amount]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  useWedgeScanner(
    (raw, startedAt) => {
      const before = amountBeforeBurst(log.current, startedAt, amountRef.current);
      log.current = [];
      if (before !== amountRef.current) onRestore(before);
      const action = routeKeypadScan(raw, before, rules, recentPaymentCodes, onProductCode !== undefined);
      if (action.type === "refuse") return setNotice(action.notice);
      setNotice(null);
      if (action.type === "product") onProductCode?.(action.code);
      else onPay(action.amount, action.code);
    },
    { enabled },
  );

  return {
    notice,
    noteKey() {
      log.current.push({ at: performance.now(), before: amountRef.current });
      if (log.current.length > KEY_LOG_LENGTH) log.current.shift();
    },
    dismiss: () => setNotice(null),
  };
}
