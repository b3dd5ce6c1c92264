/** The outbox's two requests, on top of the payments API client (the sync itself knows no URLs). */
import type { OutboxTransport, SendResult } from "@/lib/offline/sync";
import { SEND_TIMEOUT_MS } from "@/lib/offline/send-rules";
import { lookupPayment, postPayment } from "./payments-api";
import { withTimeout } from "./with-timeout";

const LOOKUP_TIMEOUT_MS = 15_000;

export const outboxTransport: OutboxTransport = {
  async send(input): Promise<SendResult> {
    const result = await withTimeout(SEND_TIMEOUT_MS, (signal) => postPayment(input, signal));
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
