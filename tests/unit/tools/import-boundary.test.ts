/**
 * The server/browser import boundary rule (tools/eslint/import-boundary.ts), run by ESLint's
 * RuleTester over a small project written to a temporary folder: the rule resolves imports on disk.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, expect, it } from "vitest";
import rule, { globToRegExp, resolveImport } from "@/tools/eslint/import-boundary";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = mkdtempSync(path.join(tmpdir(), "boundary-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  "lib/secret.ts": 'import "server-only";\nexport const key = "k";',
  "lib/uses-secret.ts": 'import { key } from "./secret";\nexport const k2 = key;',
  "lib/neutral.ts": "export const add = (a: number, b: number) => a + b;",
  "lib/db/schema.ts": "export const TABLE = 'payments';",
  "lib/camera.ts": 'import "client-only";\nexport const open = () => 1;',
  "lib/uses-camera.ts": 'import { open } from "./camera";\nexport const o = open;',
  "lib/actions.ts": '"use server";\nimport { key } from "./secret";\nexport async function act() { return key; }',
  "components/button.tsx": '"use client";\nimport { open } from "@/lib/camera";\nexport const B = open;',
  "components/index.ts": 'export { B } from "./button";',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  writeFileSync(path.join(root, name), text);
}

const options = [{ root, clientRoots: ["components/**"], serverRoots: ["app/**/route.ts", "lib/db/**"] }];
const at = (name: string) => path.join(root, name);
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" },
});

tester.run("import-boundary", rule, {
  valid: [
    // Browser code importing neutral code, and types from server code (erased).
    { filename: at("components/a.tsx"), code: '"use client";\nimport { add } from "@/lib/neutral";', options },
    { filename: at("components/a.tsx"), code: '"use client";\nimport type { k2 } from "@/lib/uses-secret";', options },
    { filename: at("components/a.tsx"), code: '"use client";\nexport type { key } from "../lib/secret";', options },
    // A server action is the legal way for browser code to call the server.
    { filename: at("components/a.tsx"), code: '"use client";\nimport { act } from "@/lib/actions";', options },
    // Server code rendering a client component: the walk stops at "use client".
    { filename: at("app/page.tsx"), code: 'import "server-only";\nimport { B } from "@/components/button";', options },
    // Neutral files are not checked themselves (their importers' walks cover them).
    {
      filename: at("lib/other.ts"),
      code: 'import { key } from "./secret";\nimport { open } from "./camera";',
      options,
    },
    // Packages are not followed.
    { filename: at("components/a.tsx"), code: '"use client";\nimport { z } from "zod";', options },
  ],
  invalid: [
    {
      filename: at("components/a.tsx"),
      code: '"use client";\nimport { key } from "@/lib/secret";',
      options,
      errors: [{ messageId: "clientToServer", data: { target: "lib/secret.ts", via: "" } }],
    },
    {
      // Through a neutral module: the chain is named.
      filename: at("components/a.tsx"),
      code: '"use client";\nimport { k2 } from "../lib/uses-secret";',
      options,
      errors: [{ messageId: "clientToServer", data: { target: "lib/secret.ts", via: " via lib/uses-secret.ts" } }],
    },
    {
      // A file under a client root needs no directive; an inline-type import is still a module load.
      filename: at("components/helper.ts"),
      code: 'import { type k2 } from "@/lib/uses-secret";',
      options,
      errors: [{ messageId: "clientToServer" }],
    },
    {
      // A server folder counts as server code without the marker; dynamic imports are followed.
      filename: at("components/helper.ts"),
      code: 'export const load = () => import("@/lib/db/schema");',
      options,
      errors: [{ messageId: "clientToServer", data: { target: "lib/db/schema.ts", via: "" } }],
    },
    {
      filename: at("components/helper.ts"),
      code: 'export * from "@/lib/uses-secret";',
      options,
      errors: [{ messageId: "clientToServer" }],
    },
    {
      // "client-only" makes a file browser code wherever it is.
      filename: at("lib/anywhere.ts"),
      code: 'import "client-only";\nimport { key } from "./secret";',
      options,
      errors: [{ messageId: "clientToServer" }],
    },
    {
      // Server → browser-only, through a neutral module.
      filename: at("app/api/pay/route.ts"),
      code: 'import { o } from "@/lib/uses-camera";',
      options,
      errors: [{ messageId: "serverToClient", data: { target: "lib/camera.ts", via: " via lib/uses-camera.ts" } }],
    },
    {
      filename: at("lib/server-thing.ts"),
      code: 'import "server-only";\nimport { open } from "./camera";',
      options,
      errors: [{ messageId: "serverToClient", data: { target: "lib/camera.ts", via: "" } }],
    },
    {
      filename: at("lib/confused.ts"),
      code: '"use client";\nimport "server-only";',
      options,
      errors: [{ messageId: "bothSides" }],
    },
  ],
});

describe("import-boundary helpers", () => {
  it("matches globs the way the config writes them", () => {
    expect(globToRegExp("components/**").test("components/sale/keypad.tsx")).toBe(true);
    expect(globToRegExp("app/**/route.ts").test("app/route.ts")).toBe(true);
    expect(globToRegExp("app/**/route.ts").test("app/api/payments/[id]/route.ts")).toBe(true);
    expect(globToRegExp("app/**/{page,layout}.tsx").test("app/(pos)/sale/page.tsx")).toBe(true);
    expect(globToRegExp("app/**/{page,layout}.tsx").test("app/(pos)/sale/error.tsx")).toBe(false);
    expect(globToRegExp("lib/*.ts").test("lib/db/index.ts")).toBe(false);
  });

  it("resolves the @/ alias, relative paths and folder indexes, and leaves packages alone", () => {
    expect(resolveImport("@/lib/secret", at("components/a.tsx"), root)).toBe(at("lib/secret.ts"));
    expect(resolveImport("./button", at("components/index.ts"), root)).toBe(at("components/button.tsx"));
    expect(resolveImport("@/components", at("lib/a.ts"), root)).toBe(at("components/index.ts"));
    expect(resolveImport("@/lib/secret.js", at("lib/a.ts"), root)).toBe(at("lib/secret.ts"));
    expect(resolveImport("zod", at("lib/a.ts"), root)).toBeNull();
    expect(resolveImport("@/lib/missing", at("lib/a.ts"), root)).toBeNull();
  });
});
