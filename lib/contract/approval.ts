/**
 * A manager's approval on the cashier's till (issue 9), as a request carries it: `{ username, pin }`
 * or `{ username, password }` in the `approval` field of a refund or a cancel. The server checks it
 * (lib/auth/approval.ts); the browser's dialog builds it (components/approval/approval.ts). Never
 * stored, never logged.
 */
import * as z from "zod/mini";
import { PIN_PATTERN } from "./pin";

export const approvalInput = z
  .object({
    username: z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(64)),
    pin: z.optional(z.string().check(z.regex(PIN_PATTERN, "pin must be 4–6 digits"))),
    password: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  })
  .check(z.refine((a) => (a.pin === undefined) !== (a.password === undefined), "approval needs a PIN or a password"));
export type Approval = z.infer<typeof approvalInput>;

/**
 * The approval part of a request body, if any (other fields are the action's own). The whole body
 * of `POST /api/payments/{outTradeNo}/cancel`, which has no other field.
 */
export const withApproval = z.object({ approval: z.optional(approvalInput) });
