/**
 * Request bodies at the door (issue 9), before Next sees them. A body with a Content-Length over
 * MAX_REQUEST_BODY_BYTES is refused at once. A chunked body is read here, counted and capped (bytes
 * and chunks), and handed on as an ordinary body with a Content-Length: measured with the fuzz, a
 * 1 MB body sent in 1-byte chunks to a route that answers without reading it grew the server by
 * about 200 MB (Node queues every tiny chunk as its own buffer). The routes' own caps stay
 * (lib/http/read-body.ts); this one is the largest any route takes (QFPay's notify, 64 KB) with room.
 */
import { IncomingMessage } from "node:http";

export const MAX_REQUEST_BODY_BYTES = 128 * 1024;
/** A browser or QFPay sends a body in a handful of chunks; thousands mean a client playing games. */
const MAX_REQUEST_BODY_CHUNKS = 1024;

type BodyVerdict = { ok: true; req: IncomingMessage } | { ok: false; status: 411 | 413; message: string };

export function declaredTooLarge(req: IncomingMessage): boolean {
  const declared = Number(req.headers["content-length"] ?? "0");
  return Number.isFinite(declared) && declared > MAX_REQUEST_BODY_BYTES;
}

/** Reads a chunked body within the caps; the request Next then gets has the same body with a Content-Length. */
export function readChunkedBody(req: IncomingMessage): Promise<BodyVerdict> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const finish = (verdict: BodyVerdict) => {
      if (settled) return;
      settled = true;
      req.removeAllListeners("data");
      resolve(verdict);
    };
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      parts.push(chunk);
      if (bytes > MAX_REQUEST_BODY_BYTES || parts.length > MAX_REQUEST_BODY_CHUNKS) {
        req.pause();
        finish({
          ok: false,
          status: 413,
          message: `request body larger than ${MAX_REQUEST_BODY_BYTES} bytes or in too many pieces`,
        });
      }
    });
    req.on("end", () => finish({ ok: true, req: withBody(req, Buffer.concat(parts, bytes)) }));
    req.on("error", () => finish({ ok: false, status: 411, message: "the request body could not be read" }));
  });
}

/** A copy of `req` (same socket, method, URL, headers) whose body is `body`, sent with a Content-Length. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  copy.headers = headers;
  copy.rawHeaders = Object.entries(headers).flatMap(([k, v]) =>
    Array.isArray(v) ? v.flatMap((x) => [k, x]) : v === undefined ? [] : [k, v],
  );
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}
