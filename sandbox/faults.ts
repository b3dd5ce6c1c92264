/**
 * Fault injection for `/trade/v1/*`: what a real network and gateway do to a POS (timeouts, resets,
 * proxy error pages, HTTP 429, payments that never settle, races with a reversal), switched on by
 * tests programmatically (`sandbox.faults`) or over HTTP (`/_sandbox/faults`).
 *
 * Faults never corrupt the sandbox's own record: a fault either stops a request before it is
 * processed (nothing recorded) or changes only the answer after the transaction was recorded, or it
 * changes the transaction through the ledger's own facts (pending_forever, succeed_during_reversal).
 * `/_sandbox/transactions` stays the truth of what was charged.
 *
 * Probabilities are drawn from a seeded PRNG (mulberry32). Every `set()` restarts it from the rule
 * set's seed (or the sandbox's), so the same rules + the same request sequence ⇒ the same faults.
 */
import { CLOSE_PATH, PAYMENT_PATH, REFUND_PATH, REVERSAL_PATH, TRADE_PATHS, isTradePath, type TradePath } from "./paths";

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
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Endpoints a kind can act on; transport kinds act on every trade endpoint. */
const KIND_PATHS: Readonly<Record<FaultKind, readonly TradePath[]>> = {
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
};

/** A rule as given by a test. */
export type FaultRuleInput = {
  /** A `/trade/v1/*` path, or `*` (default) for every endpoint the kind acts on. */
  path?: string;
  kind: FaultKind;
  /** Chance per matching request, 0..1 (default 1), drawn from the seeded PRNG. */
  probability?: number;
  /** Apply to at most this many matching requests (default: no limit). */
  count?: number;
  /** `delay`: how long the answer is held back after processing (required for `delay`). */
  delayMs?: number;
  /** `html500`: true (default) = process and record, then answer the error page; false = not processed. */
  after?: boolean;
  /** `html500`: the HTTP status, 500 (default), 502, 503 or 504. */
  status?: number;
  /** `refund_pending`: how long the refund stays 1143 before 0000 (default: the sandbox's pendingMs). */
  pendingMs?: number;
  /** Optional name, shown in `GET /_sandbox/faults` and the log; default `r1`, `r2`… */
  id?: string;
};

export type FaultRule = {
  id: string;
  path: string;
  kind: FaultKind;
  probability: number;
  /** Applications left; null = unlimited. */
  remaining: number | null;
  delayMs: number | null;
  after: boolean;
  status: number;
  pendingMs: number | null;
  /** How many requests it was applied to. */
  hits: number;
};

/** The fault chosen for one request. */
export type ActiveFault = Readonly<Pick<FaultRule, "id" | "kind" | "delayMs" | "after" | "status" | "pendingMs">>;

export type RateLimit = { perSecond: number; perMinute: number };

/** API-FACTS §1, §12: 100 requests per second and 400 per minute per merchant; beyond ⇒ HTTP 429. */
export const QFPAY_RATE_LIMIT: RateLimit = { perSecond: 100, perMinute: 400 };

export type FaultsInput =
  | FaultRuleInput
  | FaultRuleInput[]
  | { rules?: FaultRuleInput[]; seed?: number; rateLimit?: boolean | Partial<RateLimit> };

export type AppliedFault = { at: string; path: string; kind: FaultKind | "rate_limiter"; rule: string };

export type FaultsState = {
  seed: number;
  rules: FaultRule[];
  rateLimit: RateLimit | null;
  /** The last applied faults, oldest first (at most 500). */
  applied: AppliedFault[];
};

export class FaultInputError extends Error {}

