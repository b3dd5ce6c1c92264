/**
 * The configuration schema: every environment variable ScanTill reads, validated with zod.
 *
 * Pure (no `server-only`) so that `next.config.ts` and the start-up launcher can validate before
 * anything starts. Application code reads configuration through `lib/env.ts`, never `process.env`.
 */
import { z } from "zod";
import { SCAN_CODE_FORMATS, SCAN_ENGINES } from "./scan/scan-settings";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "./qfpay/time";
import { parseTrustedProxies } from "./http/trusted-proxy";
import { CPM_PAY_TYPES } from "./contract/payments";

/** Enquiry batch size when QFPAY_QUERY_BATCH_SIZE is unset (docs/qfpay.md §4: no documented limit). */
export const DEFAULT_QUERY_BATCH_SIZE = 10;

/** Currencies QFPay accepts as `txcurrcd` (docs/qfpay.md §11). */
const QFPAY_CURRENCIES = [
  "HKD",
  "AED",
  "CNY",
  "EUR",
  "IDR",
  "JPY",
  "MMK",
  "MYR",
  "SGD",
  "THB",
  "USD",
  "CAD",
  "AUD",
] as const;

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const intWithDefault = (def: number, min: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(def));

export const envSchema = z
  .object({
    QFPAY_BASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    QFPAY_APP_CODE: optionalString,
    QFPAY_CLIENT_KEY: optionalString,
    // Send mchid only when QFPay issued one (docs/qfpay.md §1 "Credentials").
    QFPAY_MCHID: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .max(16)
        .regex(/^[0-9A-Za-z]+$/)
        .optional(),
    ),
    QFPAY_SIGN_TYPE: z.preprocess(emptyAsUndefined, z.enum(["MD5", "SHA256"]).default("MD5")),
    QFPAY_PAY_TYPE: z.preprocess(emptyAsUndefined, z.enum(CPM_PAY_TYPES).default("800008")),
    // QFPay documents no timeout for /payment; 20-30 s is our reading (docs/qfpay.md §12).
    QFPAY_TIMEOUT_MS: intWithDefault(20_000, 1_000, 120_000),
    PENDING_FIRST_QUERY_MS: intWithDefault(3_000, 0, 60_000),
    PENDING_QUERY_INTERVAL_MS: intWithDefault(3_000, 100, 60_000),
    PENDING_WINDOW_MS: intWithDefault(45_000, 1_000, 600_000),
    /**
     * The merchant's time zone (IANA): QFPay's times are local to its region, and business days
     * (reconciliation) start at local midnight. Hong Kong by default.
     */
    POS_TIME_ZONE: z.preprocess(
      emptyAsUndefined,
      z.string().refine(isValidTimeZone, "must be an IANA time zone such as Asia/Hong_Kong").default(DEFAULT_TIME_ZONE),
    ),
    /** Most out_trade_nos in one enquiry; a batch that errors is retried one id at a time. */
    QFPAY_QUERY_BATCH_SIZE: intWithDefault(DEFAULT_QUERY_BATCH_SIZE, 1, 100),
    /**
     * When the day's reconciliation with QFPay runs by itself (merchant time, HH:MM), for the
     * business day before; "off" turns it off.
     */
    RECONCILE_AT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM (24 h) or "off"')
        .default("03:30"),
    ),
    POS_CURRENCY: z.preprocess(emptyAsUndefined, z.enum(QFPAY_CURRENCIES).default("HKD")),
    DATABASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    POS_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data")),
    // Signs staff sessions: at least 32 characters, e.g. `openssl rand -base64 32` (issue 9).
    NEXTAUTH_SECRET: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, "must be at least 32 random characters (openssl rand -base64 32)").optional(),
    ),
    PORT: intWithDefault(3000, 1, 65_535),
    /** The camera decoder: zxing-wasm in a worker, or @zxing/browser (the benchmark baseline). */
    SCAN_ENGINE: z.preprocess(emptyAsUndefined, z.enum(SCAN_ENGINES).default("wasm")),
    /** What a payment code looks like: 16–24 digits, or letters and digits up to 128. */
    SCAN_CODE_FORMAT: z.preprocess(emptyAsUndefined, z.enum(SCAN_CODE_FORMATS).default("digits")),
    /**
     * How long a scanned payment code stays usable (wallets refresh theirs about every minute). The
     * till never sends a code older than this for the first time, nor resends one (issue 5).
     */
    PAYMENT_CODE_LIFETIME_MS: intWithDefault(60_000, 5_000, 600_000),
    /**
     * The till's public address (next-auth's NEXTAUTH_URL). Required in live mode and https there,
     * unless it is a loopback address (a reverse proxy on the same machine, tests): docs/going-live.md.
     */
    NEXTAUTH_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    /** Reverse proxies whose X-Forwarded-For/-Proto/-Host are believed: "loopback", addresses or CIDR ranges. */
    TRUSTED_PROXY: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .refine((v) => {
          try {
            parseTrustedProxies(v);
            return true;
          } catch {
            return false;
          }
        }, 'must be "loopback" or a comma list of IP addresses / CIDR ranges')
        .optional(),
    ),
    /** A sign-in (password or PIN) lasts at most this long, however busy the till is. */
    SESSION_MAX_HOURS: intWithDefault(12, 1, 72),
    /** The till locks to its PIN screen after this many idle minutes. */
    TILL_LOCK_MINUTES: intWithDefault(5, 1, 240),
    /** How long a password sign-in lets its person switch in by PIN on that device. */
    DEVICE_TRUST_DAYS: intWithDefault(30, 1, 400),
    /** Most payments one staff member may start per minute (a stolen session cannot drain the QFPay budget). */
    PAYMENTS_PER_MINUTE: intWithDefault(30, 1, 1_000),
    /** Set only by the demo launcher (scripts/start.ts): the app talks to the local sandbox. */
    SCANTILL_DEMO: z.preprocess(emptyAsUndefined, z.enum(["1"]).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.QFPAY_BASE_URL) {
      if (!env.QFPAY_APP_CODE)
        ctx.addIssue({ code: "custom", path: ["QFPAY_APP_CODE"], message: "is required when QFPAY_BASE_URL is set" });
      if (!env.QFPAY_CLIENT_KEY)
        ctx.addIssue({ code: "custom", path: ["QFPAY_CLIENT_KEY"], message: "is required when QFPAY_BASE_URL is set" });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Validates `source`; throws an Error whose message names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new Error(`ScanTill configuration is invalid:\n${lines.join("\n")}`);
}

