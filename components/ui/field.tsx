import { useId, type ComponentPropsWithRef, type ReactNode } from "react";

export const FIELD_CLASS =
  "min-h-touch w-full rounded-xl border-2 border-slate-300 bg-white px-3 text-lg text-ink focus-visible:border-brand focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:bg-slate-100 aria-invalid:border-failed";

type FieldProps = ComponentPropsWithRef<"input"> & { label: ReactNode; hint?: ReactNode };

/** A labelled text input with an optional hint under it, big enough to tap at a counter. */
export function Field({ label, hint, className = "", ...input }: FieldProps) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={`${FIELD_CLASS} ${className}`}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
    </div>
  );
}
