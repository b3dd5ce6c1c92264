import { describe, expect, it } from "vitest";
import {
  classifyPaymentAnswer,
  classifyRespcd,
  isKnownRespcd,
  normaliseRespcd,
  PAYMENT_NOT_PROCESSED_CODES,
  RESPCD_TABLE,
  type GatewayOutcome,
} from "@/lib/qfpay/outcome";
import { FAILURE_KINDS } from "@/lib/contract/payments";
import { documentedCodes } from "../../support/qfpay-doc-codes";

const paid: GatewayOutcome = { status: "paid" };
const pending: GatewayOutcome = { status: "pending" };
const fresh: GatewayOutcome = { status: "failed", failureKind: "fresh_code" };
const other: GatewayOutcome = { status: "failed", failureKind: "other_method" };
const declined: GatewayOutcome = { status: "failed", failureKind: "declined" };
const config: GatewayOutcome = { status: "failed", failureKind: "configuration" };

/** Every code of the docs/qfpay.md §8.1 table, transcribed, with the outcome we decided on. */
const SECTION_8: Record<string, GatewayOutcome> = {
  "0000": paid,
  "1100": pending,
  "1101": pending,
  "1102": pending,
  "1103": config,
  "1104": config,
  "1105": config,
  "1106": config,
  "1107": config,
  "1108": config,
  "1125": pending,
  "1136": pending,
  "1142": declined,
  "1143": pending,
  "1145": pending,
  "1147": fresh,
  "1150": pending,
  "1155": pending,
  "1181": declined,
  "1201": other,
  "1202": fresh,
  "1203": config,
  "1204": other,
  "1205": other,
  "1212": fresh,
  "1241": config,
  "1242": config,
  "1243": config,
  "1251": config,
  "1250": declined,
  "1252": pending,
  "1254": pending,
  "1260": pending,
  "1261": pending,
  "1262": pending,
  "1263": pending,
  "1264": pending,
  "1265": pending,
  "1266": pending,
  "1267": pending,
  "1268": pending,
  "1269": pending,
  "1270": pending,
  "1271": pending,
  "1272": pending,
  "1294": declined,
  "1295": pending,
  "1296": other,
  "1297": other,
  "1298": pending,
  "2005": fresh,
  "2011": pending,
};
/** §8.2 historical codes listed on purpose: "result unknown, query again" and the old pending code. */
const HISTORICAL: Record<string, GatewayOutcome> = { "1161": pending, "2999": pending };

describe("classifyRespcd (§8)", () => {
  it.each(Object.entries({ ...SECTION_8, ...HISTORICAL }))("%s", (code, expected) => {
    expect(classifyRespcd(code)).toEqual(expected);
  });

  it("lists exactly the §8 codes plus the chosen historical ones", () => {
    expect(Object.keys(RESPCD_TABLE).sort()).toEqual(Object.keys({ ...SECTION_8, ...HISTORICAL }).sort());
  });

  it("fails only with a known failure kind, and only 0000 is paid", () => {
    for (const [code, outcome] of Object.entries(RESPCD_TABLE)) {
      if (outcome.status === "failed") expect(FAILURE_KINDS).toContain(outcome.failureKind);
      expect(outcome.status === "paid").toBe(code === "0000");
    }
  });

  it("never fails the codes QFPay calls processing or result-unknown", () => {
    for (const code of ["1143", "1145", "1298", "1295", "1161", "2999", "1102", "2011", "1260"]) {
      expect(classifyRespcd(code).status).toBe("pending");
    }
  });

  it.each([
    ["9999"],
    [""],
    ["   "],
    [undefined],
    [null],
    ["abc"],
    ["00000"],
    ["000"],
    ["1143.0"],
    ["12O2"],
    [{}],
    [[]],
    [true],
    [0],
    [NaN],
    [1143.5],
    ["1213"],
  ])("treats unknown or malformed %j as pending", (value) => {
    expect(classifyRespcd(value)).toEqual(pending);
  });

  it("reads a numeric code and a padded string like the string code", () => {
    expect(classifyRespcd(1143)).toEqual(pending);
    expect(classifyRespcd(1202)).toEqual(fresh);
    expect(classifyRespcd(" 0000 ")).toEqual(paid);
    expect(normaliseRespcd(1297)).toBe("1297");
    expect(normaliseRespcd(0)).toBeNull();
  });

  it("tells listed codes from defaulted ones", () => {
    expect(isKnownRespcd("1143")).toBe(true);
    expect(isKnownRespcd("9999")).toBe(false);
    expect(isKnownRespcd(undefined)).toBe(false);
  });

  it("returns outcomes a caller cannot mutate", () => {
    const outcome = classifyRespcd("1202");
    expect(Object.isFrozen(outcome)).toBe(true);
    expect(Object.isFrozen(RESPCD_TABLE)).toBe(true);
  });
});

