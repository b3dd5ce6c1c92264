/**
 * Who scanned a queued payment (issue 9, shared tablet attribution). While someone is signed in,
 * the till holds a proof naming their server-side session; each outbox item keeps the proof of the
 * person who scanned it. When the item is sent later under another person's session, the server
 * checks the proof (HMAC with the session secret, same device, session ended at most a short grace
 * ago, person not disabled or revoked) and records both: scanned by one, sent by the other.
 */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

const mac = (sessionId: string) =>
  createHmac("sha256", `scan-proof:${env.NEXTAUTH_SECRET ?? ""}`)
    .update(sessionId)
    .digest("base64url");

export function scanProofFor(sessionId: string): string {
  return `${sessionId}.${mac(sessionId)}`;
}

/** The session id a proof names, or null when it was not made by this server. */
export function sessionIdFromProof(proof: string): string | null {
  if (proof.length > 200) return null;
  const dot = proof.lastIndexOf(".");
  if (dot <= 0) return null;
  const sessionId = proof.slice(0, dot);
  const given = Buffer.from(proof.slice(dot + 1));
  const expected = Buffer.from(mac(sessionId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : null;
}
