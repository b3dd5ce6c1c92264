/**
 * How the contract reads what a server of another build may send (docs/architecture.md §7.5): a
 * field added after the first release falls back to what an older server meant by leaving it out,
 * and one bad item of a list is dropped instead of the whole answer. Pure zod/mini: the browser
 * parses with it.
 */
import * as z from "zod/mini";

/** Text that may be missing, null or empty: null then. */
export const textOrNull = z.catch(
  z.pipe(
    z.nullable(z.string()),
    z.transform((text) => (text === "" ? null : text)),
  ),
  null,
);

/** An array, of which only the items that parse are kept, in order. */
export function validItems<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.array(z.unknown()),
    z.transform((items) =>
      items.flatMap((value) => {
        const parsed = z.safeParse(item, value);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  );
}
