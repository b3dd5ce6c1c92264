/**
 * Wallet payment-code formats (docs/qfpay.md §10) and the CPM pay types (§3). Only a hint for the
 * simulator: QFPay itself advises against telling wallets apart by code (§10, 2017 FAQ).
 */
import { randomInt } from "node:crypto";

/** The CPM pay types QFPay documents (docs/qfpay.md §3). */
const CPM_PAY_TYPES = ["800008", "800108", "800208", "801008", "805808", "800708"] as const;
type CpmPayType = (typeof CPM_PAY_TYPES)[number];

/** Wallets the customer page can imitate. */
export const WALLETS = ["wechat", "alipay", "unionpay"] as const;
export type Wallet = (typeof WALLETS)[number];
/** What a transaction is attributed to, including wallets the page cannot imitate. */
export type WalletKind = Wallet | "payme" | "unknown";

export function isCpmPayType(value: string): value is CpmPayType {
  return (CPM_PAY_TYPES as readonly string[]).includes(value);
}

export function isWallet(value: string): value is Wallet {
  return (WALLETS as readonly string[]).includes(value);
}

/**
 * WeChat: 18 digits, prefix 10-15 (15 = HK users). Alipay: 16-24 digits, prefix 25-30.
 * UnionPay QuickPass: 19 digits, prefix 62. (docs/qfpay.md §10.)
 */
function guessWalletFromCode(code: string): WalletKind {
  if (/^1[0-5]\d{16}$/.test(code)) return "wechat";
  if (/^(2[5-9]|30)\d{14,22}$/.test(code)) return "alipay";
  if (/^62\d{17}$/.test(code)) return "unionpay";
  return "unknown";
}

const WALLET_OF_PAY_TYPE: Readonly<Record<string, WalletKind>> = {
  "800108": "alipay",
  "800208": "wechat",
  "801008": "wechat",
  "805808": "payme",
  "800708": "unionpay",
};

const PAY_TYPE_OF_WALLET: Readonly<Record<WalletKind, string | undefined>> = {
  wechat: "800208",
  alipay: "800108",
  unionpay: "800708",
  payme: "805808",
  unknown: undefined,
};

/** The wallet a transaction is attributed to: the pay_type's, or for 800008 the code's. */
export function walletFor(payType: string, authCode: string): WalletKind {
  return WALLET_OF_PAY_TYPE[payType] ?? guessWalletFromCode(authCode);
}

/**
 * Whether `code` is recognisably another wallet's than the one `payType` is routed to (§10 formats):
 * e.g. a WeChat code under 800108 (Alipay), an Alipay code under 800208/801008, a UnionPay code under
 * 800108/800208. Never for 800008 (QFPay routes by the code, §3), nor 805808 (PayMe's format is
 * UNKNOWN, §10), nor a code of no known format (AlipayHK and other Alipay+ codes cannot be told
 * apart by prefix, §10).
 */
export function walletMismatch(payType: string, code: string): boolean {
  const channel = WALLET_OF_PAY_TYPE[payType];
  if (channel === undefined || channel === "payme") return false;
  const codeWallet = guessWalletFromCode(code);
  return codeWallet !== "unknown" && codeWallet !== channel;
}

/**
 * The pay_type echoed in answers. For the combined type 800008 we echo the wallet QFPay would have
 * routed to (WeChat 800208 / Alipay 800108 / UnionPay 800708, guessed from the code per §10).
 * Whether real QFPay echoes the resolved type or 800008 itself is UNKNOWN (docs/qfpay.md §3, §15.7);
 * a client must accept both. An unrecognised code keeps 800008.
 */
export function echoedPayType(requested: string, authCode: string): string {
  if (requested !== "800008") return requested;
  return PAY_TYPE_OF_WALLET[guessWalletFromCode(authCode)] ?? requested;
}

/** `count` random decimal digits (leading zeros allowed). */
export function randomDigits(count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String(randomInt(10));
  return out;
}

/**
 * A code of the wallet's format ending in `tail` (four digits): WeChat 18 digits starting 13
 * (mainland) or 15 (HK), Alipay 18 digits starting 28, UnionPay 19 digits starting 62 (§10).
 */
export function makeWalletCode(wallet: Wallet, tail: string): string {
  if (!/^\d{4}$/.test(tail)) throw new Error(`sandbox: code tail must be four digits, got ${JSON.stringify(tail)}`);
  switch (wallet) {
    case "wechat":
      return (randomInt(2) === 0 ? "13" : "15") + randomDigits(12) + tail;
    case "alipay":
      return "28" + randomDigits(12) + tail;
    case "unionpay":
      return "62" + randomDigits(13) + tail;
  }
}
