/**
 * ESLint (issue 11): Next's core-web-vitals and TypeScript presets, typescript-eslint's type-aware
 * rules that catch real bugs (promises, needless assertions), and the server/browser import boundary.
 * `npm run lint` runs it with --max-warnings 0, so a warning fails CI like an error.
 */
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";
import { boundaryPlugin } from "./tools/eslint/import-boundary";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Type-aware rules on the code that ships and the scripts that run it. Tests and benchmarks get the
    // rules without type information: type-aware linting of all of them took `npm run lint` past 40 s
    // on the 2-core machine (docs/toolchain.md §8).
    name: "scantill/typescript",
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["tests/**", "bench/**"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      // Inline `type` specifiers keep a side-effect import under verbatimModuleSyntax; the boundary rule follows it.
      "@typescript-eslint/no-import-type-side-effects": "error",
      // An async function without await is how this code base satisfies Promise-returning interfaces
      // (stores, transports); the rule would only add noise.
      "@typescript-eslint/require-await": "off",
      // Hooks and contexts here return objects of arrow functions typed with method signatures
      // (`{ lock(): void }`); destructuring them is safe, and the rule cannot tell them from class methods.
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    name: "scantill/typescript-untyped",
    files: ["tests/**/*.{ts,tsx}", "bench/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      "@typescript-eslint/no-import-type-side-effects": "error",
    },
  },
  {
    name: "scantill/boundary",
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { boundary: boundaryPlugin },
    rules: {
      "boundary/import-boundary": [
        "error",
        {
          clientRoots: ["components/**", "lib/client/**", "lib/scan/**", "lib/offline/**"],
          serverRoots: [
            "app/**/route.ts",
            "app/**/{page,layout,template,default,not-found,loading}.tsx",
            "lib/db/**",
            "lib/payments/**",
            "instrumentation.ts",
            "proxy.ts",
          ],
        },
      ],
    },
  },
  {
    // Render tests are .ts files calling createElement; React's types make `children` a required
    // prop of providers, so it is passed as one there.
    name: "scantill/render-tests",
    files: ["tests/**/*.ts"],
    rules: { "react/no-children-prop": "off" },
  },
  {
    name: "scantill/warnings-are-errors",
    rules: { "react-hooks/exhaustive-deps": "error" },
  },
  globalIgnores([
    ".next/**",
    "next-env.d.ts",
    "public/**",
    "data/**",
    "tests/.artifacts/**",
    "test-results/**",
    "playwright-report/**",
    "bench/.out/**",
  ]),
]);
