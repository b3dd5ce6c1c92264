/**
 * How every ScanTill server process is started (npm start, the tests' app instances): our own
 * HTTP server (scripts/serve.ts) under tsx, with the old-space heap capped. Without a cap V8 lets
 * a busy server's heap grow to many hundreds of MB before collecting; capped, the long fuzz (10,000
 * hostile requests) stays within its memory bound (docs/going-live.md). The app's live set is
 * under 256 MB.
 */
import path from "node:path";
import { repoRoot } from "./build-if-needed";

const SERVER_HEAP_MB = 448;

/** `root`: the checkout to serve (by default this one; the bundle benchmark also serves an older one). */
export function serverArgs(port: string | number, host: string, root = repoRoot): string[] {
  return [
    `--max-old-space-size=${SERVER_HEAP_MB}`,
    "--import",
    "tsx",
    path.join(root, "scripts", "serve.ts"),
    "--port",
    String(port),
    "--host",
    host,
  ];
}
