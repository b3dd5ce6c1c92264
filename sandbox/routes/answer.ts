/** The shape of a QFPay answer and the early refusals shared by every `/trade/v1/*` endpoint. */
import type { SandboxContext } from "../context";
import { resperr } from "../respcd";

/** A QFPay answer: flat JSON (API-FACTS §3). */
export type TradeAnswer = { respcd: string; resperr: string; respmsg: string } & Record<string, unknown>;

export type TradeHandler = (ctx: SandboxContext, fields: ReadonlyMap<string, string>) => TradeAnswer | Promise<TradeAnswer>;

/** An answer that stops the request before the endpoint acts (1103/1104/1108). */
export function refusal(respcd: string, detail: string, respmsg = ""): TradeAnswer {
  return { respcd, resperr: resperr(respcd, detail), respmsg };
}
