import { useEffect, useEffectEvent, useRef } from "react";
import type { KeypadKey } from "./amount-entry";

/**
 * A keyboard-wedge scanner types a whole payment code in one burst, keys a few ms apart; people
 * type 80 ms or more apart. A key less than this after the previous one is taken as a scanner.
 */
const WEDGE_BURST_GAP_MS = 35;

type Options = {
  enabled: boolean;
  amount: number;
  onKey: (key: KeypadKey) => void;
  onRestore: (amount: number) => void;
  onSubmit: () => void;
};

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ["BUTTON", "A", "SUMMARY"].includes(target.tagName);
}

function keypadKeyFor(key: string): KeypadKey | null {
  if (/^[0-9]$/.test(key)) return key as KeypadKey;
  if (key === "Backspace" || key === "Delete") return "backspace";
  if (key === "Escape") return "clear";
  return null;
}

/**
 * Physical number keys, Backspace/Delete, Escape (clear) and Enter (charge) on the amount screen,
 * when no field has focus. A burst from a wedge scanner is undone and ignored, so a scanned code
 * never becomes an amount; `useKeypadWedge` (components/scan) takes the code itself and pays.
 */
export function useKeypadKeyboard({ enabled, amount, onKey, onRestore, onSubmit }: Options): void {
  const lastKeyAt = useRef(Number.NEGATIVE_INFINITY);
  const amountBeforeLastKey = useRef(amount);
  const inBurst = useRef(false);

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isEditable(event.target)) return;
    const isEnter = event.key === "Enter";
    const key = keypadKeyFor(event.key);
    if (!isEnter && !key) return;
    if (event.repeat) {
      if (key === "backspace") {
        event.preventDefault();
        onKey(key);
      }
      return;
    }

    const gap = event.timeStamp - lastKeyAt.current;
    lastKeyAt.current = event.timeStamp;
    if (gap < WEDGE_BURST_GAP_MS) {
      if (!inBurst.current) onRestore(amountBeforeLastKey.current);
      inBurst.current = true;
      event.preventDefault();
      return;
    }
    inBurst.current = false;

    if (isEnter) {
      if (isActivatable(event.target)) return;
      event.preventDefault();
      onSubmit();
      return;
    }
    if (!key) return;
    event.preventDefault();
    amountBeforeLastKey.current = amount;
    onKey(key);
  });

  useEffect(() => {
    if (!enabled) return;
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
