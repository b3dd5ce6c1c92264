import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { MessageKey } from "@/lib/i18n/messages";
import { postOwnPassword, postOwnPin } from "@/lib/client/staff-api";
import { staffProblem, type Problem } from "./staff-errors";
import "@/lib/i18n/catalog/staff";

type Kind = "pin" | "password";

const TEXT: Record<
  Kind,
  { title: MessageKey; fresh: MessageKey; repeat: MessageKey; mismatch: MessageKey; saved: MessageKey }
> = {
  pin: {
    title: "staff.mePinTitle",
    fresh: "staff.newPin",
    repeat: "staff.repeatPin",
    mismatch: "staff.mismatchPin",
    saved: "staff.mePinSaved",
  },
  password: {
    title: "staff.mePasswordTitle",
    fresh: "staff.newPassword",
    repeat: "staff.repeatPassword",
    mismatch: "staff.mismatchPassword",
    saved: "staff.mePasswordSaved",
  },
};

/**
 * Change one's own PIN or password: the current password, then the new one twice (a typo in a PIN
 * nobody sees would lock the person out of PIN switching).
 */
export function OwnSecretForm({ kind, minPasswordLength }: { kind: Kind; minPasswordLength: number }) {
  const t = useT();
  const hydrated = useHydrated();
  const text = TEXT[kind];
  const [current, setCurrent] = useState("");
  const [fresh, setFresh] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      kind === "pin"
        ? postOwnPin({ currentPassword: current, pin: fresh })
        : postOwnPassword({ currentPassword: current, password: fresh }),
    retry: false,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    if (fresh !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    save.mutate(undefined, {
      onSuccess: () => {
        setSaved(true);
        setCurrent("");
        setFresh("");
        setRepeat("");
      },
    });
  };

  const problem: Problem | null = mismatch
    ? { key: text.mismatch }
    : save.isError
      ? staffProblem(save.error, minPasswordLength)
      : null;
  const digits =
    kind === "pin"
      ? { inputMode: "numeric" as const, maxLength: 6, autoComplete: "off" }
      : { autoComplete: "new-password" };
  const clean = (value: string) => (kind === "pin" ? value.replace(/\D/g, "") : value);
  const id = `me-${kind}`;

  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid={`${id}-form`}
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={`${id}-title`} className="text-xl font-bold">
        {t(text.title)}
      </h2>
      <Field
        data-testid={`${id}-current`}
        label={t("staff.currentPassword")}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <Field
        data-testid={`${id}-new`}
        label={t(text.fresh)}
        hint={kind === "pin" ? t("staff.pinHint") : t("staff.errorPasswordShort", { min: minPasswordLength })}
        type="password"
        {...digits}
        value={fresh}
        onChange={(e) => setFresh(clean(e.target.value))}
      />
      <Field
        data-testid={`${id}-repeat`}
        label={t(text.repeat)}
        type="password"
        {...digits}
        value={repeat}
        onChange={(e) => setRepeat(clean(e.target.value))}
      />
      {problem && (
        <p
          role="alert"
          data-testid={`${id}-error`}
          className="rounded-xl bg-failed-light p-3 font-semibold text-failed"
        >
          {t(problem.key, problem.params)}
        </p>
      )}
      {saved && (
        <p role="status" data-testid={`${id}-result`} className="font-semibold text-paid">
          {t(text.saved)}
        </p>
      )}
      <Button
        type="submit"
        data-testid={`${id}-submit`}
        className="w-full sm:w-auto"
        disabled={save.isPending || !current || !fresh || !repeat || !hydrated}
      >
        {save.isPending && <Spinner className="size-5" />}
        {save.isPending ? t("staff.saving") : t("staff.save")}
      </Button>
    </form>
  );
}
