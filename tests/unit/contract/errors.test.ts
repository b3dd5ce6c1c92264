import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_REASONS, ERROR_STATUS, isErrorReason } from "@/lib/contract/errors";
import { AppError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/with-staff";
import { errors } from "@/lib/i18n/catalog/errors";

const camel = (reason: string) => reason.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe("the error contract (lib/contract/errors.ts)", () => {
  it("gives every reason a kind with an HTTP status, and words in both languages", () => {
    for (const [reason, code] of Object.entries(ERROR_REASONS)) {
      expect(ERROR_STATUS[code], reason).toBeGreaterThanOrEqual(400);
      const key = camel(reason) as keyof typeof errors.en;
      expect(errors.en[key], `errors.${key} (en)`).toBeTruthy();
      expect(errors["zh-HK"][key], `errors.${key} (zh-HK)`).toBeTruthy();
    }
    expect(isErrorReason("code_already_used")).toBe(true);
    expect(isErrorReason("toString")).toBe(false);
    expect(isErrorReason(undefined)).toBe(false);
  });

  it("answers an AppError with its kind, reason, facts and English message", async () => {
    const response = toErrorResponse(
      new AppError("code_already_used", "this payment code was already used", { outTradeNo: "ST1" }),
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        code: "conflict",
        reason: "code_already_used",
        params: { outTradeNo: "ST1" },
        message: "this payment code was already used",
      },
    });
  });

  it("names the field of a request zod refused, and nothing of zod's own words in the params", async () => {
    const parsed = z.object({ amount: z.number() }).safeParse({ amount: "12" });
    const response = toErrorResponse(parsed.error);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: "invalid_request", reason: "invalid_field", params: { field: "amount" } });
  });

  it("answers anything unexpected as internal, with no details", async () => {
    const response = toErrorResponse(new Error("secret detail"));
    expect(response.status).toBe(500);
    const body = JSON.stringify(await response.json());
    expect(body).toContain('"reason":"internal"');
    expect(body).not.toContain("secret detail");
  });
});
