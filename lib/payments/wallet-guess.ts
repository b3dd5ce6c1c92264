/**
 * Which wallet a payment code probably comes from, by prefix and length (API-FACTS §10). Display
 * only: QFPay routes pay_type 800008 itself, and QFPay advises against telling wallets apart by
 * code, since formats change. Pure: used by the scanner in the browser and by the ledger.
 */
import type { WalletGuess } from "./types";

export function guessWallet(code: string): WalletGuess {
  if (!/^\d+$/.test(code)) return "unknown";
  const prefix = Number(code.slice(0, 2));
  // UnionPay QuickPass C2B: "62" + 17 digits.
  if (code.length === 19 && prefix === 62) return "unionpay";
  // WeChat Pay: 18 digits, prefix 10–15 (15 = Hong Kong users).
  if (code.length === 18 && prefix >= 10 && prefix <= 15) return "wechat";
  // Alipay: prefix 25–30, 16–24 digits.
  if (code.length >= 16 && code.length <= 24 && prefix >= 25 && prefix <= 30) return "alipay";
  return "unknown";
}
