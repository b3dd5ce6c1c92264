/**
 * What counts as a customer's wallet payment code (QFPay `auth_code`), before we send it to pay.
 * Pure: runs in the browser and in unit tests.
 */
import type { WalletGuess } from "@/lib/contract/payments";
import { guessWallet } from "@/lib/contract/wallet-guess";
import type { ScanCodeFormat } from "./scan-settings";

export { guessWallet };

/** How a payment code reached the till: the camera, a barcode scanner that types (wedge), or typed by hand. */
export type CodeSource = "camera" | "wedge" | "manual";

export type PaymentCodeRules = {
  minLength: number;
  maxLength: number;
  /** "digits": WeChat Pay / Alipay / UnionPay codes. "alphanumeric": `[0-9A-Za-z]`, e.g. Thai wallets. */
  charset: "digits" | "alphanumeric";
};

/** docs/scanning-findings.md §7 step 3: accept only `^\d{16,24}$`. */
export const WALLET_CODE_RULES: PaymentCodeRules = { minLength: 16, maxLength: 24, charset: "digits" };

/**
 * docs/qfpay.md §10: QFPay takes up to 128 characters and some regions' codes are alphanumeric. At
 * least 10, as `POST /api/payments` requires (`createPaymentInput` in `lib/contract/payments.ts`).
 */
export const ALPHANUMERIC_CODE_RULES: PaymentCodeRules = { minLength: 10, maxLength: 128, charset: "alphanumeric" };

/** The rules for the `SCAN_CODE_FORMAT` setting. */
export function rulesForCodeFormat(format: ScanCodeFormat): PaymentCodeRules {
  return format === "alphanumeric" ? ALPHANUMERIC_CODE_RULES : WALLET_CODE_RULES;
}

export type PaymentCodeProblem = "empty" | "too_short" | "too_long" | "not_digits" | "product_barcode";

type PaymentCodeCheck =
  | { ok: true; code: string; wallet: WalletGuess }
  | {
      ok: false;
      /** "not_digits" also covers characters outside `[0-9A-Za-z]` under the alphanumeric rules. */
      reason: PaymentCodeProblem;
    };

/** Strips what scanners and copy-paste add around a code: CR/LF (docs/qfpay.md §10), tabs, spaces. */
export function normalizePaymentCode(raw: string): string {
  return raw.replace(/\s+/g, "");
}

export function checkPaymentCode(raw: string, rules: PaymentCodeRules = WALLET_CODE_RULES): PaymentCodeCheck {
  const code = normalizePaymentCode(raw);
  if (code === "") return { ok: false, reason: "empty" };
  const allowed = rules.charset === "digits" ? /^\d+$/ : /^[0-9A-Za-z]+$/;
  if (!allowed.test(code)) return { ok: false, reason: "not_digits" };
  if (isProductBarcode(code)) return { ok: false, reason: "product_barcode" };
  if (code.length < rules.minLength) return { ok: false, reason: "too_short" };
  if (code.length > rules.maxLength) return { ok: false, reason: "too_long" };
  return { ok: true, code, wallet: guessWallet(code) };
}

/**
 * A retail product barcode (EAN-8, UPC-A, EAN-13) with a valid GS1 check digit: what a cashier
 * gets by scanning the goods instead of the customer's phone.
 */
export function isProductBarcode(code: string): boolean {
  if (!/^\d+$/.test(code) || ![8, 12, 13].includes(code.length)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop();
  const sum = digits.reverse().reduce((total, digit, i) => total + digit * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

type DuplicateGuard = {
  /** True the first time a code is seen within the window (and remembers it); false for a repeat. */
  accept(code: string): boolean;
  clear(): void;
};

/**
 * Wallet codes are single use (docs/qfpay.md §10), so the same code twice is a double read or a
 * customer who has not refreshed the code: never a second payment.
 */
export function createDuplicateGuard(windowMs: number, now: () => number = Date.now): DuplicateGuard {
  const seen = new Map<string, number>();
  return {
    accept(code) {
      const at = now();
      for (const [known, time] of seen) if (at - time >= windowMs) seen.delete(known);
      if (seen.has(code)) return false;
      seen.set(code, at);
      return true;
    },
    clear() {
      seen.clear();
    },
  };
}
