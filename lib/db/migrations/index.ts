/**
 * The one set of migrations, applied at start-up to SQLite and PostgreSQL alike. Append new
 * migrations; never edit one that has shipped.
 */
import type { Migration } from "kysely";
import { initialSchema } from "./0001-initial-schema";
import { closedLoop } from "./0002-closed-loop";
import { moneyTruth } from "./0003-money-truth";
import { staffSecurity } from "./0004-staff-security";
import { catalogue } from "./0005-catalogue";

export type DialectName = "sqlite" | "postgres";

export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    "0001-initial-schema": initialSchema(dialect),
    "0002-closed-loop": closedLoop(dialect),
    "0003-money-truth": moneyTruth(dialect),
    "0004-staff-security": staffSecurity(dialect),
    "0005-catalogue": catalogue(dialect),
  };
}
