/**
 * A scripted stand-in for QFPay: a real `node:http` server on port 0 (docs/architecture.md §7.3). Each
 * request takes the next scripted reply; with nothing scripted it answers HTTP 599 so that an
 * unexpected call fails the test. Signatures are recomputed here independently of `lib/qfpay/sign.ts`.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { QfpayConfig } from "@/lib/qfpay/config";

export type FakeRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The form body decoded (`+` and `%xx` undone). */
  params: Record<string, string>;
  /** Field names in the order they arrived, duplicates included. */
  names: string[];
};

export type FakeReply =
  /** `headers` are extra response headers, e.g. `Retry-After`. */
  | { json: unknown; status?: number; headers?: Record<string, string> }
  | { text: string; status?: number; contentType?: string; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { hang: true }
  /** Send a 200 status line and part of a JSON body, then stall. */
  | { stallBody: string }
  /** Destroy the socket without answering (connection reset). */
  | { destroy: true };

export type FakeStep = FakeReply | ((request: FakeRequest) => FakeReply);

export type FakeQfpay = {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  requests: FakeRequest[];
  /** Queues replies, consumed one per request in order. */
  reply(...steps: FakeStep[]): void;
  close(): Promise<void>;
};

/** The app code every spec's merchant uses: QFPay's are 32 hex characters (docs/qfpay.md §1). */
const FAKE_APP_CODE = "APPCODE0123456789ABCDEF0123456789";

/** A merchant set-up pointing at `fake`, signing with `clientKey` (MD5, 2 s timeout), plus `overrides`. */
export function fakeQfpayConfig(fake: FakeQfpay, clientKey: string, overrides: Partial<QfpayConfig> = {}): QfpayConfig {
  return { baseUrl: fake.url, appCode: FAKE_APP_CODE, clientKey, signType: "MD5", timeoutMs: 2000, ...overrides };
}

export async function startFakeQfpay(): Promise<FakeQfpay> {
  const requests: FakeRequest[] = [];
  const queue: FakeStep[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const form = new URLSearchParams(rawBody);
      const request: FakeRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody,
        params: Object.fromEntries(form),
        names: [...form.keys()],
      };
      requests.push(request);
      const step = queue.shift();
      const reply: FakeReply =
        step === undefined
          ? { text: "fake QFPay: no reply scripted", status: 599 }
          : typeof step === "function"
            ? step(request)
            : step;
      send(reply, res);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...steps) => void queue.push(...steps),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(reply: FakeReply, res: ServerResponse): void {
  if ("hang" in reply) return;
  if ("stallBody" in reply) {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write(reply.stallBody);
    return;
  }
  if ("destroy" in reply) {
    res.socket?.destroy();
    return;
  }
  if ("json" in reply) {
    res.writeHead(reply.status ?? 200, { ...reply.headers, "Content-Type": "application/json" });
    res.end(JSON.stringify(reply.json));
    return;
  }
  res.writeHead(reply.status ?? 200, {
    ...reply.headers,
    "Content-Type": reply.contentType ?? "text/plain; charset=utf-8",
  });
  res.end(reply.text);
}

/** QFPay's check (docs/qfpay.md §2): sorted raw `k=v&…` plus the key, hashed, compared case-insensitively. */
export function expectedSign(params: Record<string, string>, clientKey: string, signType: "MD5" | "SHA256"): string {
  const names = Object.keys(params).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const text = names.map((name) => `${name}=${params[name]}`).join("&") + clientKey;
  return createHash(signType === "SHA256" ? "sha256" : "md5")
    .update(text, "utf8")
    .digest("hex")
    .toUpperCase();
}

/** The port of a server that was started and stopped: nothing listens there. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
