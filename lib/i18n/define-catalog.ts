/**
 * One part of a namespace of cashier-facing text: English is the source; Traditional Chinese must
 * have exactly the same keys (the type checker enforces it). `{name}` placeholders are filled by
 * `t()`. A namespace may be split into parts by where its text is shown (sale.ts: the keypad;
 * sale-steps.ts: the scan and status steps), so a page's first load carries only the text it
 * shows (docs/first-load.md).
 *
 * Defining a part registers it (messages.ts): its text is available to `t()` once its module has
 * run. So a module that names a key imports the part that defines it, even when it only passes
 * the key on (`import "@/lib/i18n/catalog/sale";`); tests/unit/i18n/catalog-imports.test.ts
 * checks that for every module of the app.
 */
import { registerCatalog } from "./messages";

export type NamespaceCatalog<N extends string, K extends string> = {
  namespace: N;
  en: Record<K, string>;
  "zh-HK": Record<K, string>;
};

export function defineCatalog<const N extends string, const E extends Record<string, string>>(
  namespace: N,
  en: E,
  zhHK: Record<keyof E & string, string>,
): NamespaceCatalog<N, keyof E & string> {
  const catalog = { namespace, en, "zh-HK": zhHK };
  registerCatalog(catalog);
  return catalog;
}