const HISTORY_LIMIT = 500;
const MAX_DELAY_MS = 600_000;

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function intIn(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultInputError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

const RULE_KEYS = new Set(["path", "kind", "probability", "count", "delayMs", "after", "status", "pendingMs", "id"]);

function parseRule(input: unknown, defaultId: string): FaultRule {
  if (!isRecord(input)) throw new FaultInputError("a fault rule must be an object");
  for (const key of Object.keys(input)) if (!RULE_KEYS.has(key)) throw new FaultInputError(`unknown fault rule field ${JSON.stringify(key)}`);
  const kind = input.kind;
  if (typeof kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultInputError(`kind must be one of ${FAULT_KINDS.join(", ")}`);
  }
  const k = kind as FaultKind;
  const path = input.path ?? "*";
  if (typeof path !== "string" || (path !== "*" && !isTradePath(path))) {
    throw new FaultInputError(`path must be "*" or one of ${TRADE_PATHS.join(", ")}`);
  }
  if (path !== "*" && !KIND_PATHS[k].includes(path as TradePath)) {
    throw new FaultInputError(`${k} does not act on ${path} (it acts on ${KIND_PATHS[k].join(", ")})`);
  }
  const probability = input.probability ?? 1;
  if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) throw new FaultInputError("probability must be a number from 0 to 1");
  const remaining = input.count === undefined ? null : intIn("count", input.count, 1, 1_000_000);
  let delayMs: number | null = null;
  if (k === "delay") delayMs = intIn("delayMs", input.delayMs, 0, MAX_DELAY_MS);
  else if (input.delayMs !== undefined) throw new FaultInputError("delayMs is only for kind delay");
  const after = input.after ?? true;
  if (typeof after !== "boolean") throw new FaultInputError("after must be true or false");
  if (input.after !== undefined && k !== "html500") throw new FaultInputError("after is only for kind html500");
  const status = input.status ?? 500;
  if (![500, 502, 503, 504].includes(status as number)) throw new FaultInputError("status must be 500, 502, 503 or 504");
  if (input.status !== undefined && k !== "html500") throw new FaultInputError("status is only for kind html500");
  let pendingMs: number | null = null;
  if (input.pendingMs !== undefined) {
    if (k !== "refund_pending") throw new FaultInputError("pendingMs is only for kind refund_pending");
    pendingMs = intIn("pendingMs", input.pendingMs, 0, MAX_DELAY_MS);
  }
  const id = input.id ?? defaultId;
  if (typeof id !== "string" || id.length === 0 || id.length > 64) throw new FaultInputError("id must be a string of 1-64 characters");
  return { id, path, kind: k, probability, remaining, delayMs, after, status: status as number, pendingMs, hits: 0 };
}

function parseRateLimit(value: unknown): RateLimit | null {
  if (value === false || value === null) return null;
  if (value === true) return { ...QFPAY_RATE_LIMIT };
  if (!isRecord(value)) throw new FaultInputError("rateLimit must be true, false or { perSecond, perMinute }");
  return {
    perSecond: value.perSecond === undefined ? QFPAY_RATE_LIMIT.perSecond : intIn("rateLimit.perSecond", value.perSecond, 1, 1_000_000),
    perMinute: value.perMinute === undefined ? QFPAY_RATE_LIMIT.perMinute : intIn("rateLimit.perMinute", value.perMinute, 1, 1_000_000),
  };
}

function parseSeed(value: unknown): number {
  return intIn("seed", value, 0, 0xffffffff);
}

/**
 * The real limiter (off by default): a sliding log of accepted requests per `X-QF-APPCODE`.
 * Refused requests do not count, so a client that backs off gets through again.
 */
class RateLimiter {
  private readonly log = new Map<string, number[]>();
  constructor(readonly limit: RateLimit) {}

  /** true = refuse with 429. */
  refuse(key: string, at: number): boolean {
    let times = this.log.get(key);
    if (!times) {
      times = [];
      this.log.set(key, times);
    }
    let drop = 0;
    while (drop < times.length && times[drop]! <= at - 60_000) drop++;
    if (drop > 0) times.splice(0, drop);
    let lastSecond = 0;
    for (let i = times.length - 1; i >= 0 && times[i]! > at - 1000; i--) lastSecond++;
    if (lastSecond >= this.limit.perSecond || times.length >= this.limit.perMinute) return true;
    times.push(at);
    return false;
  }
}

export class FaultController {
  private rules: FaultRule[] = [];
  private seed: number;
  private random: () => number;
  private limiter: RateLimiter | null;
  private readonly history: AppliedFault[] = [];
  private nextId = 1;

  constructor(
    private readonly defaults: { seed: number; rateLimit: RateLimit | null },
    private readonly log: (line: string) => void = () => {},
  ) {
    this.seed = defaults.seed;
    this.random = mulberry32(this.seed);
    this.limiter = defaults.rateLimit ? new RateLimiter(defaults.rateLimit) : null;
  }

  /**
   * Replaces the rule set. Accepts one rule, a list, or `{ rules, seed, rateLimit }`. The PRNG
   * restarts from `seed` (default: the sandbox's `seed` option). Throws FaultInputError on bad input
   * and then changes nothing.
   */
  set(input: FaultsInput): FaultsState {
    const { rules, seed, rateLimit } = this.parse(input);
    this.rules = rules;
    this.seed = seed ?? this.defaults.seed;
    this.random = mulberry32(this.seed);
    if (rateLimit !== undefined) this.limiter = rateLimit ? new RateLimiter(rateLimit) : null;
    this.log(`faults: ${rules.length} rule(s), seed ${this.seed}${this.limiter ? ", rate limiter on" : ""}`);
    return this.state();
  }

