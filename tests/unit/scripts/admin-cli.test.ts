/**
 * The admin CLI (scripts/admin.ts) as an operator runs it: `npx tsx scripts/admin.ts user …` in a
 * child process, on a SQLite data folder of its own, checking the database after each command.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { databaseTarget, openDatabase, type OpenedDatabase } from "@/lib/db/open-database";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
let dataDir: string;
let opened: OpenedDatabase;

function admin(args: string[], input = ""): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, POS_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync("npx", ["tsx", "scripts/admin.ts", ...args], {
    cwd: root,
    env,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const user = (username: string) =>
  opened.db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
const audit = (username: string) =>
  opened.db.selectFrom("audit_events").selectAll().where("subject", "=", username).orderBy("id").execute();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "scantill-admin-cli-"));
  opened = await openDatabase(databaseTarget({ POS_DATA_DIR: dataDir }));
});
afterAll(async () => {
  await opened?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run admin -- user …", { timeout: 120_000 }, () => {
  it("adds people (password, then PIN, from standard input) and lists them", () => {
    expect(admin(["user", "add", "boss", "--role", "owner", "--pin"], "owner-password-1\n582913\n")).toMatchObject({
      status: 0,
      stdout: "added boss (owner, with a PIN)\n",
    });
    expect(admin(["user", "add", "kim", "--role", "cashier"], "cashier-password-1\n").status).toBe(0);
    const list = admin(["user", "list"]);
    expect(list.status).toBe(0);
    expect(list.stdout.split("\n").map((l) => l.split("\t").slice(0, 4))).toEqual([
      ["boss", "owner", "active", "pin"],
      ["kim", "cashier", "active", "no-pin"],
      [""],
    ]);
  });

  it("passwd, pin, role, revoke, disable and enable change the database and are audited as cli:<os user>", async () => {
    const cli = `cli:${userInfo().username}`;
    expect(admin(["user", "passwd", "kim"], "brand-new-password\n").status).toBe(0);
    let kim = await user("kim");
    expect(await verifyPassword(kim.password_hash, "brand-new-password")).toBe(true);
    expect(kim.session_version).toBe(2);

    expect(admin(["user", "pin", "kim"], "815274\n").status).toBe(0);
    kim = await user("kim");
    expect(await verifyPassword(kim.pin_hash!, "815274")).toBe(true);
    expect(admin(["user", "pin", "kim", "--clear"]).status).toBe(0);
    expect((await user("kim")).pin_hash).toBeNull();

    expect(admin(["user", "role", "kim", "manager"]).stdout).toBe("kim is now manager; signed out everywhere\n");
    expect(admin(["user", "revoke", "kim"]).status).toBe(0);
    expect(admin(["user", "disable", "kim"]).status).toBe(0);
    kim = await user("kim");
    expect(kim).toMatchObject({ role: "manager", session_version: 7 });
    expect(kim.disabled_at).not.toBeNull();
    expect(admin(["user", "enable", "kim"]).status).toBe(0);
    expect((await user("kim")).disabled_at).toBeNull();

    const rows = await audit("kim");
    expect(rows.map((r) => [r.action, r.outcome, r.actor_username])).toEqual([
      ["staff_add", "ok", cli],
      ["staff_password", "ok", cli],
      ["staff_pin", "ok", cli],
      ["staff_pin", "ok", cli],
      ["staff_role", "ok", cli],
      ["staff_revoke", "ok", cli],
      ["staff_disable", "ok", cli],
      ["staff_enable", "ok", cli],
    ]);
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/brand-new-password|815274/);
  });

  it("never disables or demotes the last active owner", async () => {
    const disable = admin(["user", "disable", "boss"]);
    expect(disable.status).toBe(2);
    expect(disable.stderr).toMatch(/last active owner/);
    expect(admin(["user", "role", "boss", "cashier"]).status).toBe(2);
    expect(await user("boss")).toMatchObject({ role: "owner", disabled_at: null, session_version: 1 });
  });

  it("exits 2 with a clear message on bad use", () => {
    const cases: Array<[string[], string, RegExp]> = [
      [[], "", /usage:/],
      [["user", "frobnicate", "kim"], "", /unknown command "user frobnicate"/],
      [["user", "add", "ana"], "password-1234\n", /--role must be one of cashier, manager, owner/],
      [["user", "add", "ana", "--role", "boss"], "password-1234\n", /--role must be one of/],
      [["user", "add", "ana", "--role", "cashier", "--pin"], "password-1234\n", /--pin: give the PIN/],
      [["user", "add", "ana", "--role", "cashier"], "short\n", /at least 8 characters/],
      [["user", "add", "Bad Name", "--role", "cashier"], "password-1234\n", /username must be/],
      [["user", "add", "kim", "--role", "cashier"], "password-1234\n", /already someone called kim/],
      [["user", "pin", "kim"], "1234\n", /too easy to guess/],
      [["user", "pin", "kim"], "12ab\n", /4 to 6 digits/],
      [["user", "role", "kim"], "", /usage:/],
      [["user", "role", "kim", "admin"], "", /the role must be one of/],
      [["user", "disable"], "", /usage:/],
      [["user", "disable", "kim", "--force"], "", /unknown option --force/],
      [["user", "revoke", "nobody"], "", /no staff member nobody/],
    ];
    for (const [args, input, message] of cases) {
      const r = admin(args, input);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
  });
});
