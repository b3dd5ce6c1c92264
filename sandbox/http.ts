/** Small HTTP helpers over node:http: bounded body reading and JSON/text answers. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Thrown for answers that are HTTP errors rather than QFPay-level answers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Stop reading a refused body after this much and drop the connection instead. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads the whole body, refusing more than `maxBytes` with 413. A refused body is drained (up to
 * 1 MB) so that the client can read the 413 before the connection closes.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > maxBytes;
    const refuse = () => reject(new HttpError(413, "body_too_large", `request body is larger than ${maxBytes} bytes`));
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > DRAIN_LIMIT_BYTES) {
          req.destroy();
          refuse();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? refuse() : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new HttpError(400, "aborted", "request aborted"));
    });
  });
}

function canWrite(res: ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  if (!canWrite(res)) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...extraHeaders,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (!canWrite(res)) return;
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "X-Content-Type-Options": "nosniff",
    ...extraHeaders,
  });
  res.end(body);
}

/** Non-QFPay errors: `{ error: { code, message } }`, the app's own error shape. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message } },
    error.status === 413 ? { Connection: "close" } : {},
  );
}

/** Resolves after `ms`, or rejects when `signal` aborts (the sandbox is closing). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error("sandbox closed"));
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("sandbox closed"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
