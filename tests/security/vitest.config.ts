/**
 * The `security` suite (scripts/test.ts): the authorization table and the short fuzz, each against
 * a ScanTill of its own (server-harness.ts), one file at a time (two servers at once would share
 * two cores and blur the fuzz's memory figures), plus the checks' own tests (checks.spec.ts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: {
    alias: { "@": fileURLToPath(new URL("../..", import.meta.url)) },
  },
  test: {
    include: ["tests/security/**/*.spec.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
