/**
 * Manager approval on the cashier's till (issue 9), the browser's side: what the approval dialog
 * sends and how the server's answer is read. Pure (no React, no fetch): unit-tested, and shared by
 * refunds (components/payments) and cancelling someone else's payment (components/sale).
 *
 * What the request's `approval` field carries is the contract's (lib/contract/approval.ts); the
 * server's rules are in lib/auth/approval.ts: a PIN counts only for a manager who has signed in with
 * their password on this device before. Never stored, never logged: see approval-dialog.tsx.
 */
import { PIN_MAX_LENGTH, PIN_PATTERN } from "@/lib/contract/pin";
import type { Approval } from "@/lib/contract/approval";
import type { MessageKey } from "@/lib/i18n/messages";
import "@/lib/i18n/catalog/approval";

export type ApprovalMode = "pin" | "password";

/**
 * How an answer concerns approval. `required`: the signed-in person's role is not enough and no
 * approval was sent (ask for one). `refused`: the PIN/password was wrong, throttled, or that person
 * may not approve (ask again; the server did nothing). Null: any other answer, handled as before.
 */
type ApprovalAnswer = "required" | "refused" | null;

export function approvalAnswer(status: number, code: string): ApprovalAnswer {
  if (status !== 403) return null;
  if (code === "approval_required") return "required";
  if (code === "approval_refused") return "refused";
  return null;
}

type ApprovalForm = { username: string; mode: ApprovalMode; secret: string };

/** The form as an approval to send, or what to fix first (nothing is sent until it is right). */
export function readApprovalForm(form: ApprovalForm): Approval | { problem: MessageKey; field: "username" | "secret" } {
  const username = form.username.trim().toLowerCase();
  if (username === "" || username.length > 64) return { problem: "approval.needUsername", field: "username" };
  if (form.mode === "pin") {
    return PIN_PATTERN.test(form.secret)
      ? { username, pin: form.secret }
      : { problem: "approval.needPin", field: "secret" };
  }
  return form.secret.length > 0 && form.secret.length <= 256
    ? { username, password: form.secret }
    : { problem: "approval.needPassword", field: "secret" };
}

/** Keeps only digits, at most six: what the PIN field accepts as it is typed. */
export function pinDigits(text: string): string {
  return text.replace(/\D/g, "").slice(0, PIN_MAX_LENGTH);
}
