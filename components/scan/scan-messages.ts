/**
 * Catalog keys (and parameters) for the scan feature's outcomes. A read that is not a payment
 * code: read-messages.ts.
 */
import type { WalletGuess } from "@/lib/contract/payments";
import type { MessageKey } from "@/lib/i18n/messages";
import type { CameraProblem } from "@/lib/scan/camera-errors";
import type { PaymentCodeProblem, PaymentCodeRules } from "@/lib/scan/payment-code";
import type { Message } from "./read-messages";
import "@/lib/i18n/catalog/scan";

export const CAMERA_PROBLEM_MESSAGE: Record<CameraProblem, MessageKey> = {
  permission_denied: "scan.errorPermission",
  no_camera: "scan.errorNoCamera",
  camera_busy: "scan.errorBusy",
  insecure_context: "scan.errorInsecure",
  unsupported: "scan.errorUnsupported",
  unknown: "scan.errorCameraUnknown",
};

/** For a typed code: what to fix in the field. */
export function typedCodeProblemMessage(problem: PaymentCodeProblem, rules: PaymentCodeRules): Message {
  const range = { min: rules.minLength, max: rules.maxLength };
  const digits = rules.charset === "digits";
  switch (problem) {
    case "empty":
      return { key: "scan.problemEmpty" };
    case "too_short":
      return { key: digits ? "scan.problemTooShort" : "scan.problemTooShortAlphanumeric", params: range };
    case "too_long":
      return { key: digits ? "scan.problemTooLong" : "scan.problemTooLongAlphanumeric", params: range };
    case "not_digits":
      return { key: digits ? "scan.problemNotDigits" : "scan.problemNotAlphanumeric" };
    case "product_barcode":
      return { key: "scan.problemProductBarcode" };
  }
}

export const WALLET_NAME: Record<Exclude<WalletGuess, "unknown">, MessageKey> = {
  wechat: "scan.walletWechat",
  alipay: "scan.walletAlipay",
  unionpay: "scan.walletUnionpay",
  payme: "scan.walletPayme",
};
