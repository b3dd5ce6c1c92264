/**
 * Copies zxing-wasm's reader binary to `public/scanner/zxing_reader.wasm`, where the till serves
 * it from its own origin (never a CDN: an offline till and a closed CI network cannot reach one).
 * Run by `postinstall` and `prebuild`, so the copy always matches the installed zxing-wasm; it
 * checks the copy against the package's own SHA-256 and writes only when the bytes changed (the
 * build-if-needed check looks at file times).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from "zxing-wasm/reader";

const root = path.resolve(import.meta.dirname, "..");
const source = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
const target = path.join(root, "public", "scanner", "zxing_reader.wasm");

const bytes = readFileSync(source);
const sha256 = createHash("sha256").update(bytes).digest("hex");
if (sha256 !== ZXING_WASM_SHA256) {
  console.error(
    `[copy-scanner-wasm] ${source} does not match zxing-wasm ${ZXING_WASM_VERSION}'s SHA-256; reinstall zxing-wasm.`,
  );
  process.exit(1);
}
const current = existsSync(target) ? readFileSync(target) : null;
if (current?.equals(bytes)) process.exit(0);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, bytes);
console.log(`[copy-scanner-wasm] zxing-wasm ${ZXING_WASM_VERSION} reader → public/scanner/zxing_reader.wasm`);
