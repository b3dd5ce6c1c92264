/** The outbox's two requests, on top of the payments API client (the sync itself knows no URLs). */
import type { OutboxTransport, SendResult } from "@/lib/offline/sync";
import { SEND_TIMEOUT_MS } from "@/lib/offline/send-rules";
import { createPayment, lookupPayment } from "./payments-api";

const LOOKUP_TIMEOUT_MS = 15_000;

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

export const outboxTransport: OutboxTransport = {
  async send(input): Promise<SendResult> {
    const result = await withTimeout(SEND_TIMEOUT_MS, (signal) => createPayment(input, signal));
    switch (result.kind) {
      case "accepted":
        return { kind: "accepted", payment: result.payment };
      case "conflict":
      case "rejected":
        return { kind: "refused", error: result.error };
      case "signedOut":
        return { kind: "signedOut" };
      case "unreachable":
        return { kind: "unreachable", reason: result.reason };
    }
  },
  lookup: (outTradeNo) => withTimeout(LOOKUP_TIMEOUT_MS, (signal) => lookupPayment(outTradeNo, signal)),
};