  /** Adds one rule after the existing ones; the PRNG continues. */
  add(rule: FaultRuleInput): FaultRule {
    const parsed = parseRule(rule, `r${this.nextId}`);
    this.nextId += 1;
    this.rules.push(parsed);
    return { ...parsed };
  }

  /** No rules, PRNG back to the sandbox's seed, the rate limiter back to its start-up setting. */
  clear(): FaultsState {
    this.rules = [];
    this.seed = this.defaults.seed;
    this.random = mulberry32(this.seed);
    this.limiter = this.defaults.rateLimit ? new RateLimiter(this.defaults.rateLimit) : null;
    this.history.length = 0;
    return this.state();
  }

  /** Turns the real 100/s + 400/min limiter on (true or custom limits) or off. */
  setRateLimit(value: boolean | Partial<RateLimit>): RateLimit | null {
    const limit = parseRateLimit(value);
    this.limiter = limit ? new RateLimiter(limit) : null;
    return limit;
  }

  state(): FaultsState {
    return {
      seed: this.seed,
      rules: this.rules.map((rule) => ({ ...rule })),
      rateLimit: this.limiter ? { ...this.limiter.limit } : null,
      applied: [...this.history],
    };
  }

  list(): FaultRule[] {
    return this.state().rules;
  }

  /** Whether the real limiter refuses this request (checked before any rule). */
  rateLimited(path: string, appCode: string): boolean {
    const now = Date.now();
    if (!this.limiter || !this.limiter.refuse(appCode, now)) return false;
    this.remember({ at: new Date(now).toISOString(), path, kind: "rate_limiter", rule: "rateLimit" });
    return true;
  }

  /**
   * The fault for one request to `path`: the first rule, in order, that matches the path, acts on
   * it, has applications left and wins its draw. One fault per request.
   */
  draw(path: string): ActiveFault | null {
    if (!isTradePath(path)) return null;
    for (const rule of this.rules) {
      if (rule.remaining === 0) continue;
      if (rule.path !== "*" && rule.path !== path) continue;
      if (!KIND_PATHS[rule.kind].includes(path)) continue;
      if (rule.probability <= 0) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      if (rule.remaining !== null) rule.remaining -= 1;
      rule.hits += 1;
      this.remember({ at: new Date().toISOString(), path, kind: rule.kind, rule: rule.id });
      return { id: rule.id, kind: rule.kind, delayMs: rule.delayMs, after: rule.after, status: rule.status, pendingMs: rule.pendingMs };
    }
    return null;
  }

  private remember(applied: AppliedFault): void {
    this.history.push(applied);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
  }

  private parse(input: unknown): { rules: FaultRule[]; seed: number | undefined; rateLimit: RateLimit | null | undefined } {
    let list: unknown[];
    let seed: number | undefined;
    let rateLimit: RateLimit | null | undefined;
    if (Array.isArray(input)) list = input;
    else if (isRecord(input) && "kind" in input) list = [input];
    else if (isRecord(input)) {
      for (const key of Object.keys(input)) {
        if (key !== "rules" && key !== "seed" && key !== "rateLimit") throw new FaultInputError(`unknown field ${JSON.stringify(key)}`);
      }
      if (input.rules !== undefined && !Array.isArray(input.rules)) throw new FaultInputError("rules must be a list");
      list = (input.rules as unknown[] | undefined) ?? [];
      if (input.seed !== undefined) seed = parseSeed(input.seed);
      if (input.rateLimit !== undefined) rateLimit = parseRateLimit(input.rateLimit);
    } else throw new FaultInputError("expected a rule, a list of rules, or { rules, seed, rateLimit }");
    if (list.length > 100) throw new FaultInputError("at most 100 rules");
    const start = this.nextId;
    const rules = list.map((rule, i) => parseRule(rule, `r${start + i}`));
    this.nextId = start + rules.length;
    const ids = new Set<string>();
    for (const rule of rules) {
      if (ids.has(rule.id)) throw new FaultInputError(`duplicate rule id ${rule.id}`);
      ids.add(rule.id);
    }
    return { rules, seed, rateLimit };
  }
}

/** Validates the `seed` and `rateLimit` start-up options (throws Error, for startSandbox). */
export function resolveFaultDefaults(seed: number | undefined, rateLimit: boolean | Partial<RateLimit> | undefined): { seed: number; rateLimit: RateLimit | null } {
  try {
    return { seed: seed === undefined ? 1 : parseSeed(seed), rateLimit: rateLimit === undefined ? null : parseRateLimit(rateLimit) };
  } catch (error) {
    throw new Error(`sandbox: ${(error as Error).message}`);
  }
}
