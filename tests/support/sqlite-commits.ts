/**
 * Watches every COMMIT run through a better-sqlite3 statement in this process and records the
 * connection's `synchronous` level at that moment (2 = FULL: the WAL is fsynced; 1 = NORMAL: it is
 * not). Read from SQLite itself, not from our wrapper, so a test sees what the disk was asked for.
 */
import SQLite from "better-sqlite3";
import { vi } from "vitest";

export type CommitWatch = {
  /** The `synchronous` level of each COMMIT since the watch began (or the last reset), in order. */
  levels(): number[];
  /** The level the last committing connection is at now. */
  connectionLevel(): number | undefined;
  reset(): void;
  stop(): void;
};

export function watchCommits(): CommitWatch {
  const probe = new SQLite(":memory:");
  const statementProto = Object.getPrototypeOf(probe.prepare("select 1")) as SQLite.Statement;
  probe.close();
  const seen: number[] = [];
  let last: SQLite.Database | undefined;
  const original = statementProto.run;
  const spy = vi.spyOn(statementProto, "run").mockImplementation(function (this: SQLite.Statement, ...args: unknown[]) {
    if (this.source.trim().toLowerCase() === "commit") {
      last = this.database;
      seen.push(this.database.pragma("synchronous", { simple: true }) as number);
    }
    return original.apply(this, args as []);
  });
  return {
    levels: () => [...seen],
    connectionLevel: () => last?.pragma("synchronous", { simple: true }) as number | undefined,
    reset: () => void seen.splice(0),
    stop: () => spy.mockRestore(),
  };
}
