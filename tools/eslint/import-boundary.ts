/**
 * `boundary/import-boundary`: browser code must not reach server-only code, and server code must not
 * reach browser-only code, through any chain of imports (issue 11: "server-only and browser-only code
 * fenced by a lint rule").
 *
 * Next's own fence (`import "server-only"` / `import "client-only"`) only fails when a bundle is built,
 * and only for the bundle that happens to include the module; this rule fails `npm run lint` at the
 * import that opens the path, naming the chain, for every file.
 *
 * Which side a file is on:
 *   - server: it imports "server-only", or matches a `serverRoots` pattern (route handlers, the ledger);
 *   - browser: it starts with "use client", imports "client-only", or matches a `clientRoots` pattern;
 *   - a marker beats a folder (a server component under components/ imports "server-only").
 * From a browser file every runtime import is followed through the project's modules; reaching a
 * server file is an error. The walk stops at a "use server" module (a server action is a legal call).
 * From a server file the walk looks for modules that import "client-only"; it stops at a "use client"
 * module, because a server component rendering a client component is how Next is meant to be used
 * (that client module's own imports are checked from its side).
 * Type-only imports (`import type`, `export type`) are erased and not followed. An import whose
 * specifiers are all inline `type` is followed: with `verbatimModuleSyntax` it stays a side-effect
 * import (`@typescript-eslint/no-import-type-side-effects` rewrites it to `import type`).
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { AST, Rule } from "eslint";
import ts from "typescript";

type Side = "server" | "client";

type Options = {
  /** The folder `@/` points at (tsconfig `paths`); defaults to ESLint's cwd. */
  root?: string;
  /** Files that are browser code whatever their markers say nothing (globs relative to root). */
  clientRoots?: string[];
  /** Files that are server code (globs relative to root). */
  serverRoots?: string[];
};

type ModuleFacts = {
  useClient: boolean;
  useServer: boolean;
  serverOnly: boolean;
  clientOnly: boolean;
  /** Runtime imports, static and dynamic, as written. */
  imports: string[];
};

const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs"];

/** A small glob: `**` any folders, `*` within a segment, `{a,b}` alternatives. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "{") {
      out += "(?:";
      braces++;
    } else if (c === "}") {
      out += ")";
      braces--;
    } else if (c === "," && braces > 0) out += "|";
    else out += c.replace(/[.+?^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

const factsCache = new Map<string, { mtimeMs: number; facts: ModuleFacts }>();

function isDirective(statement: ts.Statement, text: string): boolean {
  return (
    ts.isExpressionStatement(statement) &&
    ts.isStringLiteral(statement.expression) &&
    statement.expression.text === text
  );
}

function readFacts(file: string): ModuleFacts | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return null;
  }
  const cached = factsCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.facts;
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const facts: ModuleFacts = { useClient: false, useServer: false, serverOnly: false, clientOnly: false, imports: [] };
  const statements = source.statements;
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    if (isDirective(statement, "use client")) facts.useClient = true;
    if (isDirective(statement, "use server")) facts.useServer = true;
  }
  for (const statement of statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.importClause?.isTypeOnly) continue;
      const specifier = statement.moduleSpecifier.text;
      if (specifier === "server-only") facts.serverOnly = true;
      if (specifier === "client-only") facts.clientOnly = true;
      facts.imports.push(specifier);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      if (!statement.isTypeOnly) facts.imports.push(statement.moduleSpecifier.text);
    }
  }
  // Dynamic imports load the module into the same side's bundle (a lazy chunk is still shipped).
  if (text.includes("import(")) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [arg] = node.arguments;
        if (arg && ts.isStringLiteralLike(arg)) facts.imports.push(arg.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  factsCache.set(file, { mtimeMs, facts });
  return facts;
}

function isFile(candidate: string): boolean {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/** The project file an import names, or null for a package (or a file that does not exist). */
export function resolveImport(specifier: string, fromFile: string, root: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../"))
    base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const stem = base.replace(/\.(m?js|jsx)$/, "");
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => stem + ext),
    ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ];
  return candidates.find((candidate) => EXTENSIONS.includes(path.extname(candidate)) && isFile(candidate)) ?? null;
}

type Classifier = { root: string; client: RegExp[]; server: RegExp[] };