// The transcription above against docs/qfpay.md §8, which states the same decisions in words: the
// document and the code must agree on every code, both on what the code is and on what it means.
describe("docs/qfpay.md §8", () => {
  const rows = documentedCodes();

  it("§8.1 lists exactly the codes transcribed here, and §8.2 the historical ones", () => {
    expect(
      rows
        .filter((row) => row.section === "8.1")
        .map((row) => row.code)
        .sort(),
    ).toEqual(Object.keys(SECTION_8).sort());
    for (const code of Object.keys(HISTORICAL))
      expect(
        rows.some((row) => row.section === "8.2" && row.code === code),
        code,
      ).toBe(true);
  });

  it.each(rows.map((row) => [row.code, row.payment] as const))(
    "%s: the payment column is what the code decides (%s)",
    (code, cell) => {
      expect(cell, code).toBe(describePayment(code));
    },
  );
});

/** The "ScanTill: payment" cell the document must show for a code, written from the code's tables. */
function describePayment(code: string): string {
  if (!isKnownRespcd(code)) return "— (not listed: pending, §8.3)";
  const outcome = classifyRespcd(code);
  if (outcome.status !== "failed") return outcome.status;
  const when = classifyPaymentAnswer(code).outcome.status === "failed" ? "at once" : "after enquiry";
  return `failed (${outcome.failureKind}), ${when}`;
}

describe("classifyPaymentAnswer: only proof fails a payment at once (issue 8)", () => {
  const PROOF = [
    "1103",
    "1104",
    "1105",
    "1106",
    "1107",
    "1108",
    "1203",
    "1241",
    "1242",
    "1243",
    "1201",
    "1202",
    "1212",
    "2005",
  ];

  it("fails at once only for the codes QFPay documents as not processed", () => {
    for (const code of PROOF) {
      const answer = classifyPaymentAnswer(code);
      expect(answer.outcome.status, code).toBe("failed");
      expect(answer.tentativeFailure, code).toBeNull();
    }
    expect([...PAYMENT_NOT_PROCESSED_CODES].sort()).toEqual([...PROOF].sort());
  });

  it("keeps every other failure code pending with the failure it will be if the enquiry agrees", () => {
    for (const [code, outcome] of Object.entries(SECTION_8)) {
      if (outcome.status !== "failed" || PROOF.includes(code)) continue;
      const answer = classifyPaymentAnswer(code);
      expect(answer.outcome, code).toEqual(pending);
      expect(answer.tentativeFailure, code).toBe(outcome.failureKind);
    }
    for (const code of ["1296", "1297", "1204", "1147", "1251"])
      expect(classifyPaymentAnswer(code).outcome, code).toEqual(pending);
  });

  it("passes paid and pending through unchanged", () => {
    expect(classifyPaymentAnswer("0000")).toEqual({ outcome: paid, tentativeFailure: null });
    expect(classifyPaymentAnswer("1143")).toEqual({ outcome: pending, tentativeFailure: null });
    expect(classifyPaymentAnswer("9999")).toEqual({ outcome: pending, tentativeFailure: null });
    expect(classifyPaymentAnswer(undefined)).toEqual({ outcome: pending, tentativeFailure: null });
  });
});
