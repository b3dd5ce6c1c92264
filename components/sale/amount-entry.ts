import { MAX_AMOUNT_MINOR } from "@/lib/money";

export type KeypadKey = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "00" | "backspace" | "clear";

export const DIGIT_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/**
 * Cash-register entry in minor units: each digit shifts the amount left, so 1, 2, 5, 0 gives 1250
 * (HK$12.50). A key that would pass MAX_AMOUNT_MINOR leaves the amount as it was.
 */
export function applyKey(amount: number, key: KeypadKey): number {
  switch (key) {
    case "backspace":
      return Math.floor(amount / 10);
    case "clear":
      return 0;
    case "00": {
      const next = amount * 100;
      return next <= MAX_AMOUNT_MINOR ? next : amount;
    }
    default: {
      const next = amount * 10 + Number(key);
      return next <= MAX_AMOUNT_MINOR ? next : amount;
    }
  }
}

/** True when `key` would be refused because of the amount limit. */
export function wouldExceedLimit(amount: number, key: KeypadKey): boolean {
  return key !== "backspace" && key !== "clear" && applyKey(amount, key) === amount && amount !== 0;
}
