import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { ROLE_LABEL } from "@/components/shell/role-label";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { StaffChange } from "@/lib/auth/staff-rules";
import type { MessageKey } from "@/lib/i18n/messages";
import type { StaffListItem } from "@/lib/contract/staff";
import { staffProblem } from "./staff-errors";
import { useStaffCommand, type StaffCommand } from "./use-staff";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/staff";

const MAKE_ROLE: Record<Role, MessageKey> = {
  cashier: "staff.makeCashier",
  manager: "staff.makeManager",
  owner: "staff.makeOwner",
};

type Props = { person: StaffListItem; allowed: Set<StaffChange>; minPasswordLength: number };

type Done = { key: MessageKey; params?: Record<string, string> };

/**
 * What the signed-in person may do to one account, and nothing else (lib/auth/staff-rules.ts; the
 * server checks again). Disabling and signing out everywhere ask once more before they happen.
 */
export function StaffPanel({ person, allowed, minPasswordLength }: Props) {
  const t = useT();
  const command = useStaffCommand();
  const [done, setDone] = useState<Done | null>(null);
  const [confirming, setConfirming] = useState<"disable" | "revoke" | null>(null);
  const [password, setPassword] = useState("");
  const [pin, setPin] = useState("");
  const who = { username: person.username };

  const send = (cmd: StaffCommand, success: Done, after?: () => void) => {
    setDone(null);
    setConfirming(null);
    command.mutate(cmd, {
      onSuccess: (result) => {
        setDone(result.changed ? success : { key: "staff.noChange" });
        after?.();
      },
    });
  };
  const patch = (body: Extract<StaffCommand, { kind: "patch" }>["body"], success: Done, after?: () => void) =>
    send({ kind: "patch", username: person.username, body }, success, after);

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    if (password) patch({ password }, { key: "staff.passwordChanged", params: who }, () => setPassword(""));
  };
  const submitPin = (event: FormEvent) => {
    event.preventDefault();
    if (pin) patch({ pin }, { key: "staff.pinChanged", params: who }, () => setPin(""));
  };

  const busy = command.isPending;
  const problem = command.isError ? staffProblem(command.error, minPasswordLength) : null;
  const section = "space-y-2 border-t border-slate-200 pt-3";

  return (
    <div data-testid={`staff-panel-${person.username}`} className="space-y-3" aria-busy={busy}>
      {allowed.has("role") && (
        <div className={section}>
          <h4 className="font-semibold">{t("staff.roleTitle")}</h4>
          <div className="flex flex-wrap gap-2">
            {ROLES.filter((r) => r !== person.role).map((r) => (
              <Button
                key={r}
                variant="secondary"
                size="md"
                data-testid={`staff-make-${r}`}
                disabled={busy}
                onClick={() =>
                  patch({ role: r }, { key: "staff.roleChanged", params: { ...who, role: t(ROLE_LABEL[r]) } })
                }
              >
                {t(MAKE_ROLE[r])}
              </Button>
            ))}
          </div>
        </div>
      )}

      {allowed.has("password") && (
        <form onSubmit={submitPassword} noValidate className={section}>
          <h4 className="font-semibold">{t("staff.passwordTitle")}</h4>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="flex-1">
              <Field
                data-testid="staff-new-password"
                label={t("staff.newPassword")}
                hint={t("staff.tempPasswordHint", { min: minPasswordLength })}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
          </div>
          <Button
            type="submit"
            size="md"
            variant="secondary"
            data-testid="staff-set-password"
            disabled={busy || !password}
          >
            {t("staff.setPassword")}
          </Button>
        </form>
      )}

      {allowed.has("pin") && (
        <form onSubmit={submitPin} noValidate className={section}>
          <h4 className="font-semibold">{t("staff.pinTitle")}</h4>
          <Field
            data-testid="staff-new-pin"
            label={t("staff.newPin")}
            hint={t("staff.pinHint")}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="md" variant="secondary" data-testid="staff-set-pin" disabled={busy || !pin}>
              {t("staff.setPin")}
            </Button>
            {person.hasPin && (
              <Button
                size="md"
                variant="secondary"
                data-testid="staff-clear-pin"
                disabled={busy}
                onClick={() => patch({ clearPin: true }, { key: "staff.pinCleared", params: who })}
              >
                {t("staff.clearPin")}
              </Button>
            )}
          </div>
        </form>
      )}

      {(allowed.has("disable") || allowed.has("enable") || allowed.has("revoke")) && (
        <div className={section}>
          <h4 className="font-semibold">{t("staff.accessTitle")}</h4>
          {confirming ? (
            <div
              role="alertdialog"
              aria-labelledby="staff-confirm-text"
              className="space-y-2 rounded-xl bg-pending-light p-3"
            >
              <p id="staff-confirm-text" className="font-semibold">
                {t(confirming === "disable" ? "staff.disableConfirm" : "staff.revokeConfirm", who)}
              </p>
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="danger"
                  size="md"
                  data-testid="staff-confirm"
                  disabled={busy}
                  onClick={() =>
                    confirming === "disable"
                      ? patch({ disabled: true }, { key: "staff.disabledDone", params: who })
                      : send({ kind: "revoke", username: person.username }, { key: "staff.revokedDone", params: who })
                  }
                >
                  {t("staff.confirmYes")}
                </Button>
                <Button
                  variant="secondary"
                  size="md"
                  data-testid="staff-confirm-cancel"
                  onClick={() => setConfirming(null)}
                >
                  {t("common.cancel")}
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              {person.disabled
                ? allowed.has("enable") && (
                    <Button
                      size="md"
                      variant="secondary"
                      data-testid="staff-enable"
                      disabled={busy}
                      onClick={() => patch({ disabled: false }, { key: "staff.enabledDone", params: who })}
                    >
                      {t("staff.enable")}
                    </Button>
                  )
                : allowed.has("disable") && (
                    <Button
                      size="md"
                      variant="danger"
                      data-testid="staff-disable"
                      disabled={busy}
                      onClick={() => setConfirming("disable")}
                    >
                      {t("staff.disable")}
                    </Button>
                  )}
              {!person.disabled && allowed.has("revoke") && (
                <Button
                  size="md"
                  variant="secondary"
                  data-testid="staff-revoke"
                  disabled={busy}
                  onClick={() => setConfirming("revoke")}
                >
                  {t("staff.revoke")}
                </Button>
              )}
            </div>
          )}
        </div>
      )}

      {problem && (
        <div role="alert" data-testid="staff-error" className="rounded-xl bg-failed-light p-3 text-failed">
          <p className="font-semibold">{t("staff.errorTitle")}</p>
          <p>{t(problem.key, problem.params)}</p>
        </div>
      )}
      {done && (
        <p role="status" data-testid="staff-result" className="font-semibold text-paid">
          {t(done.key, done.params)}
        </p>
      )}
    </div>
  );
}
