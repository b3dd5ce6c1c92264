/** The shape of a QFPay answer and the early refusals shared by every `/trade/v1/*` endpoint. */
import type { SandboxContext } from "../context";
import type { ActiveFault } from "../faults";
import { resperr } from "../respcd";

/** A QFPay answer: flat JSON (docs/qfpay.md §3). */
export type TradeAnswer = { respcd: string; resperr: string; respmsg: string } & Record<string, unknown>;

/** `fault` is the fault drawn for this request (most handlers only care about their own kinds). */
export type TradeHandler = (
  ctx: SandboxContext,
  fields: ReadonlyMap<string, string>,
  fault: ActiveFault | null,
) => TradeAnswer | Promise<TradeAnswer>;

/** An answer that stops the request before the endpoint acts (1103/1104/1108). */
export function refusal(respcd: string, detail: string, respmsg = ""): TradeAnswer {
  return { respcd, resperr: resperr(respcd, detail), respmsg };
}

/** Field check shared by the endpoints: first missing or malformed field ⇒ 1104 (docs/qfpay.md §14 "Auth"). */
export type FieldCheck = { field: string; required: boolean; valid: (value: string) => boolean; rule: string };

export function checkFields(fields: ReadonlyMap<string, string>, checks: readonly FieldCheck[]): TradeAnswer | null {
  for (const check of checks) {
    const value = fields.get(check.field);
    if (value === undefined || value === "") {
      if (check.required)
        return refusal("1104", `Request parameter error: ${check.field} is missing`, `${check.field} is required`);
      continue;
    }
    if (!check.valid(value)) {
      return refusal("1104", `Request parameter error: ${check.field}`, `${check.field} must be ${check.rule}`);
    }
  }
  return null;
}
