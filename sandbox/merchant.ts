/**
 * The one merchant the sandbox serves. QFPay issues `app_code` + `client_key` to every merchant and a
 * hashed `mchid` (≤ 16 chars) only to multi-branch merchants and agents (docs/qfpay.md §1 "Credentials").
 */

/** Demo app code: 32 characters like QFPay's (its samples are 32 hex chars, docs/qfpay.md §1). */
export const DEMO_APP_CODE = "DEMO0APPCODE00000000000000000000";
/** Demo client key. It only opens this simulator; it is not a secret. */
export const DEMO_CLIENT_KEY = "DEMO0CLIENTKEY000000000000000000";

export type Merchant = {
  appCode: string;
  clientKey: string;
  /** Set only when "QFPay" issued one: then it must be sent on every call, else it must not be. */
  mchid?: string;
};

const MCHID_RE = /^[0-9A-Za-z]{1,16}$/;

/** Throws when the credentials could never authenticate a request. */
export function assertMerchant(merchant: Merchant): void {
  if (!merchant.appCode || /\s/.test(merchant.appCode))
    throw new Error("sandbox: merchant.appCode must be a non-empty string without spaces");
  if (!merchant.clientKey) throw new Error("sandbox: merchant.clientKey must be a non-empty string");
  if (merchant.mchid !== undefined && !MCHID_RE.test(merchant.mchid)) {
    throw new Error("sandbox: merchant.mchid must be 1-16 letters or digits (docs/qfpay.md §3 mchid String(16))");
  }
}
