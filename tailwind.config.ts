/**
 * Design tokens. Tailwind 4 does not load this file on its own: `app/globals.css` pulls it in
 * with `@config`, so the tokens live in one typed place.
 */
import type { Config } from "tailwindcss";

export default {
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#0f766e", dark: "#115e59", light: "#ccfbf1" },
        paid: { DEFAULT: "#15803d", light: "#dcfce7" },
        pending: { DEFAULT: "#b45309", light: "#fef3c7" },
        failed: { DEFAULT: "#b91c1c", light: "#fee2e2" },
        ink: { DEFAULT: "#0f172a", muted: "#475569" },
      },
      fontFamily: {
        // System fonts only: the build must not download anything (no hosted web fonts).
        sans: [
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "Roboto",
          "Noto Sans",
          "Noto Sans CJK TC",
          "PingFang HK",
          "Microsoft JhengHei",
          "sans-serif",
        ],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
      minHeight: { touch: "3.5rem" },
      minWidth: { touch: "3.5rem" },
    },
  },
} satisfies Config;
