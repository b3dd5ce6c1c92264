/**
 * Which tables may have changed, as a stamp a cache can compare (issue 10). Installed as a Kysely
 * plugin on the database handle, it sees every write this process makes, synchronously, as the
 * query is built and again once it has run; with SQLite it also reads `PRAGMA data_version`, which
 * moves when another process (the admin CLI, `npm run reconcile`) commits to the same file.
 *
 * Owns: the per-table write counters and the stamp. Never: decides what to cache (the caller does,
 * lib/auth/session-cache.ts), or claims to see every write when it cannot: with PostgreSQL other
 * app instances write too, so `complete` is false and nothing may be cached on it.
 */
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

export class TableChanges implements KyselyPlugin {
  private readonly counts = new Map<string, number>();
  private readonly inFlight = new WeakMap<object, readonly string[]>();

  /**
   * @param external A counter that moves when another connection commits (SQLite's data_version),
   *   or null when other writers cannot be seen (PostgreSQL: several instances share it).
   */
  constructor(private readonly external: (() => number) | null) {}

  /** True when a stamp is sure to move with every write, from this process or another. */
  get complete(): boolean {
    return this.external !== null;
  }

  /** Differs from any earlier stamp of `tables` if one of them may have been written since. */
  stamp(tables: readonly string[]): string {
    let local = this.counts.get("*") ?? 0;
    for (const table of tables) local += this.counts.get(table) ?? 0;
    return `${this.external?.() ?? "-"}:${local}`;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const tables = writtenTables(args.node);
    if (tables.length > 0) {
      // Before it runs, so no read can be cached against a stamp taken after the write began…
      this.bump(tables);
      this.inFlight.set(args.queryId, tables);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // …and after, so a read that ran while it did cannot be cached against the stamp in between.
    const tables = this.inFlight.get(args.queryId);
    if (tables) this.bump(tables);
    return args.result;
  }

  private bump(tables: readonly string[]): void {
    for (const table of tables) this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }
}

const WRITE_WORD = /\b(insert|update|delete|replace|merge|alter|drop|truncate)\b/i;

/**
 * The tables a write query names (any table anywhere in it: its target, a join, a subquery), or
 * none for a read. Raw SQL (`sql\`…\``) that writes names every table as "*".
 */
export function writtenTables(node: RootOperationNode): string[] {
  if (node.kind === "SelectQueryNode") return [];
  if (node.kind === "RawNode") return WRITE_WORD.test(node.sqlFragments.join(" ")) ? ["*"] : [];
  const names = new Set<string>();
  collectTables(node, names, 0);
  return [...names];
}

function collectTables(value: unknown, names: Set<string>, depth: number): void {
  if (depth > 64 || typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectTables(item, names, depth + 1);
    return;
  }
  const node = value as Partial<OperationNode> & { table?: { identifier?: { name?: unknown } } };
  if (node.kind === "TableNode" && typeof node.table?.identifier?.name === "string")
    names.add(node.table.identifier.name);
  for (const child of Object.values(value)) collectTables(child, names, depth + 1);
}
