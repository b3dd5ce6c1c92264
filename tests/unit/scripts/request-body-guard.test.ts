/**
 * The door's body caps (scripts/lib/request-body-guard.ts) on a real node:http server: a chunked
 * body within the caps reaches the handler whole, with a Content-Length; too many bytes or too many
 * pieces is 413 without the rest being read; a declared Content-Length over the cap is refused at once.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declaredTooLarge, MAX_REQUEST_BODY_BYTES, readChunkedBody } from "../../../scripts/lib/request-body-guard";

let server: Server;
let port = 0;

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (declaredTooLarge(req)) return void res.writeHead(413, { connection: "close" }).end("too large");
  const verdict = req.headers["transfer-encoding"] ? await readChunkedBody(req) : { ok: true as const, req };
  if (!verdict.ok) return void res.writeHead(verdict.status, { connection: "close" }).end("refused");
  const body = await readAll(verdict.req);
  res.end(
    JSON.stringify({
      length: body.length,
      declared: verdict.req.headers["content-length"] ?? null,
      te: verdict.req.headers["transfer-encoding"] ?? null,
    }),
  );
}

beforeAll(async () => {
  server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function send(chunks: Buffer[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host: "127.0.0.1", port, method: "POST", path: "/", headers: { "transfer-encoding": "chunked", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", () => resolve({ status: -1, body: "" }));
    let i = 0;
    const pump = () => {
      while (i < chunks.length) if (!req.write(chunks[i++]!)) return void req.once("drain", pump);
      req.end();
    };
    pump();
  });
}

describe("request bodies at the door", () => {
  it("hands a chunked body within the caps on whole, with a Content-Length", async () => {
    const res = await send([Buffer.from('{"a":'), Buffer.from("1}")]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ length: 7, declared: "7", te: null });
  });

  it("refuses too many bytes, or too many tiny pieces, with 413", async () => {
    expect((await send([Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1, 97)])).status).toBe(413);
    const tiny = Array.from({ length: 5_000 }, () => Buffer.from("a"));
    expect((await send(tiny)).status).toBe(413);
  });

  it("refuses a declared Content-Length over the cap before reading anything", async () => {
    const res = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/",
          headers: { "content-length": String(MAX_REQUEST_BODY_BYTES + 1) },
        },
        (r) => resolve(r.statusCode ?? 0),
      );
      req.on("error", () => resolve(-1));
      req.write("x");
    });
    expect(res).toBe(413);
  });
});
