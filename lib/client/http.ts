/**
 * The browser's one way to call our API (issue 11): JSON in and out, never cached, every answer
 * read with the contract's schema (lib/contract/), and never a navigation: a 401 is reported
 * (`signedOut`, SignedOutError) and lib/client/session-end.ts decides what it means.
 *
 * `send` says what happened, for calls that must tell a refusal from no answer (payments-api.ts);
 * `requestJson` throws ApiError, for the screens' reads and changes that TanStack Query runs.
 */
import * as z from "zod/mini";
import { apiErrorBody, type ApiErrorDetail } from "@/lib/contract/error-body";
import { ApiError, SignedOutError } from "./api-error";

type Method = "GET" | "POST" | "PATCH";
type SendOptions = { body?: unknown; signal?: AbortSignal };

/** An answer (its body read as JSON, or null), or no answer at all (`unreachable`: the error's name). */
type Sent = { status: number; body: unknown } | { unreachable: string };

export async function send(method: Method, path: string, { body, signal }: SendOptions = {}): Promise<Sent> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { Accept: "application/json" }
          : { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      signal,
    });
  } catch (error) {
    return { unreachable: error instanceof Error ? error.name : "fetch_failed" };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  return { status: response.status, body: json };
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Statuses after which a resend of the same request may get a different answer. */
export function isTransient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** The refusal our API sent, or (a proxy's page, an older server's body) what its status means. */
export function errorDetail(body: unknown, status: number): ApiErrorDetail {
  const parsed = apiErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error : { code: `http_${status}`, message: `HTTP ${status}` };
}

/** The answer as `schema` reads it; throws ApiError (SignedOutError for a 401) when there is none. */
export async function requestJson<T extends z.ZodMiniType>(
  schema: T,
  method: Method,
  path: string,
  options: SendOptions = {},
): Promise<z.output<T>> {
  const sent = await send(method, path, options);
  if ("unreachable" in sent) throw new ApiError(0, "network", `no answer from the server (${sent.unreachable})`);
  if (!isSuccess(sent.status)) {
    const detail = errorDetail(sent.body, sent.status);
    if (sent.status === 401) throw new SignedOutError(detail.code, detail.message);
    throw new ApiError(sent.status, detail.code, detail.message);
  }
  const parsed = z.safeParse(schema, sent.body);
  if (!parsed.success) throw new ApiError(0, "bad_body", "unexpected answer from the server");
  return parsed.data;
}
