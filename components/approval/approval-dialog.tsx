import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Approval } from "@/lib/contract/approval";
import { PIN_MAX_LENGTH } from "@/lib/contract/pin";
import { pinDigits, readApprovalForm, type ApprovalMode } from "./approval";
import { useApprovers } from "./use-approvers";
import "@/lib/i18n/catalog/approval";

type Props = {
  /** What is being approved, in words ("Refund HK$12.50 of …"). */
  summary: string;
  /** The request carrying the approval is on its way: nothing can be changed or cancelled until it answers. */
  busy: boolean;
  /** The server refused the last approval (wrong, throttled, or that person may not approve): nothing was done. */
  refused: boolean;
  /** Sends the action with this approval. Called once per tap of Approve: never retried by itself. */
  onApprove: (approval: Approval) => void;
  /** The cashier gave up: nothing is sent. */
  onCancel: () => void;
  testId?: string;
};

const FIELD_CLASS =
  "min-h-touch w-full rounded-xl border-2 border-slate-300 bg-white px-4 text-xl focus-visible:border-brand focus-visible:outline-3 focus-visible:outline-brand aria-invalid:border-failed disabled:opacity-60";

/**
 * "A manager must approve this" (issue 9): a manager types their username and PIN (or password)
 * on the cashier's till, and the action is sent once with that approval.
 *
 * Rendered while the approval is wanted and while its request runs; the caller unmounts it when
 * the action got any answer but a refusal of the approval. A modal <dialog>: the page behind is
 * inert, focus moves in when it opens and back to what had it when it closes.
 *
 * The PIN/password lives only in this component's state until Approve, is handed to `onApprove`
 * for that one request and cleared at once: never stored, never logged, never sent again by itself
 * (a refusal waits for the manager to type it again, so the server's throttle is never run into).
 */
