/** scripts/serve.ts answers paths Next cannot decode with a 400 (lib/http/malformed-path.ts). */
import { describe, expect, it } from "vitest";
import { hasMalformedPercentEncoding } from "@/lib/http/malformed-path";

describe("malformed percent-encoding in the path", () => {
  it("is found in the path only", () => {
    expect(hasMalformedPercentEncoding("/api/staff/%E0%A4%A")).toBe(true);
    expect(hasMalformedPercentEncoding("/api/staff/%")).toBe(true);
    expect(hasMalformedPercentEncoding("/api/payments/%zz")).toBe(true);
    expect(hasMalformedPercentEncoding("/api/staff/ann%C3%A9")).toBe(false);
    expect(hasMalformedPercentEncoding("/api/staff/owner")).toBe(false);
    expect(hasMalformedPercentEncoding("/api/audit?actor=%E0%A4%A")).toBe(false);
    expect(hasMalformedPercentEncoding(undefined)).toBe(false);
  });
});
