/**
 * What a code read on the sale step is (issue 12): a customer's wallet payment code, a product's
 * barcode, or neither. A wallet code wins (docs/glossary.md, "read mode"): on the amount screen it
 * still pays the keyed amount, as before there was a cart. Pure.
 */
import type { WalletGuess } from "@/lib/contract/payments";
import { checkPaymentCode, type PaymentCodeProblem, type PaymentCodeRules } from "./payment-code";
import { normaliseProductBarcode, type ProductBarcode, type ProductSymbology } from "./product-code";

type ScannedCode =
  | { kind: "payment"; code: string; wallet: WalletGuess }
  | { kind: "product"; product: ProductBarcode }
  /** `reason`: why it is not a payment code, for the message the payment path has always shown. */
  | { kind: "neither"; reason: PaymentCodeProblem };

/** `symbology`: what the camera saw, when it knows (`normaliseProductBarcode`). */
export function classifyScannedCode(raw: string, rules: PaymentCodeRules, symbology?: ProductSymbology): ScannedCode {
  const payment = checkPaymentCode(raw, rules);
  if (payment.ok) return { kind: "payment", code: payment.code, wallet: payment.wallet };
  const product = normaliseProductBarcode(raw, symbology);
  if (product.ok) return { kind: "product", product: { code: product.code, symbology: product.symbology } };
  return { kind: "neither", reason: payment.reason };
}
