import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { readBodyCapped } from "./read-body";

const MAX_BODY_BYTES = 16 * 1024;

/** Reads a small JSON object body; malformed, oversized or non-object bodies are 4xx, never 500. */
export async function readJsonBody(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("wrong_media_type", "send the body as application/json");
  const text = (await readBodyCapped(req, MAX_BODY_BYTES)).toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "the body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new AppError("invalid_json", "the body must be a JSON object");
  return body;
}

/** As readJsonBody, for routes whose body is optional: no body at all reads as `{}`. */
export async function readOptionalJsonBody(req: NextRequest): Promise<unknown> {
  const declared = req.headers.get("content-length");
  if (!req.body || declared === "0") return {};
  if (!req.headers.get("content-type")) {
    // A bodiless POST from an older till sends no content type; anything with bytes must be JSON.
    const bytes = await readBodyCapped(req, MAX_BODY_BYTES);
    if (bytes.length === 0) return {};
    throw new AppError("wrong_media_type", "send the body as application/json");
  }
  return readJsonBody(req);
}
