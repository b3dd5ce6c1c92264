/** The staff API's bodies (lib/auth/staff-input.ts) and the rules the Staff screen hides actions by (lib/auth/staff-rules.ts). */
import { describe, expect, it } from "vitest";
import { $ZodError } from "zod/v4/core";
import { parseStaffPatch } from "@/lib/auth/staff-input";
import { addStaffBody, ownPinBody } from "@/lib/contract/staff";
import { allowedChanges, changeRefusal, rolesMayAdd } from "@/lib/auth/staff-rules";
import { AppError } from "@/lib/errors";

function badRequest(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (error) {
    return error instanceof $ZodError || (error instanceof AppError && error.code === "invalid_request");
  }
}

describe("staff API bodies", () => {
  it("PATCH takes exactly one change", () => {
    expect(parseStaffPatch({ role: "manager" })).toEqual({ kind: "role", role: "manager" });
    expect(parseStaffPatch({ password: "long-enough" })).toEqual({ kind: "password", password: "long-enough" });
    expect(parseStaffPatch({ pin: "4826" })).toEqual({ kind: "pin", pin: "4826" });
    expect(parseStaffPatch({ clearPin: true })).toEqual({ kind: "clearPin" });
    expect(parseStaffPatch({ disabled: false })).toEqual({ kind: "disabled", disabled: false });
    for (const body of [
      {},
      { role: "manager", disabled: true },
      { role: "admin" },
      { clearPin: false },
      { disabled: "yes" },
      { pin: 4826 },
      { extra: 1 },
    ]) {
      expect(
        badRequest(() => parseStaffPatch(body)),
        JSON.stringify(body),
      ).toBe(true);
    }
  });

  it("POST /api/staff trims and lower-cases the username; an empty PIN is no PIN", () => {
    expect(addStaffBody.parse({ username: " Ana ", password: "temporary-pw", role: "cashier", pin: "" })).toEqual({
      username: "ana",
      password: "temporary-pw",
      role: "cashier",
      pin: null,
    });
    expect(addStaffBody.parse({ username: "ana", password: "temporary-pw", role: "owner" }).pin).toBeUndefined();
    expect(badRequest(() => addStaffBody.parse({ username: "ana", password: "temporary-pw", role: "boss" }))).toBe(
      true,
    );
    expect(
      badRequest(() =>
        addStaffBody.parse({ username: "ana", password: "temporary-pw", role: "cashier", isAdmin: true }),
      ),
    ).toBe(true);
    expect(badRequest(() => ownPinBody.parse({ pin: "4826" }))).toBe(true);
  });
});

describe("what the Staff screen offers", () => {
  const owner = { kind: "staff" as const, id: "o", role: "owner" as const };
  const manager = { kind: "staff" as const, id: "m", role: "manager" as const };
  const cashier = { kind: "staff" as const, id: "c", role: "cashier" as const };

  it("owners everything but on themselves; managers cashiers without roles; cashiers nothing", () => {
    expect([...allowedChanges(owner, { id: "x", role: "owner" })].sort()).toEqual([
      "disable",
      "enable",
      "password",
      "pin",
      "revoke",
      "role",
    ]);
    expect([...allowedChanges(owner, { id: "o", role: "owner" })]).toEqual([]);
    expect([...allowedChanges(manager, { id: "x", role: "cashier" })].sort()).toEqual([
      "disable",
      "enable",
      "password",
      "pin",
      "revoke",
    ]);
    expect([...allowedChanges(manager, { id: "x", role: "manager" })]).toEqual([]);
    expect([...allowedChanges(cashier, { id: "x", role: "cashier" })]).toEqual([]);
    expect(rolesMayAdd("owner")).toEqual(["cashier", "manager", "owner"]);
    expect(rolesMayAdd("manager")).toEqual(["cashier"]);
    expect(rolesMayAdd("cashier")).toEqual([]);
    expect(changeRefusal({ kind: "cli" }, "role", { id: "x", role: "owner" }, "cashier")).toBeNull();
  });
});
