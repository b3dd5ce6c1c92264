/**
 * Which wallet a payment code probably comes from, by prefix and length (docs/qfpay.md §10). Display
 * only: QFPay routes pay_type 800008 itself, and QFPay advises against telling wallets apart by
 * code, since formats change. Pure: used by the scanner in the browser and by the ledger.
 */
import type { WalletGuess } from "./payments";

export function guessWallet(code: string): WalletGuess {
  // WeChat Pay: 18 digits, prefix 10–15 (15 = Hong Kong users).
  if (/^1[0-5]\d{16}$/.test(code)) return "wechat";
  // Alipay: prefix 25–30, 16–24 digits.
  if (/^(2[5-9]|30)\d{14,22}$/.test(code)) return "alipay";
  // UnionPay QuickPass C2B: "62" + 17 digits.
  if (/^62\d{17}$/.test(code)) return "unionpay";
  return "unknown";
}
