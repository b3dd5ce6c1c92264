/**
 * Identifiers the gateway and the wallets assign. Shapes from docs/qfpay.md §3 (response table):
 * syssn 26 digits starting with the HK date, chnlsn 28 digits for WeChat/Alipay (PayMe a UUID),
 * cardcd a payer id such as a WeChat openid or an Alipay 2088… user id.
 */
import { randomInt, randomUUID } from "node:crypto";
import { hkDate8 } from "./time";
import { randomDigits, type WalletKind } from "./wallets";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

export class IdFactory {
  private sequence = 0;

  /** `YYYYMMDD` (HK) + 8-digit sequence + 10 random digits = 26 digits, unique per sandbox run. */
  syssn(atMs: number): string {
    this.sequence += 1;
    return hkDate8(atMs) + String(this.sequence % 1e8).padStart(8, "0") + randomDigits(10);
  }

  /** The wallet's own transaction id. */
  chnlsn(wallet: WalletKind, atMs: number): string {
    switch (wallet) {
      case "wechat": // like the QF-CPM sample "4200000384201907223585006133"
        return "4200000" + randomDigits(3) + hkDate8(atMs) + randomDigits(10);
      case "alipay": // Alipay trade numbers: date + 20 digits
        return hkDate8(atMs) + "22001" + randomDigits(15);
      case "payme":
        return randomUUID();
      default:
        return hkDate8(atMs) + "62" + randomDigits(18);
    }
  }

  /** Payer identifier; QFPay documents that it may be empty (§3). */
  cardcd(wallet: WalletKind): string {
    switch (wallet) {
      case "wechat": {
        let openid = "o";
        for (let i = 0; i < 27; i++) openid += ALNUM[randomInt(ALNUM.length)];
        return openid;
      }
      case "alipay":
        return "2088" + randomDigits(12);
      case "unionpay":
        return "6212" + "********" + randomDigits(4);
      default:
        return "";
    }
  }
}