function sideOf(file: string, facts: ModuleFacts, classifier: Classifier): Side | "both" | null {
  const byMarker: Side[] = [];
  if (facts.serverOnly) byMarker.push("server");
  if (facts.useClient || facts.clientOnly) byMarker.push("client");
  if (byMarker.length === 2) return "both";
  if (byMarker.length === 1) return byMarker[0]!;
  const relative = path.relative(classifier.root, file).split(path.sep).join("/");
  if (classifier.server.some((re) => re.test(relative))) return "server";
  if (classifier.client.some((re) => re.test(relative))) return "client";
  return null;
}

/**
 * Breadth-first from `start` (already resolved) to the nearest module the `from` side must not load;
 * returns the chain of files from `start` to it, or null.
 */
function findCrossing(start: string, from: Side, classifier: Classifier): string[] | null {
  const parent = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const facts = readFacts(file);
    if (!facts) continue;
    const forbidden =
      from === "client" ? sideOf(file, facts, classifier) === "server" || facts.serverOnly : facts.clientOnly;
    if (forbidden) {
      const chain: string[] = [];
      for (let at: string | null = file; at !== null; at = parent.get(at) ?? null) chain.unshift(at);
      return chain;
    }
    // The legal hand-offs across the line: a server action from the browser, a client component from the server.
    if (from === "client" && facts.useServer) continue;
    if (from === "server" && facts.useClient) continue;
    for (const specifier of facts.imports) {
      const next = resolveImport(specifier, file, classifier.root);
      if (next && !parent.has(next)) {
        parent.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** The markers of the file being linted, from its ESLint AST (its imports are checked one by one). */
function ownFacts(body: AST.Program["body"]): ModuleFacts {
  const facts: ModuleFacts = { useClient: false, useServer: false, serverOnly: false, clientOnly: false, imports: [] };
  for (const statement of body) {
    if (statement.type === "ExpressionStatement" && "directive" in statement) {
      if (statement.directive === "use client") facts.useClient = true;
      if (statement.directive === "use server") facts.useServer = true;
    }
    if (statement.type === "ImportDeclaration" && isRuntimeImport(statement as Rule.Node)) {
      if (statement.source.value === "server-only") facts.serverOnly = true;
      if (statement.source.value === "client-only") facts.clientOnly = true;
    }
  }
  return facts;
}

function isRuntimeImport(node: Rule.Node): boolean {
  const kinds = node as unknown as { importKind?: string; exportKind?: string };
  return kinds.importKind !== "type" && kinds.exportKind !== "type";
}

const rule: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Browser code must not import server-only modules, and server code must not import browser-only ones, directly or through other modules.",
    },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string" },
          clientRoots: { type: "array", items: { type: "string" } },
          serverRoots: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      clientToServer: "Browser code must not load server-only code: this import reaches {{target}}{{via}}.",
      serverToClient:
        'Server code must not load browser-only code: this import reaches {{target}} (it imports "client-only"){{via}}.',
      bothSides:
        'This module is marked for both sides ("server-only" and "use client"/"client-only"); it can be only one.',
    },
  },
  create(context) {
    const options = (context.options[0] ?? {}) as Options;
    const root = path.resolve(context.cwd, options.root ?? ".");
    const classifier: Classifier = {
      root,
      client: (options.clientRoots ?? []).map(globToRegExp),
      server: (options.serverRoots ?? []).map(globToRegExp),
    };
    const file = context.filename;
    // The linted text, not the file on disk: an editor lints unsaved buffers.
    const side = sideOf(file, ownFacts(context.sourceCode.ast.body), classifier);
    if (side === null) return {};
    const name = (target: string) => path.relative(root, target).split(path.sep).join("/");

    const check = (node: Rule.Node, source: unknown) => {
      if (side === "both" || typeof source !== "string" || !isRuntimeImport(node)) return;
      const target = resolveImport(source, file, root);
      if (!target) return;
      const chain = findCrossing(target, side, classifier);
      if (!chain) return;
      const via = chain.length > 1 ? ` via ${chain.slice(0, -1).map(name).join(" → ")}` : "";
      context.report({
        node,
        messageId: side === "client" ? "clientToServer" : "serverToClient",
        data: { target: name(chain[chain.length - 1]!), via },
      });
    };

    return {
      Program(node) {
        if (side === "both") context.report({ node, messageId: "bothSides" });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source.value : undefined),
    };
  },
};

export const boundaryPlugin = { meta: { name: "scantill-boundary" }, rules: { "import-boundary": rule } };
export default rule;
