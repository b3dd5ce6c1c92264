/**
 * The magic table: which outcome a payment gets. QFPay has no wallet sandbox (docs/qfpay.md §1), so the
 * tester picks the wallet's behaviour through the code's last four digits or, failing that, the amount.
 * Codes and their classes follow docs/qfpay.md §8: 1143/1145/1298 pending (query), 1201/1202/1294 final.
 */

export const OUTCOMES = [
  "success",
  "pending_success",
  "pending_failure",
  "pending_unknown",
  "expired",
  "insufficient",
  "risk",
  "slow",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** When the transaction reaches its final state, counted from its creation. */
export type SettleDelay = "none" | "pendingMs" | "slowMs";

export type OutcomeRule = {
  /** Last four digits of the auth_code, or the exact txamt, that select this outcome; null = default. */
  magic: string | null;
  /** respcd of the /payment answer (for `slow` the answer waits until the transaction is final). */
  answer: string;
  /** The transaction's own respcd on an enquiry row while not final; null if final at once. */
  whilePending: string | null;
  /** The transaction's respcd once final. */
  final: string;
  settleAfter: SettleDelay;
  /** Whether the /payment answer itself is held back until the transaction is final. */
  answerWhenSettled: boolean;
  /** Plain words for the wallet page's outcome picker. */
  label: string;
};

export const OUTCOME_RULES: Readonly<Record<Outcome, OutcomeRule>> = {
  success: {
    magic: null,
    answer: "0000",
    whilePending: null,
    final: "0000",
    settleAfter: "none",
    answerWhenSettled: false,
    label: "Success: pays at once",
  },
  // 1143 "customer is entering password": pending, query later (§8, §10 WeChat password rule).
  pending_success: {
    magic: "1143",
    answer: "1143",
    whilePending: "1143",
    final: "0000",
    settleAfter: "pendingMs",
    answerWhenSettled: false,
    label: "Asks for a password, then pays (1143)",
  },
  // 1145 "processing": pending; resolves to 1205 "transaction failed" (§14 suggests 1181/1205).
  pending_failure: {
    magic: "1145",
    answer: "1145",
    whilePending: "1145",
    final: "1205",
    settleAfter: "pendingMs",
    answerWhenSettled: false,
    label: "Processing, then fails (1145, later 1205)",
  },
  // 1298 "slow network, don't pay again, check later" is pending (§8 QFM-codes grouping). Enquiry
  // rows only know 1143/1145 as "still pending" (§4), so the row shows 1145 meanwhile. [Inferred]
  pending_unknown: {
    magic: "1298",
    answer: "1298",
    whilePending: "1145",
    final: "0000",
    settleAfter: "pendingMs",
    answerWhenSettled: false,
    label: "Network unsure, then pays (1298)",
  },
  expired: {
    magic: "1202",
    answer: "1202",
    whilePending: null,
    final: "1202",
    settleAfter: "none",
    answerWhenSettled: false,
    label: "Expired or wrong code (1202)",
  },
  insufficient: {
    magic: "1201",
    answer: "1201",
    whilePending: null,
    final: "1201",
    settleAfter: "none",
    answerWhenSettled: false,
    label: "Insufficient balance (1201)",
  },
  risk: {
    magic: "1294",
    answer: "1294",
    whilePending: null,
    final: "1294",
    settleAfter: "none",
    answerWhenSettled: false,
    label: "Refused by risk control (1294)",
  },
  // The answer is slow, not the wallet's decision: a client that times out and queries meanwhile
  // sees 1145 (processing), then 0000 — exactly the "timeout ⇒ pending ⇒ query" path (§9, §12).
  slow: {
    magic: "5555",
    answer: "0000",
    whilePending: "1145",
    final: "0000",
    settleAfter: "slowMs",
    answerWhenSettled: true,
    label: "Slow answer, then paid (5555)",
  },
};

/** The rule for a code presented a second time: always 1202, whatever its tail (§3 "single use", §10). */
export const REUSED_CODE_RULE: OutcomeRule = {
  magic: null,
  answer: "1202",
  whilePending: null,
  final: "1202",
  settleAfter: "none",
  answerWhenSettled: false,
  label: "Code already used (1202)",
};

const BY_MAGIC = new Map<string, Outcome>(
  OUTCOMES.flatMap((outcome) => {
    const magic = OUTCOME_RULES[outcome].magic;
    return magic === null ? [] : [[magic, outcome] as const];
  }),
);

/** Every magic number; a `success` code must avoid all of them as its tail. */
export const MAGIC_NUMBERS: ReadonlySet<string> = new Set(BY_MAGIC.keys());

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/**
 * The outcome for a payment: the auth_code's last four characters if they are magic, otherwise the
 * amount if it equals a magic number exactly (txamt is in minor units: "1143" = HK$11.43), otherwise
 * success.
 */
export function outcomeFor(authCode: string, txamt: string): Outcome {
  return BY_MAGIC.get(authCode.slice(-4)) ?? BY_MAGIC.get(String(Number(txamt))) ?? "success";
}
