/**
 * Issue 9: a malformed percent-encoding in an API address (`/api/payments/%ZZ`) is the caller's
 * mistake, so the answer is 400 `invalid_request`, never a 500. Next 16 itself fails most such
 * requests while routing, before withStaff runs (see the note in lib/http/with-staff.ts); these
 * are the cases that do reach us.
 */
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

const staff = { id: "1", username: "cashier", role: "cashier" as const };
vi.mock("@/lib/auth/session", () => ({ getStaffUser: vi.fn(async () => staff) }));

const { toErrorResponse, withStaff } = await import("@/lib/http/with-staff");

const get = () => new NextRequest("http://127.0.0.1/api/payments/x");

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

describe("withStaff and malformed percent-encodings", () => {
  it("answers 400 invalid_request when the route parameters cannot be read", async () => {
    const handler = vi.fn(async () => new Response("never"));
    const route = withStaff<{ outTradeNo: string }>(handler);
    const params = Promise.reject(new URIError("URI malformed"));
    params.catch(() => {}); // rejected before withStaff awaits it
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await route(get(), { params });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    expect(await errorOf(res)).toMatchObject({
      status: 400,
      code: "invalid_request",
      message: expect.stringMatching(/percent-encoding/),
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 400 when a handler's own decoding fails", async () => {
    const route = withStaff<{ outTradeNo: string }>(
      async (_req, { params }) => new Response(decodeURIComponent(params.outTradeNo)),
    );
    const res = await route(get(), { params: Promise.resolve({ outTradeNo: "%E0%A4%A" }) });
    expect(await errorOf(res)).toMatchObject({ status: 400, code: "invalid_request" });
  });

  it("maps URIError to 400 and keeps other unexpected errors a 500", async () => {
    expect(await errorOf(toErrorResponse(new URIError("URI malformed")))).toMatchObject({
      status: 400,
      code: "invalid_request",
    });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await errorOf(toErrorResponse(new Error("boom")))).toMatchObject({ status: 500, code: "internal" });
    spy.mockRestore();
  });

  it("passes well-formed, decoded parameters through", async () => {
    const route = withStaff<{ outTradeNo: string }>(async (_req, { params }) => Response.json(params));
    const res = await route(get(), { params: Promise.resolve({ outTradeNo: "ST 1" }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outTradeNo: "ST 1" });
  });
});
