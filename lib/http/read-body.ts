/**
 * Reads a request body with a byte cap, chunk by chunk, and stops at the first byte over it: a
 * huge or endless (chunked) body is refused with 413 without being buffered (issue 9). The
 * declared Content-Length is only a shortcut for refusing early, never trusted for the limit.
 */
import "server-only";
import { AppError } from "@/lib/errors";

export async function readBodyCapped(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError("body_too_large", `body larger than ${maxBytes} bytes`, { maxBytes });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
