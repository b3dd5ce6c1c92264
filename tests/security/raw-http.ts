/**
 * One HTTP/1.1 request over `node:http`, with what fetch would not let a test send: the request
 * target exactly as given (malformed percent-encodings, "..", absolute-form), headers as an ordered
 * list (duplicates kept), and a body with a Content-Length or chunked. Never throws: a refused
 * connection, a reset or a timeout is part of the answer.
 */
import http from "node:http";

type RawRequest = {
  method: string;
  /** The request target, sent byte for byte (node only refuses control characters and spaces). */
  target: string;
  /** In order; "host", "connection" and the framing header are added when absent. */
  headers: Array<[string, string]>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked, in pieces of this many bytes (no Content-Length). */
  chunked?: number;
};

export type RawResponse = {
  /** null: no answer (reset, timeout, or the request could not be sent). */
  status: number | null;
  headers: http.IncomingHttpHeaders;
  /** The first bytes of the body, for reports. */
  preview: string;
  bytes: number;
  ms: number;
  timedOut: boolean;
  error?: string;
};

const PREVIEW_BYTES = 2_048;

export function sendRaw(baseUrl: string, req: RawRequest, timeoutMs: number): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  const names = new Set(req.headers.map(([k]) => k.toLowerCase()));
  const headers: string[] = [];
  if (!names.has("host")) headers.push("Host", url.host);
  if (!names.has("connection")) headers.push("Connection", "close");
  const body = req.body;
  if (body && !names.has("content-length") && !names.has("transfer-encoding")) {
    if (req.chunked) headers.push("Transfer-Encoding", "chunked");
    else headers.push("Content-Length", String(body.length));
  }
  for (const [k, v] of req.headers) headers.push(k, v);

  return new Promise((resolve) => {
    let settled = false;
    let answered: Omit<RawResponse, "ms"> | null = null;
    const finish = (r: Omit<RawResponse, "ms">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, ms: Math.round(performance.now() - started) });
    };
    let request: http.ClientRequest;
    try {
      // An array of headers is sent as given (node's "raw headers" form): nothing merged or reordered.
      request = http.request({
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.target,
        headers,
        agent: false,
      });
    } catch (error) {
      finish({
        status: null,
        headers: {},
        preview: "",
        bytes: 0,
        timedOut: false,
        error: `not sent: ${(error as Error).message}`,
      });
      return;
    }
    const timer = setTimeout(() => {
      finish({
        ...(answered ?? { status: null, headers: {}, preview: "", bytes: 0 }),
        timedOut: true,
        error: answered ? "body not finished in time" : "no answer in time",
      });
      request.destroy();
    }, timeoutMs);
    request.on("response", (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      answered = { status: res.statusCode ?? null, headers: res.headers, preview: "", bytes: 0, timedOut: false };
      res.on("data", (d: Buffer) => {
        if (bytes < PREVIEW_BYTES) chunks.push(d);
        bytes += d.length;
      });
      const done = (error?: string) => {
        const preview = Buffer.concat(chunks).subarray(0, PREVIEW_BYTES).toString("utf8");
        finish({
          status: res.statusCode ?? null,
          headers: res.headers,
          preview,
          bytes,
          timedOut: false,
          ...(error ? { error } : {}),
        });
      };
      res.on("end", () => done());
      res.on("error", (e) => done(`body: ${e.message}`));
      res.on("aborted", () => done("body aborted"));
    });
    request.on("error", (error) => {
      // The server may answer (413) and close while the body is still being written: the answer counts.
      if (answered) return;
      finish({ status: null, headers: {}, preview: "", bytes: 0, timedOut: false, error: error.message });
    });
    void writeBody(request, body, req.chunked);
  });
}

async function writeBody(
  request: http.ClientRequest,
  body: Buffer | undefined,
  chunked: number | undefined,
): Promise<void> {
  if (!body || body.length === 0) return void request.end();
  const piece = chunked && chunked > 0 ? chunked : body.length;
  for (let at = 0; at < body.length; at += piece) {
    if (request.destroyed) return;
    // Wait for the socket to drain: a 1 MB body is streamed, not queued in memory at once.
    if (!request.write(body.subarray(at, at + piece))) {
      const drained = await new Promise<boolean>((r) => {
        const onDrain = () => (request.off("close", onClose), r(true));
        const onClose = () => (request.off("drain", onDrain), r(false));
        request.once("drain", onDrain);
        request.once("close", onClose);
      });
      if (!drained) return;
    }
  }
  request.end();
}
