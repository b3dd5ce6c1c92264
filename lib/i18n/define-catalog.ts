/**
 * One namespace of cashier-facing text: English is the source; Traditional Chinese must have
 * exactly the same keys (the type checker enforces it). `{name}` placeholders are filled by `t()`.
 */
export type NamespaceCatalog<K extends string> = { en: Record<K, string>; "zh-HK": Record<K, string> };

export function defineCatalog<const E extends Record<string, string>>(
  en: E,
  zhHK: Record<keyof E & string, string>,
): NamespaceCatalog<keyof E & string> {
  return { en, "zh-HK": zhHK };
}
