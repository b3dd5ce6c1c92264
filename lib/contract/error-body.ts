/**
 * The body of every refusal our API sends, `{ error: { code, reason, params, message } }`: what
 * each part means is lib/contract/errors.ts (docs/architecture.md §7.4). The server builds it
 * (lib/http/with-staff.ts); the browser reads it with `apiErrorBody`, and a body that does not
 * parse (a proxy's error page) is read as what its HTTP status means (lib/client/http.ts).
 */
import * as z from "zod/mini";

/** Facts a reason's sentence may name: plain strings and numbers, nothing secret. */
const errorParams = z.record(z.string(), z.union([z.string(), z.number()]));

const apiErrorDetail = z.object({
  code: z.string(),
  message: z.string(),
  // Missing in an answer from a server older than them, or from something in front of it; one
  // this build cannot read is left out (the screen then says what `code` means).
  reason: z.catch(z.optional(z.string()), undefined),
  params: z.catch(z.optional(errorParams), undefined),
});

export const apiErrorBody = z.object({ error: apiErrorDetail });

export type ErrorParams = z.infer<typeof errorParams>;
export type ApiErrorDetail = z.infer<typeof apiErrorDetail>;
export type ApiErrorBody = z.infer<typeof apiErrorBody>;
