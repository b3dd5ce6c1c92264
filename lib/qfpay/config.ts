/**
 * QFPay connection settings, built once from the validated environment.
 * Owns: turning `env` into a `QfpayConfig`. Never: reads `process.env` (only `lib/env.ts` does) or
 * puts the client key into an error message.
 */
import "server-only";
import { env } from "@/lib/env";
import type { BackoffSettings } from "./backoff";
import { DEFAULT_QUERY_BATCH_SIZE, type Env } from "@/lib/env-schema";
import { DEFAULT_TIME_ZONE } from "./time";

export type QfpayConfig = {
  /** e.g. `https://test-openapi-hk.qfapi.com` (docs/qfpay.md §1); a path prefix is kept. */
  baseUrl: string;
  /** Sent as `X-QF-APPCODE`. */
  appCode: string;
  /** Signs requests and verifies notifications. Server memory only. */
  clientKey: string;
  /** Sent on every call only when QFPay issued one (docs/qfpay.md §1 "Credentials"). */
  mchid?: string;
  signType: "MD5" | "SHA256";
  /** Budget for one HTTP exchange, body included. */
  timeoutMs: number;
  /** IANA zone of the merchant's QFPay region: txdtm and query windows are its wall clock (docs/qfpay.md §3, §4). Default Asia/Hong_Kong. */
  timeZone?: string;
  /** Most out_trade_nos in one enquiry (the field is String(128) and a batch limit is undocumented, §4). Default 10. */
  queryBatchSize?: number;
  /** Overrides `DEFAULT_BACKOFF` for calls that are safe to repeat (tests shorten it). */
  backoff?: Partial<BackoffSettings>;
};

type QfpayEnv = Pick<
  Env,
  "QFPAY_BASE_URL" | "QFPAY_APP_CODE" | "QFPAY_CLIENT_KEY" | "QFPAY_MCHID" | "QFPAY_SIGN_TYPE" | "QFPAY_TIMEOUT_MS"
> &
  Partial<Pick<Env, "POS_TIME_ZONE" | "QFPAY_QUERY_BATCH_SIZE">>;

/** Builds the config from already-validated settings; throws naming every missing variable. */
export function qfpayConfigFrom(source: QfpayEnv): QfpayConfig {
  const { QFPAY_BASE_URL: baseUrl, QFPAY_APP_CODE: appCode, QFPAY_CLIENT_KEY: clientKey } = source;
  if (!baseUrl || !appCode || !clientKey) {
    const missing = [
      !baseUrl && "QFPAY_BASE_URL",
      !appCode && "QFPAY_APP_CODE",
      !clientKey && "QFPAY_CLIENT_KEY",
    ].filter((name): name is string => typeof name === "string");
    throw new Error(`QFPay is not configured: set ${missing.join(", ")}`);
  }
  const config: QfpayConfig = {
    baseUrl,
    appCode,
    clientKey,
    signType: source.QFPAY_SIGN_TYPE,
    timeoutMs: source.QFPAY_TIMEOUT_MS,
    timeZone: source.POS_TIME_ZONE ?? DEFAULT_TIME_ZONE,
    queryBatchSize: source.QFPAY_QUERY_BATCH_SIZE ?? DEFAULT_QUERY_BATCH_SIZE,
  };
  if (source.QFPAY_MCHID) config.mchid = source.QFPAY_MCHID;
  return config;
}

export function qfpayConfigFromEnv(): QfpayConfig {
  return qfpayConfigFrom(env);
}
