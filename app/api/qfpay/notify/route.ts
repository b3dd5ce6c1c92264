import type { NextRequest } from "next/server";
import { toErrorResponse } from "@/lib/http/with-staff";
import { readBodyCapped } from "@/lib/http/read-body";
import { handleNotification } from "@/lib/payments/handle-notification";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 64 * 1024;

// POST /api/qfpay/notify – QFPay's asynchronous notification: verify the raw body, answer SUCCESS
export async function POST(req: NextRequest) {
  try {
    // The signature covers the exact raw bytes (docs/qfpay.md §7): never re-serialise before checking.
    // Read with a cap, chunk by chunk: anyone on the internet can reach this URL (issue 9).
    const raw = await readBodyCapped(req, MAX_BODY_BYTES);
    await handleNotification(raw, req.headers.get("x-qf-sign"));
    return new Response("SUCCESS", { status: 200, headers: { "content-type": "text/plain" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
