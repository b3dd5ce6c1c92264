/**
 * ScanTill's HTTP server: Next's request handler behind our own `node:http` server, so the client's
 * address and protocol come from the socket (or a TRUSTED_PROXY), never from headers a client wrote
 * (lib/http/trusted-proxy.ts). Started by scripts/start.ts and by the tests' app instances.
 *
 *   tsx scripts/serve.ts --port 3000 --host 0.0.0.0
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import next from "next";
import { clientFacts, parseTrustedProxies } from "../lib/http/trusted-proxy";
import { repoRoot } from "./lib/build-if-needed";
import { publicFilePaths, refuseRequest } from "./lib/request-guard";
import { declaredTooLarge, MAX_REQUEST_BODY_BYTES, readChunkedBody } from "./lib/request-body-guard";
import { mayCompress } from "./lib/compression-policy";

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const port = Number(arg("port", process.env.PORT ?? "3000"));
  const host = arg("host", "0.0.0.0");
  const trusted = parseTrustedProxies(process.env.TRUSTED_PROXY);
  const app = next({ dev: false, dir: repoRoot, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const publicFiles = publicFilePaths(path.join(repoRoot, "public"));
  const server = createServer((req, res) => {
    // Requests Next would answer with a 500 (scripts/lib/request-guard.ts).
    const refusal = refuseRequest(req, publicFiles);
    if (refusal) {
      res.writeHead(refusal.status, {
        "content-type": "application/json",
        "cache-control": "no-store",
        ...(refusal.allow ? { allow: refusal.allow } : {}),
      });
      res.end(
        JSON.stringify({
          error: {
            code: { 400: "invalid_request", 404: "not_found", 405: "method_not_allowed" }[refusal.status],
            message: refusal.message,
          },
        }),
      );
      return;
    }
    const facts = clientFacts(
      { remoteAddress: req.socket.remoteAddress, encrypted: "encrypted" in req.socket },
      req.headers,
      trusted,
    );
    // Next fills these only when absent; ours replace whatever the client sent.
    req.headers["x-forwarded-for"] = facts.address;
    req.headers["x-forwarded-proto"] = facts.proto;
    if (facts.host) req.headers["x-forwarded-host"] = facts.host;
    else delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-port"];
    // Small API answers go out as they are (scripts/lib/compression-policy.ts).
    if (!mayCompress(req.method, req.url)) delete req.headers["accept-encoding"];
    void pass(req, res);
  });
  const refuseBody = (res: ServerResponse, status: number, message: string) => {
    // The rest of the body is never read: the connection closes with the answer.
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", connection: "close" });
    res.end(JSON.stringify({ error: { code: status === 413 ? "payload_too_large" : "invalid_request", message } }));
  };
  // Bodies are capped at the door (scripts/lib/request-body-guard.ts), chunked ones read here.
  const pass = async (req: IncomingMessage, res: ServerResponse) => {
    if (declaredTooLarge(req)) return refuseBody(res, 413, `request body larger than ${MAX_REQUEST_BODY_BYTES} bytes`);
    if (!req.headers["transfer-encoding"]) return handle(req, res);
    const verdict = await readChunkedBody(req);
    if (!verdict.ok) return refuseBody(res, verdict.status, verdict.message);
    return handle(verdict.req, res);
  };
  // A slow client cannot hold a connection open forever (slowloris): whole headers in 20 s.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  server.listen(port, host, () => console.log(`ScanTill listening on http://${host}:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
