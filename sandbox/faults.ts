/**
 * Fault injection for `/trade/v1/*`: what a real network and gateway do to a POS (timeouts, resets,
 * proxy error pages, HTTP 429, payments that never settle, races with a reversal), switched on by
 * tests programmatically (`sandbox.faults`) or over HTTP (`/_sandbox/faults`).
 *
 * Faults never corrupt the sandbox's own record: a fault either stops a request before it is
 * processed (nothing recorded) or changes only the answer after the transaction was recorded, or it
 * changes the transaction through the ledger's own facts (pending_forever, succeed_during_reversal,
 * the adversarial payment kinds), or only what the enquiry shows (not_found_lag, companion_rows).
 * `/_sandbox/transactions` stays the truth of what was charged.
 *
 * Rules are tried in three scopes (fault-kinds.ts): per request (one fault per request), as checks
 * on a parsed /payment request, and once per recorded transaction.
 *
 * Probabilities, and the choices a rule leaves open, are drawn from a seeded PRNG (lib/seeded-random.ts).
 * Every `set()` restarts it from the rule set's seed (or the sandbox's), so the same rules + the
 * same request sequence ⇒ the same faults.
 */
import {
  FAULT_KINDS,
  FaultInputError,
  KIND_PATHS,
  KIND_SCOPE,
  OPTION_NAMES,
  drawOpenOptions,
  intIn,
  parseOptions,
  type ChargedFailureCode,
  type CompanionKind,
  type FaultKind,
  type FaultOptions,
} from "./fault-kinds";
import { seededRandom } from "../lib/seeded-random";
import { PAYMENT_PATH, TRADE_PATHS, isTradePath, type TradePath } from "./paths";

export { FaultInputError, type FaultKind, type FaultOptions } from "./fault-kinds";

/** A rule as given by a test. */
export type FaultRuleInput = {
  /** A `/trade/v1/*` path, or `*` (default) for every endpoint the kind acts on. */
  path?: string;
  kind: FaultKind;
  /** Chance per matching request (per transaction for not_found_lag/companion_rows), 0..1 (default 1), drawn from the seeded PRNG. */
  probability?: number;
  /** Apply to at most this many matching requests (default: no limit). */
  count?: number;
  /** `delay`: how long the answer is held back after processing (required for `delay`). */
  delayMs?: number;
  /** `html500`: true (default) = process and record, then answer the error page; false = not processed. */
  after?: boolean;
  /** `html500`: the HTTP status, 500 (default), 502, 503 or 504. */
  status?: number;
  /** `refund_pending` / `reversal_pending`: how long it stays in progress (default: the sandbox's pendingMs). */
  pendingMs?: number;
  /** `charged_despite_failure`: the failure code answered (default: drawn among the four). */
  respcd?: ChargedFailureCode;
  /** `not_found_lag`: how long after its creation the enquiry does not find the payment (default 3000). */
  lagMs?: number;
  /** `companion_rows`: "refund" or "payment" (default: drawn per transaction). */
  companion?: CompanionKind;
  /** `amount_mismatch`: the customer is charged txamt + amountDelta, at least 1 (default 1). */
  amountDelta?: number;
  /** `code_expiry`: age after which a sandbox-issued code is refused (default: the code's own lifetime, 60000). */
  codeLifetimeMs?: number;
  /** `txdtm_skew`: the largest accepted |txdtm − gateway clock| (default 300000). */
  skewLimitMs?: number;
  /** `late_success`: how long after the 1205 answer the payment turns paid (default 5000). */
  lateMs?: number;
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
  /** How many requests (or transactions) it was applied to. */
  hits: number;
} & FaultOptions;

/** The fault chosen for one request (or transaction), with any open choice (respcd, companion) drawn. */
export type ActiveFault = Readonly<{ id: string; kind: FaultKind } & FaultOptions>;

export type RateLimit = { perSecond: number; perMinute: number };

/** docs/qfpay.md §1, §12: 100 requests per second and 400 per minute per merchant; beyond ⇒ HTTP 429. */
const QFPAY_RATE_LIMIT: RateLimit = { perSecond: 100, perMinute: 400 };

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

const HISTORY_LIMIT = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const RULE_KEYS = new Set(["path", "kind", "probability", "count", "id", ...OPTION_NAMES]);

function parseRule(input: unknown, defaultId: string): FaultRule {
  if (!isRecord(input)) throw new FaultInputError("a fault rule must be an object");
  for (const key of Object.keys(input))
    if (!RULE_KEYS.has(key)) throw new FaultInputError(`unknown fault rule field ${JSON.stringify(key)}`);
  const kind = input.kind;
  if (typeof kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultInputError(`kind must be one of ${FAULT_KINDS.join(", ")}`);
  }
  const k = kind as FaultKind;
  const path = input.path ?? "*";
  if (typeof path !== "string" || (path !== "*" && !isTradePath(path))) {
    throw new FaultInputError(`path must be "*" or one of ${TRADE_PATHS.join(", ")}`);
  }
  if (path !== "*" && !KIND_PATHS[k].includes(path)) {
    throw new FaultInputError(`${k} does not act on ${path} (it acts on ${KIND_PATHS[k].join(", ")})`);
  }
  const probability = input.probability ?? 1;
  if (typeof probability !== "number" || !(probability >= 0 && probability <= 1))
    throw new FaultInputError("probability must be a number from 0 to 1");
  const remaining = input.count === undefined ? null : intIn("count", input.count, 1, 1_000_000);
  const options = parseOptions(k, input);
  const id = input.id ?? defaultId;
  if (typeof id !== "string" || id.length === 0 || id.length > 64)
    throw new FaultInputError("id must be a string of 1-64 characters");
  return { id, path, kind: k, probability, remaining, hits: 0, ...options };
}

