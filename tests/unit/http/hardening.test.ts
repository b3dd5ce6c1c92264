/**
 * Issue 9 (first steps): bodies are read with a byte cap without buffering a huge or endless
 * chunked body, and the sign-in page only ever sends staff back to a path on this site.
 */
import { describe, expect, it } from "vitest";
import { readBodyCapped } from "@/lib/http/read-body";
import { safeCallbackPath } from "@/app/login/_components/safe-callback";

/** A chunked body of `chunks` × 16 KB that counts how many chunks were pulled. */
function endlessBody(chunks: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(16 * 1024).fill(65));
    },
  });
  return { stream, pulled: () => pulled };
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyCapped", () => {
  it("refuses a chunked body over the cap after reading just past it, never the rest", async () => {
    const body = endlessBody(20_000); // 320 MB if it were all read
    await expect(readBodyCapped(post(body.stream), 64 * 1024)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(body.pulled()).toBeLessThan(10);
  });

  it("refuses at once when Content-Length declares too much, and reads a body within the cap", async () => {
    await expect(readBodyCapped(post("x".repeat(10), { "content-length": "999999" }), 1024)).rejects.toMatchObject({
      code: "payload_too_large",
    });
    expect((await readBodyCapped(post('{"a":1}'), 1024)).toString()).toBe('{"a":1}');
    expect((await readBodyCapped(post(null), 1024)).length).toBe(0);
    // A lying Content-Length does not raise the cap.
    await expect(readBodyCapped(post("y".repeat(2048), { "content-length": "10" }), 1024)).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });
});

describe("safeCallbackPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackPath("/payments")).toBe("/payments");
    expect(safeCallbackPath("/payments/ST1?x=1#a")).toBe("/payments/ST1?x=1#a");
    expect(safeCallbackPath(["/reconcile", "/x"])).toBe("/reconcile");
  });

  it("never leads off the site, nor to sign-in or the API, nor carries control characters", () => {
    for (const bad of [
      "//evil.example",
      "/\t/evil.example",
      "/\\evil.example",
      "/\\\\evil",
      "https://evil.example",
      "evil",
      "/\r\nSet-Cookie: x=1",
      "/%0d%0a",
      "/login?x=1",
      "/api/payments",
      "",
      undefined,
    ]) {
      const out = safeCallbackPath(bad);
      expect(out === "/sale" || (out.startsWith("/") && !out.startsWith("//")), String(bad)).toBe(true);
      expect(out, String(bad)).not.toMatch(/evil|[\r\n\t]/);
    }
    expect(safeCallbackPath("/\t/evil.example")).toBe("/sale");
  });
});

describe("the ledger's files and the sign-in secret", () => {
  it("keeps the SQLite folder 0700 and the database file 0600", async () => {
    const { mkdtempSync, statSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { openDatabase } = await import("@/lib/db/open-database");
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "scantill-perm-")), "data");
    const opened = await openDatabase({ kind: "sqlite", file: path.join(dir, "scantill.sqlite") });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, "scantill.sqlite")).mode & 0o777).toBe(0o600);
    } finally {
      await opened.close();
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it("refuses a sign-in secret shorter than 32 characters", async () => {
    const { parseEnv } = await import("@/lib/env-schema");
    expect(() => parseEnv({ NEXTAUTH_SECRET: "0123456789abcdef" })).toThrow(/NEXTAUTH_SECRET/);
    expect(parseEnv({ NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef" }).NEXTAUTH_SECRET).toHaveLength(32);
  });
});
