import type { ComponentPropsWithRef } from "react";

type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
type ButtonSize = "md" | "lg" | "xl";

const VARIANT: Record<ButtonVariant, string> = {
  primary: "bg-brand text-white hover:bg-brand-dark disabled:bg-slate-300 disabled:text-slate-600",
  secondary: "border-2 border-slate-300 bg-white text-ink hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-failed text-white hover:brightness-95 disabled:bg-slate-300 disabled:text-slate-600",
  ghost: "text-ink hover:bg-slate-200 disabled:text-slate-400",
};

const SIZE: Record<ButtonSize, string> = {
  md: "min-h-touch px-4 text-base",
  lg: "min-h-touch px-6 text-lg",
  xl: "min-h-18 px-6 text-2xl",
};

export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "lg", extra = ""): string {
  return [
    "inline-flex items-center justify-center gap-2 rounded-xl font-semibold select-none transition-colors",
    "focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:cursor-not-allowed",
    VARIANT[variant],
    SIZE[size],
    extra,
  ].join(" ");
}

type ButtonProps = ComponentPropsWithRef<"button"> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant, size, className = "", type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...props} />;
}
