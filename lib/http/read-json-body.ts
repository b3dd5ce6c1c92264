import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { readBodyCapped } from "./read-body";

const MAX_BODY_BYTES = 16 * 1024;

/** Reads a small JSON object body; malformed, oversized or non-object bodies are 4xx, never 500. */
export async function readJsonBody(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("unsupported_media_type", "send the body as application/json");
  const text = (await readBodyCapped(req, MAX_BODY_BYTES)).toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "the body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("invalid_json", "the body must be a JSON object");
  return body;
}