function parseRateLimit(value: unknown): RateLimit | null {
  if (value === false || value === null) return null;
  if (value === true) return { ...QFPAY_RATE_LIMIT };
  if (!isRecord(value)) throw new FaultInputError("rateLimit must be true, false or { perSecond, perMinute }");
  return {
    perSecond:
      value.perSecond === undefined
        ? QFPAY_RATE_LIMIT.perSecond
        : intIn("rateLimit.perSecond", value.perSecond, 1, 1_000_000),
    perMinute:
      value.perMinute === undefined
        ? QFPAY_RATE_LIMIT.perMinute
        : intIn("rateLimit.perMinute", value.perMinute, 1, 1_000_000),
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
    this.random = seededRandom(this.seed);
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
    this.random = seededRandom(this.seed);
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
    this.random = seededRandom(this.seed);
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
   * The fault for one request to `path`: the first `request`-scope rule, in order, that matches the
   * path, acts on it, has applications left and wins its draw. One fault per request.
   */
  draw(path: string): ActiveFault | null {
    if (!isTradePath(path)) return null;
    for (const rule of this.rules) {
      if (KIND_SCOPE[rule.kind] !== "request" || !this.eligible(rule, path)) continue;
      if (this.wins(rule)) return this.apply(rule, path);
    }
    return null;
  }

  /**
   * A `check`-scope fault for a request that `/trade/v1/payment` has parsed: the first such rule
   * that acts on `path`, whose condition `holds` for this request, and that wins its draw. Rules
   * whose condition does not hold are skipped without drawing, so their `count` is kept for the
   * requests they really refuse.
   */
  drawCheck(path: TradePath, holds: (fault: ActiveFault) => boolean): ActiveFault | null {
    for (const rule of this.rules) {
      if (KIND_SCOPE[rule.kind] !== "check" || !this.eligible(rule, path)) continue;
      if (!holds(this.active(rule))) continue;
      if (this.wins(rule)) return this.apply(rule, path);
    }
    return null;
  }

  /**
   * The `transaction`-scope faults of a payment being recorded (at most one per kind, first winning
   * rule of each kind). Drawn once, so the effect belongs to the transaction and every later
   * enquiry agrees (not_found_lag, companion_rows).
   */
  drawForTransaction(): ActiveFault[] {
    const won: ActiveFault[] = [];
    for (const rule of this.rules) {
      if (KIND_SCOPE[rule.kind] !== "transaction" || rule.remaining === 0 || rule.probability <= 0) continue;
      if (won.some((fault) => fault.kind === rule.kind)) continue;
      if (this.wins(rule)) won.push(this.apply(rule, PAYMENT_PATH));
    }
    return won;
  }

  /** Whether any rule of `kind` is set (whatever is left of it). */
  has(kind: FaultKind): boolean {
    return this.rules.some((rule) => rule.kind === kind);
  }

  private eligible(rule: FaultRule, path: TradePath): boolean {
    if (rule.remaining === 0 || rule.probability <= 0) return false;
    if (rule.path !== "*" && rule.path !== path) return false;
    return KIND_PATHS[rule.kind].includes(path);
  }

  private wins(rule: FaultRule): boolean {
    return rule.probability >= 1 || this.random() < rule.probability;
  }

  private active(rule: FaultRule): ActiveFault {
    const { path: _path, probability: _p, remaining: _r, hits: _h, ...active } = rule;
    return active;
  }

  private apply(rule: FaultRule, path: string): ActiveFault {
    if (rule.remaining !== null) rule.remaining -= 1;
    rule.hits += 1;
    this.remember({ at: new Date().toISOString(), path, kind: rule.kind, rule: rule.id });
    return drawOpenOptions(rule.kind, this.active(rule), this.random);
  }

  private remember(applied: AppliedFault): void {
    this.history.push(applied);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
  }

  private parse(input: unknown): {
    rules: FaultRule[];
    seed: number | undefined;
    rateLimit: RateLimit | null | undefined;
  } {
    let list: unknown[];
    let seed: number | undefined;
    let rateLimit: RateLimit | null | undefined;
    if (Array.isArray(input)) list = input;
    else if (isRecord(input) && "kind" in input) list = [input];
    else if (isRecord(input)) {
      for (const key of Object.keys(input)) {
        if (key !== "rules" && key !== "seed" && key !== "rateLimit")
          throw new FaultInputError(`unknown field ${JSON.stringify(key)}`);
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
export function resolveFaultDefaults(
  seed: number | undefined,
  rateLimit: boolean | Partial<RateLimit> | undefined,
): { seed: number; rateLimit: RateLimit | null } {
  try {
    return {
      seed: seed === undefined ? 1 : parseSeed(seed),
      rateLimit: rateLimit === undefined ? null : parseRateLimit(rateLimit),
    };
  } catch (error) {
    throw new Error(`sandbox: ${(error as Error).message}`);
  }
}
