/**
 * The browser's API clients (lib/client/, issue 11) against scripted answers: every answer read
 * with the contract's schema, a body that does not parse is "no answer" (never a refusal), a 401 is
 * reported and never navigated on; what a session that ended means is decided in one place
 * (lib/client/session-end.ts), which the query layer uses.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, SignedOutError } from "@/lib/client/api-error";
import {
  fetchPayment,
  fetchPayments,
  lookupPayment,
  postAttentionAction,
  postPayment,
} from "@/lib/client/payments-api";
import { sessionEnded, whileTillMounted } from "@/lib/client/session-end";
import { patchStaff } from "@/lib/client/staff-api";
import { fetchTillSession, fetchTillStaff } from "@/lib/client/till-api";
import { getQueryClient } from "@/components/providers/query-provider";
import { firstReleasePayment } from "../../support/payment-views";

const paymentBody = (outTradeNo: string, status = "paid") => firstReleasePayment({ outTradeNo, status });
const input = { outTradeNo: "ST2026112600000000AAAAAAAAAA", amount: 1250, currency: "HKD", authCode: "134857901234" };

type Scripted = { status: number; body: unknown } | Error;
let answers: Scripted[] = [];
let requests: Array<{ url: string; init: RequestInit | undefined }> = [];
let location: { pathname: string; search: string; assign: ReturnType<typeof vi.fn>; replace: ReturnType<typeof vi.fn> };

function answer(status: number, body: unknown): void {
  answers.push({ status, body });
}

beforeEach(() => {
  answers = [];
  requests = [];
  location = { pathname: "/payments", search: "?tab=1", assign: vi.fn(), replace: vi.fn() };
  vi.stubGlobal("window", { location });
  vi.stubGlobal("fetch", (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error("no scripted answer");
    if (next instanceof Error) return Promise.reject(next);
    const text = typeof next.body === "string" ? next.body : JSON.stringify(next.body);
    return Promise.resolve(new Response(text, { status: next.status }));
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("taking a payment", () => {
  it("an answer it cannot read is no answer (resend the same outTradeNo), never a refusal", async () => {
    answer(201, { outTradeNo: input.outTradeNo, status: "paid" });
    expect(await postPayment(input)).toEqual({ kind: "unreachable", reason: "bad_body" });
    answer(200, "<html>ok</html>");
    expect(await postPayment(input)).toEqual({ kind: "unreachable", reason: "bad_body" });
  });

  it("an older server's payment is accepted with the defaults of what it left out", async () => {
    answer(201, paymentBody(input.outTradeNo));
    const result = await postPayment(input);
    expect(result).toMatchObject({ kind: "accepted", replay: false, payment: { refunds: [], checking: false } });
    expect(JSON.parse(String(requests[0]!.init?.body))).toEqual(input);
  });

  it("tells refused, conflict, transient and no answer apart", async () => {
    answer(409, { error: { code: "conflict", reason: "code_already_used", message: "used" } });
    expect(await postPayment(input)).toEqual({
      kind: "conflict",
      error: { code: "conflict", reason: "code_already_used", message: "used" },
    });
    answer(400, { error: { code: "invalid_request", message: "amount: no" } });
    expect(await postPayment(input)).toMatchObject({
      kind: "rejected",
      status: 400,
      error: { code: "invalid_request" },
    });
    answer(502, "<html>Bad Gateway</html>");
    expect(await postPayment(input)).toEqual({ kind: "unreachable", reason: "http_502" });
    answers.push(new TypeError("Failed to fetch"));
    expect(await postPayment(input)).toEqual({ kind: "unreachable", reason: "TypeError" });
  });

  it("a 401 is reported, and nothing navigates", async () => {
    answer(401, { error: { code: "unauthorized", message: "sign in first" } });
    expect(await postPayment(input)).toEqual({ kind: "signedOut" });
    expect(location.assign).not.toHaveBeenCalled();
  });
});

describe("reading payments", () => {
  it("a server that ignores status cannot put other payments in the list; a payment it cannot read is left out", async () => {
    answer(200, { payments: [paymentBody("PAID00000001"), paymentBody("FAIL00000001", "failed"), { outTradeNo: 1 }] });
    const list = await fetchPayments({ limit: 50, status: "paid", attention: false });
    expect(list.map((p) => p.outTradeNo)).toEqual(["PAID00000001"]);
    expect(requests[0]!.url).toBe("/api/payments?limit=50&status=paid");
  });

  it("throws ApiError: the API's code for a refusal, status 0 for a body it cannot read", async () => {
    answer(404, { error: { code: "not_found", message: "no payment" } });
    await expect(fetchPayment("NOPE00000001")).rejects.toMatchObject({ status: 404, code: "not_found" });
    answer(200, { payments: "none" });
    await expect(fetchPayments({ limit: 50, attention: true })).rejects.toMatchObject({ status: 0, code: "bad_body" });
  });

  it("a 401 throws SignedOutError and does not navigate", async () => {
    answer(401, { error: { code: "unauthorized", message: "sign in first" } });
    const error: unknown = await fetchPayment("PAID00000001").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignedOutError);
    expect(error).toBeInstanceOf(ApiError);
    expect(location.assign).not.toHaveBeenCalled();
  });

  it("the outbox's look-up: only our own 404 means no such payment", async () => {
    answer(404, { error: { code: "not_found", message: "no payment" } });
    expect(await lookupPayment("NOPE00000001")).toEqual({ kind: "notFound" });
    answer(404, "<html>Not Found</html>");
    expect(await lookupPayment("NOPE00000001")).toEqual({ kind: "unreachable", reason: "http_404" });
    answer(200, { outTradeNo: "NOPE00000001" });
    expect(await lookupPayment("NOPE00000001")).toEqual({ kind: "unreachable", reason: "bad_body" });
  });

  it("a manager's decision whose payment it cannot read is no answer (sending it again is safe)", async () => {
    answer(201, { created: true, payment: { outTradeNo: "X" }, refund: null });
    expect(await postAttentionAction("PAID00000001", "keep")).toEqual({ kind: "unreachable", reason: "bad_body" });
  });
});

describe("the till and staff", () => {
  it("who may switch in: a person it cannot read is left out; no list is null", async () => {
    answer(200, {
      staff: [
        { username: "mia", role: "manager", hasPin: true },
        { username: "x", role: "boss" },
      ],
    });
    expect(await fetchTillStaff()).toEqual([{ username: "mia", role: "manager", hasPin: true }]);
    answer(200, { staff: "nobody" });
    expect(await fetchTillStaff()).toBeNull();
    answer(401, { error: { code: "unauthorized", message: "sign in first" } });
    expect(await fetchTillStaff()).toBeNull();
  });

  it("the session check reports signed out, and an answer it cannot read as no answer", async () => {
    answer(401, { error: { code: "unauthorized", message: "sign in first" } });
    expect(await fetchTillSession()).toEqual({ kind: "signedOut" });
    answer(200, { staff: { id: "1", username: "mia", role: "manager" }, lockAfterMs: 60_000 });
    expect(await fetchTillSession()).toEqual({ kind: "unreachable" });
    expect(location.assign).not.toHaveBeenCalled();
  });

  it("a refused staff change carries staff administration's own code", async () => {
    answer(409, { error: { code: "last_owner", message: "this is the last active owner" } });
    await expect(patchStaff("olive", { role: "manager" })).rejects.toMatchObject({ status: 409, code: "last_owner" });
    expect(requests[0]!.init?.method).toBe("PATCH");
  });
});

describe("a session that ended", () => {
  it("a screen's request goes to sign-in and comes back to this page", () => {
    sessionEnded("request");
    expect(location.assign).toHaveBeenCalledWith(`/login?callbackUrl=${encodeURIComponent("/payments?tab=1")}`);
  });

  it("the till's own checks lock the till while it is mounted, and go to sign-in when it is not", () => {
    const lock = vi.fn();
    const unmount = whileTillMounted(lock);
    sessionEnded("till");
    expect(lock).toHaveBeenCalledOnce();
    expect(location.assign).not.toHaveBeenCalled();
    unmount();
    sessionEnded("till");
    expect(lock).toHaveBeenCalledOnce();
    expect(location.assign).toHaveBeenCalledOnce();
  });

  it("the service worker's copy of /sale is replaced by the sign-in page", () => {
    sessionEnded("offlineCopy");
    expect(location.replace).toHaveBeenCalledWith(`/login?callbackUrl=${encodeURIComponent("/sale")}`);
    expect(location.assign).not.toHaveBeenCalled();
  });

  it("the query layer sends a signed-out read to sign-in at once, without retrying; other errors stay on the page", async () => {
    const client = getQueryClient();
    const signedOut = vi.fn(() => Promise.reject(new SignedOutError("unauthorized", "sign in first")));
    await expect(client.fetchQuery({ queryKey: ["test", "signed-out"], queryFn: signedOut })).rejects.toBeInstanceOf(
      SignedOutError,
    );
    expect(signedOut).toHaveBeenCalledOnce();
    expect(location.assign).toHaveBeenCalledOnce();

    const refused = vi.fn(() => Promise.reject(new ApiError(403, "forbidden", "no")));
    await expect(
      client.fetchQuery({ queryKey: ["test", "refused"], queryFn: refused, retry: false }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(location.assign).toHaveBeenCalledOnce();
  });
});
