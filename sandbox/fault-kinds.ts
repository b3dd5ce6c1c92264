/**
 * The fault kinds: which endpoint each acts on, when a rule of that kind is tried (its scope), and
 * the rule options each kind takes. `faults.ts` holds the controller and the PRNG; this file is the
 * table, so a new kind is one entry here plus its effect in the route it acts on.
 */
import { CLOSE_PATH, PAYMENT_PATH, QUERY_PATH, REFUND_PATH, REVERSAL_PATH, TRADE_PATHS, type TradePath } from "./paths";

export const FAULT_KINDS = [
  "delay",
  "reset_before",
  "reset_after",
  "html500",
  "rate_limit",
  "pending_forever",
  "succeed_during_reversal",
  "refund_balance",
  "refund_blackout",
  "refund_partial_refused",
  "refund_pending",
  // The adversarial kinds: answers QFPay's documents allow that are NOT the truth of the charge.
  "charged_despite_failure",
  "duplicate_1251",
  "not_found_lag",
  "companion_rows",
  "amount_mismatch",
  "reversal_pending",
  "code_expiry",
  "txdtm_skew",
  "wrong_wallet_pay_type",
  "late_success",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Endpoints a kind can act on; transport kinds act on every trade endpoint. */
export const KIND_PATHS: Readonly<Record<FaultKind, readonly TradePath[]>> = {
  delay: TRADE_PATHS,
  reset_before: TRADE_PATHS,
  reset_after: TRADE_PATHS,
  html500: TRADE_PATHS,
  rate_limit: TRADE_PATHS,
  pending_forever: [PAYMENT_PATH],
  succeed_during_reversal: [REVERSAL_PATH, CLOSE_PATH],
  refund_balance: [REFUND_PATH],
  refund_blackout: [REFUND_PATH],
  refund_partial_refused: [REFUND_PATH],
  refund_pending: [REFUND_PATH],
  charged_despite_failure: [PAYMENT_PATH],
  duplicate_1251: [PAYMENT_PATH],
  not_found_lag: [QUERY_PATH],
  companion_rows: [QUERY_PATH],
  amount_mismatch: [PAYMENT_PATH],
  reversal_pending: [REVERSAL_PATH, CLOSE_PATH],
  code_expiry: [PAYMENT_PATH],
  txdtm_skew: [PAYMENT_PATH],
  wrong_wallet_pay_type: [PAYMENT_PATH],
  late_success: [PAYMENT_PATH],
};

/**
 * When a rule is tried:
 * - `request`: once per request to a path it acts on, before the request is processed; the first
 *   rule that wins is the request's one fault.
 * - `check`: by `/trade/v1/payment`, only for a request that meets the kind's condition (an expired
 *   code, a skewed txdtm, a code of another wallet). A check never shadows a request fault, and its
 *   `count` is only used up by requests it really refuses.
 * - `transaction`: once per payment, when `/trade/v1/payment` records it. The effect then belongs
 *   to that transaction and shows on every later enquiry, not on a random query request.
 */
type FaultScope = "request" | "check" | "transaction";

export const KIND_SCOPE: Readonly<Record<FaultKind, FaultScope>> = {
  delay: "request",
  reset_before: "request",
  reset_after: "request",
  html500: "request",
  rate_limit: "request",
  pending_forever: "request",
  succeed_during_reversal: "request",
  refund_balance: "request",
  refund_blackout: "request",
  refund_partial_refused: "request",
  refund_pending: "request",
  charged_despite_failure: "request",
  duplicate_1251: "request",
  not_found_lag: "transaction",
  companion_rows: "transaction",
  amount_mismatch: "request",
  reversal_pending: "request",
  code_expiry: "check",
  txdtm_skew: "check",
  wrong_wallet_pay_type: "check",
  late_success: "request",
};

/** Failure codes a charged_despite_failure payment may answer (docs/qfpay.md §8: channel/network failures a client may read as final). */
export const CHARGED_FAILURE_CODES = ["1296", "1297", "1204", "1147"] as const;
export type ChargedFailureCode = (typeof CHARGED_FAILURE_CODES)[number];

/** What a companion row looks like: a refund row, or a payment-typed row pointing at the payment through `origssn`. */
export const COMPANION_KINDS = ["refund", "payment"] as const;
export type CompanionKind = (typeof COMPANION_KINDS)[number];

/** Every kind-specific rule option, as parsed. The first four are always present (older kinds read them). */
export type FaultOptions = {
  /** `delay`: how long the answer is held after processing. */
  delayMs: number | null;
  /** `html500`: true = process, then the error page; false = not processed. */
  after: boolean;
  /** `html500`: HTTP status. */
  status: number;
  /** `refund_pending` / `reversal_pending`: how long it stays in progress (null = the sandbox's pendingMs). */
  pendingMs: number | null;
  /** `charged_despite_failure`: the failure code answered (absent = drawn per application). */
  respcd?: ChargedFailureCode;
  /** `not_found_lag`: how long after creation the enquiry does not find the payment. */
  lagMs?: number;
  /** `companion_rows`: the companion's shape (absent = drawn per transaction). */
  companion?: CompanionKind;
  /** `amount_mismatch`: charged = requested + amountDelta (at least 1). */
  amountDelta?: number;
  /** `code_expiry`: a sandbox-issued code older than this is expired (absent = the code's own lifetime). */
  codeLifetimeMs?: number;
  /** `txdtm_skew`: the largest |txdtm − gateway clock| accepted. */
  skewLimitMs?: number;
  /** `late_success`: how long after creation the "failed" payment turns paid. */
  lateMs?: number;
};

export class FaultInputError extends Error {}

export function intIn(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultInputError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string | number>(choices: readonly T[]) {
  return (value: unknown, name: string): T => {
    if (!(choices as readonly unknown[]).includes(value))
      throw new FaultInputError(`${name} must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`);
    return value as T;
  };
}

const MAX_MS = 600_000;
const DAY_MS = 86_400_000;
const ms = (max: number) => (value: unknown, name: string) => intIn(name, value, 0, max);

type OptionName = keyof FaultOptions;
type OptionSpec = { kinds: readonly FaultKind[]; parse: (value: unknown, name: string) => unknown };

const OPTION_SPECS: Readonly<Record<OptionName, OptionSpec>> = {
  delayMs: { kinds: ["delay"], parse: ms(MAX_MS) },
  after: {
    kinds: ["html500"],
    parse: (value, name) => {
      if (typeof value !== "boolean") throw new FaultInputError(`${name} must be true or false`);
      return value;
    },
  },
  status: { kinds: ["html500"], parse: oneOf([500, 502, 503, 504]) },
  pendingMs: { kinds: ["refund_pending", "reversal_pending"], parse: ms(MAX_MS) },
  respcd: { kinds: ["charged_despite_failure"], parse: oneOf(CHARGED_FAILURE_CODES) },
  lagMs: { kinds: ["not_found_lag"], parse: ms(MAX_MS) },
  companion: { kinds: ["companion_rows"], parse: oneOf(COMPANION_KINDS) },
  amountDelta: {
    kinds: ["amount_mismatch"],
    parse: (value, name) => {
      const delta = intIn(name, value, -1_000_000_000, 1_000_000_000);
      if (delta === 0) throw new FaultInputError(`${name} must not be 0`);
      return delta;
    },
  },
  codeLifetimeMs: { kinds: ["code_expiry"], parse: ms(DAY_MS) },
  skewLimitMs: { kinds: ["txdtm_skew"], parse: ms(DAY_MS) },
  lateMs: { kinds: ["late_success"], parse: ms(MAX_MS) },
};

export const OPTION_NAMES: readonly string[] = Object.keys(OPTION_SPECS);

/** Options a kind cannot do without. */
const REQUIRED: Partial<Record<FaultKind, readonly OptionName[]>> = { delay: ["delayMs"] };

/** Defaults that do not depend on the sandbox's settings, filled in at parse time so `state()` shows them. */
const DEFAULTS: Partial<Record<FaultKind, Partial<FaultOptions>>> = {
  not_found_lag: { lagMs: 3000 },
  amount_mismatch: { amountDelta: 1 },
  // docs/qfpay.md §3, §15.7: QFPay's tolerance is UNKNOWN; 5 minutes is our choice.
  txdtm_skew: { skewLimitMs: 300_000 },
  late_success: { lateMs: 5000 },
};

/** Parses the kind-specific options of one rule; an option for another kind is an error. */
export function parseOptions(kind: FaultKind, input: Readonly<Record<string, unknown>>): FaultOptions {
  const options: Record<string, unknown> = {
    delayMs: null,
    after: true,
    status: 500,
    pendingMs: null,
    ...DEFAULTS[kind],
  };
  for (const name of OPTION_NAMES as OptionName[]) {
    const value = input[name];
    if (value === undefined) continue;
    const spec = OPTION_SPECS[name];
    // Type first, then kind: a wrong value is reported as such even on the wrong kind.
    const parsed = spec.parse(value, name);
    if (!spec.kinds.includes(kind)) throw new FaultInputError(`${name} is only for kind ${spec.kinds.join(" / ")}`);
    options[name] = parsed;
  }
  for (const name of REQUIRED[kind] ?? []) {
    if (input[name] === undefined) throw new FaultInputError(`${name} is required for kind ${kind}`);
  }
  return options as FaultOptions;
}

/** Choices a rule left open, drawn from the fault PRNG each time the rule is applied. */
export function drawOpenOptions<T extends FaultOptions>(kind: FaultKind, options: T, random: () => number): T {
  const pick = <T>(list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(random() * list.length))]!;
  if (kind === "charged_despite_failure" && options.respcd === undefined)
    return { ...options, respcd: pick(CHARGED_FAILURE_CODES) };
  if (kind === "companion_rows" && options.companion === undefined)
    return { ...options, companion: pick(COMPANION_KINDS) };
  return options;
}
