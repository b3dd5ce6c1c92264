import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { ROLE_LABEL } from "@/components/shell/role-label";
import { Button } from "@/components/ui/button";
import { Field, FIELD_CLASS } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Role } from "@/lib/auth/roles";
import { rolesMayAdd } from "@/lib/auth/staff-rules";
import { staffProblem } from "./staff-errors";
import { useStaffCommand } from "./use-staff";
import "@/lib/i18n/catalog/staff";

type Props = { myRole: Role; minPasswordLength: number };

/** Add a person: username, role (only those the signed-in person may give), temporary password, optional PIN. */
export function AddStaffForm({ myRole, minPasswordLength }: Props) {
  const t = useT();
  const hydrated = useHydrated();
  const roles = rolesMayAdd(myRole);
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>(roles[0] ?? "cashier");
  const [password, setPassword] = useState("");
  const [pin, setPin] = useState("");
  const [added, setAdded] = useState<string | null>(null);
  const command = useStaffCommand();

  if (roles.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (command.isPending) return;
    setAdded(null);
    const name = username.trim().toLowerCase();
    command.mutate(
      { kind: "add", input: { username: name, password, role, pin: pin === "" ? null : pin } },
      {
        onSuccess: () => {
          setAdded(name);
          setUsername("");
          setPassword("");
          setPin("");
        },
      },
    );
  };

  if (!open) {
    return (
      <div className="space-y-2">
        <Button
          data-testid="staff-add-open"
          className="w-full sm:w-auto"
          disabled={!hydrated}
          onClick={() => setOpen(true)}
        >
          {t("staff.addOpen")}
        </Button>
        {added && (
          <p role="status" data-testid="staff-add-result" className="font-semibold text-paid">
            {t("staff.added", { username: added })}
          </p>
        )}
      </div>
    );
  }

  const problem = command.isError ? staffProblem(command.error, minPasswordLength) : null;
  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid="staff-add-form"
      aria-labelledby="staff-add-title"
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="staff-add-title" className="text-xl font-bold">
        {t("staff.addTitle")}
      </h2>
      <div className="grid gap-3 md:grid-cols-2">
        <Field
          data-testid="staff-add-username"
          label={t("staff.username")}
          hint={t("staff.usernameHint")}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          maxLength={32}
        />
        <div className="space-y-1">
          <label htmlFor="staff-add-role" className="block font-semibold">
            {t("staff.role")}
          </label>
          <select
            id="staff-add-role"
            data-testid="staff-add-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={FIELD_CLASS}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_LABEL[r])}
              </option>
            ))}
          </select>
        </div>
        <Field
          data-testid="staff-add-password"
          label={t("staff.tempPassword")}
          hint={t("staff.tempPasswordHint", { min: minPasswordLength })}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <Field
          data-testid="staff-add-pin"
          label={t("staff.pinOptional")}
          hint={t("staff.pinHint")}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))}
        />
      </div>
      {problem && (
        <p
          role="alert"
          data-testid="staff-add-error"
          className="rounded-xl bg-failed-light p-3 font-semibold text-failed"
        >
          {t(problem.key, problem.params)}
        </p>
      )}
      {added && (
        <p role="status" data-testid="staff-add-result" className="font-semibold text-paid">
          {t("staff.added", { username: added })}
        </p>
      )}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button
          type="submit"
          data-testid="staff-add-submit"
          disabled={command.isPending || !username.trim() || !password || !hydrated}
        >
          {command.isPending && <Spinner className="size-5" />}
          {command.isPending ? t("staff.adding") : t("staff.addSubmit")}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("staff.closePanel")}
        </Button>
      </div>
    </form>
  );
}
