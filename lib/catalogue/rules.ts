/**
 * The catalogue's rules for one item's fields (docs/catalogue.md §1, §2): the barcode in its one
 * stored form, and option groups with an id on every group and choice, so that an order can name
 * the choice it took even after the names change. Pure apart from making ids.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { canonicalBarcode } from "@/lib/contract/barcode";
import type { OptionGroup, OptionGroupInput } from "@/lib/contract/catalogue";
import { AppError } from "@/lib/errors";

/** The stored form of a barcode from a request; null clears it. A bad one is a 400 naming the problem. */
export function storedBarcode(raw: string | null): string | null {
  if (raw === null) return null;
  const result = canonicalBarcode(raw);
  if (!result.ok) {
    throw new AppError("catalogue_bad_barcode", `barcode: ${result.problem.replace(/_/g, " ")}`, {
      problem: result.problem,
    });
  }
  return result.barcode.code;
}

export const newCatalogueId = (): string => randomUUID();

/**
 * The option groups to store: given ids kept (an order may name them), missing ones made. Two
 * groups, or two choices of one group, with the same id are refused: an order could not tell them apart.
 */
export function storedOptions(input: readonly OptionGroupInput[]): OptionGroup[] {
  const groupIds = new Set<string>();
  return input.map((group) => {
    const groupId = group.id ?? newCatalogueId();
    if (groupIds.has(groupId)) throw duplicateId();
    groupIds.add(groupId);
    const choiceIds = new Set<string>();
    return {
      id: groupId,
      name: group.name,
      nameZh: group.nameZh ?? null,
      kind: group.kind,
      choices: group.choices.map((choice) => {
        const choiceId = choice.id ?? newCatalogueId();
        if (choiceIds.has(choiceId)) throw duplicateId();
        choiceIds.add(choiceId);
        return { id: choiceId, name: choice.name, nameZh: choice.nameZh ?? null, priceDelta: choice.priceDelta ?? 0 };
      }),
    };
  });
}

function duplicateId(): AppError {
  return new AppError("invalid_field", "options: two groups or two choices of a group have the same id", {
    field: "options",
  });
}
