/**
 * The app's one database handle, opened (and migrated) once per process. Cached on `globalThis`
 * so that the dev server's module reloads never open a second pool.
 */
import "server-only";
import type { Kysely } from "kysely";
import { env } from "@/lib/env";
import { databaseTarget, openDatabase, type OpenedDatabase } from "./open-database";
import type { Database } from "./schema";

const globalForDb = globalThis as typeof globalThis & { __scantillDb?: Promise<OpenedDatabase> };

function opened(): Promise<OpenedDatabase> {
  globalForDb.__scantillDb ??= openDatabase(databaseTarget(env)).catch((error: unknown) => {
    globalForDb.__scantillDb = undefined;
    throw error;
  });
  return globalForDb.__scantillDb;
}

export async function getDb(): Promise<Kysely<Database>> {
  return (await opened()).db;
}

export async function getDialect(): Promise<OpenedDatabase["dialect"]> {
  return (await opened()).dialect;
}

export async function getTableChanges(): Promise<OpenedDatabase["changes"]> {
  return (await opened()).changes;
}