export function ApprovalDialog({ summary, busy, refused, onApprove, onCancel, testId = "approval-dialog" }: Props) {
  const t = useT();
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState("");
  const [mode, setMode] = useState<ApprovalMode>("pin");
  const [secret, setSecret] = useState("");
  const [problem, setProblem] = useState<{ key: MessageKey; field: "username" | "secret" } | null>(null);
  /** How the refused approval was given: the refusal names a PIN or a password. */
  const [sentMode, setSentMode] = useState<ApprovalMode>("pin");
  const approvers = useApprovers(true);
  // For the dialog's own events (Escape, the browser closing it), which outlive a render.
  const busyRef = useRef(busy);
  const onCancelRef = useRef(onCancel);
  useEffect(() => {
    busyRef.current = busy;
    onCancelRef.current = onCancel;
  });

  // Open as a modal on mount; on unmount close it and give focus back to what had it before.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    (usernameRef.current?.value ? secretRef.current : usernameRef.current)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // A refusal: the secret field (already empty) gets focus, for the manager to type it again.
  useEffect(() => {
    if (refused && !busy) secretRef.current?.focus();
  }, [refused, busy]);

  const switchMode = () => {
    setMode((m) => (m === "pin" ? "password" : "pin"));
    setSecret("");
    setProblem(null);
    // The new field is rendered on the next paint.
    requestAnimationFrame(() => secretRef.current?.focus());
  };

  const pickApprover = (name: string) => {
    setUsername(name);
    setMode("pin");
    setProblem(null);
    requestAnimationFrame(() => secretRef.current?.focus());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const read = readApprovalForm({ username, mode, secret });
    if ("problem" in read) {
      setProblem({ key: read.problem, field: read.field });
      (read.field === "username" ? usernameRef : secretRef).current?.focus();
      return;
    }
    setProblem(null);
    setSentMode(mode);
    setSecret("");
    onApprove(read);
  };

  const message = problem
    ? t(problem.key)
    : refused && !busy
      ? t(sentMode === "pin" ? "approval.refusedPin" : "approval.refusedPassword")
      : "";
  const secretLabel = mode === "pin" ? t("approval.pinLabel") : t("approval.passwordLabel");

  return (
    <dialog
      ref={dialogRef}
      data-testid={testId}
      data-busy={busy}
      data-refused={refused && !busy}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-summary`}
      // Escape asks to cancel; while the request runs there is nothing to cancel.
      onCancel={(event) => {
        event.preventDefault();
        if (!busyRef.current) onCancelRef.current();
      }}
      // The browser may close a modal by itself (its close watcher): keep it shown while busy, else treat it as Cancel.
      onClose={() => {
        const dialog = dialogRef.current;
        if (!dialog?.isConnected) return;
        if (busyRef.current) dialog.showModal();
        else onCancelRef.current();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-md overflow-y-auto rounded-3xl bg-white p-0 text-ink shadow-xl backdrop:bg-black/50"
    >
      <form noValidate autoComplete="off" onSubmit={submit} className="space-y-3 p-5 sm:space-y-4">
        <div className="space-y-1">
          <h2 id={`${ids}-title`} className="text-xl font-bold sm:text-2xl">
            {t("approval.title")}
          </h2>
          <p id={`${ids}-summary`} data-testid="approval-summary" className="font-semibold sm:text-lg">
            {summary}
          </p>
          <p className="text-sm text-ink-muted">{t(mode === "pin" ? "approval.introPin" : "approval.introPassword")}</p>
        </div>

        {approvers.length > 0 && (
          <div role="group" aria-label={t("approval.approversLabel")} className="space-y-1">
            <p className="text-sm font-semibold text-ink-muted" aria-hidden="true">
              {t("approval.approversLabel")}
            </p>
            <div className="flex flex-wrap gap-2">
              {approvers.map((name) => (
                <Button
                  key={name}
                  data-testid="approval-approver"
                  data-username={name}
                  variant="secondary"
                  size="md"
                  aria-pressed={username.trim().toLowerCase() === name}
                  disabled={busy}
                  onClick={() => pickApprover(name)}
                  className="aria-pressed:border-brand aria-pressed:bg-brand-light"
                >
                  {name}
                </Button>
              ))}
            </div>
          </div>
        )}

        <div className="space-y-1">
          <label htmlFor={`${ids}-username`} className="block font-semibold">
            {t("approval.usernameLabel")}
          </label>
          <input
            ref={usernameRef}
            id={`${ids}-username`}
            data-testid="approval-username"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="next"
            maxLength={64}
            disabled={busy}
            value={username}
            onChange={(event) => {
              setUsername(event.target.value);
              setProblem(null);
            }}
            aria-invalid={problem?.field === "username" || undefined}
            aria-describedby={`${ids}-message`}
            className={FIELD_CLASS}
          />
        </div>

        <div className="space-y-1">
          <label htmlFor={`${ids}-secret`} className="block font-semibold">
            {secretLabel}
          </label>
          {mode === "pin" ? (
            <input
              key="pin"
              ref={secretRef}
              id={`${ids}-secret`}
              data-testid="approval-pin"
              type="password"
              inputMode="numeric"
              pattern="[0-9]*"
              autoComplete="off"
              enterKeyHint="done"
              maxLength={PIN_MAX_LENGTH}
              disabled={busy}
              value={secret}
              onChange={(event) => {
                setSecret(pinDigits(event.target.value));
                setProblem(null);
              }}
              aria-invalid={problem?.field === "secret" || undefined}
              aria-describedby={`${ids}-pin-hint ${ids}-message`}
              className={`${FIELD_CLASS} text-center font-mono text-3xl tracking-[0.5em]`}
            />
          ) : (
            <input
              key="password"
              ref={secretRef}
              id={`${ids}-secret`}
              data-testid="approval-password"
              type="password"
              autoComplete="off"
              enterKeyHint="done"
              maxLength={256}
              disabled={busy}
              value={secret}
              onChange={(event) => {
                setSecret(event.target.value);
                setProblem(null);
              }}
              aria-invalid={problem?.field === "secret" || undefined}
              aria-describedby={`${ids}-message`}
              className={FIELD_CLASS}
            />
          )}
          {mode === "pin" && (
            <p id={`${ids}-pin-hint`} className="text-sm text-ink-muted">
              {t("approval.pinHint")}
            </p>
          )}
          <Button
            data-testid="approval-mode-toggle"
            variant="ghost"
            size="md"
            className="-ml-2"
            disabled={busy}
            onClick={switchMode}
          >
            {mode === "pin" ? t("approval.usePassword") : t("approval.usePin")}
          </Button>
        </div>

        <div id={`${ids}-message`} role="alert" aria-live="assertive" className="min-h-6 space-y-1">
          {message && (
            <p data-testid={problem ? "approval-problem" : "approval-refused"} className="font-semibold text-failed">
              {message}
            </p>
          )}
          {!problem && refused && !busy && <p className="text-sm text-ink-muted">{t("approval.refusedHint")}</p>}
        </div>

        {/* Kept in view at the bottom of a phone's screen when the dialog scrolls. */}
        <div className="sticky bottom-0 -mx-5 -mb-5 grid gap-3 bg-white px-5 pt-2 pb-5 sm:grid-cols-2">
          <Button type="submit" data-testid="approval-approve" size="lg" disabled={busy}>
            {busy ? (
              <>
                <Spinner className="size-5" /> {t("approval.checking")}
              </>
            ) : (
              t("approval.approve")
            )}
          </Button>
          <Button data-testid="approval-cancel" variant="secondary" size="lg" disabled={busy} onClick={onCancel}>
            {t("approval.cancel")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