/** True for http(s) URLs whose host is a loopback address or localhost. */
function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/**
 * Server settings that must hold when the app serves requests (not at build time). Live mode
 * (real QFPay) never runs over plain HTTP except on loopback, and demo mode only ever talks to the
 * local sandbox (issue 9; docs/going-live.md).
 */
export function assertRuntimeEnv(env: Env): void {
  const problems: string[] = [];
  if (!env.QFPAY_BASE_URL)
    problems.push("QFPAY_BASE_URL: is required (or start with `npm start`, which runs demo mode)");
  if (!env.NEXTAUTH_SECRET) problems.push("NEXTAUTH_SECRET: is required");
  const demo = env.SCANTILL_DEMO === "1";
  if (env.QFPAY_BASE_URL && demo && !isLoopbackUrl(env.QFPAY_BASE_URL)) {
    problems.push(
      "SCANTILL_DEMO: demo mode runs only against the local QFPay sandbox; unset SCANTILL_DEMO to use a real QFPay address",
    );
  }
  if (env.QFPAY_BASE_URL && !demo) {
    if (!env.QFPAY_BASE_URL.startsWith("https://") && !isLoopbackUrl(env.QFPAY_BASE_URL))
      problems.push("QFPAY_BASE_URL: must be an https:// address in live mode");
    if (!env.NEXTAUTH_URL)
      problems.push(
        "NEXTAUTH_URL: is required in live mode: the till's public https:// address (see docs/going-live.md)",
      );
    else if (!env.NEXTAUTH_URL.startsWith("https://") && !isLoopbackUrl(env.NEXTAUTH_URL))
      problems.push("NEXTAUTH_URL: must be an https:// address in live mode (plain http only on loopback)");
    // ScanTill itself speaks plain HTTP: a public https address means a TLS proxy in front, and
    // without TRUSTED_PROXY every client would look like that proxy (one shared sign-in throttle).
    else if (!isLoopbackUrl(env.NEXTAUTH_URL) && !env.TRUSTED_PROXY)
      problems.push(
        "TRUSTED_PROXY: is required behind the https proxy that serves NEXTAUTH_URL, e.g. TRUSTED_PROXY=loopback (see docs/going-live.md)",
      );
  }
  if (problems.length)
    throw new Error(`ScanTill configuration is invalid:\n${problems.map((m) => `  ${m}`).join("\n")}`);
}
