/**
 * ScanTill's admin command line, on the same database the app uses (DATABASE_URL or POS_DATA_DIR).
 *
 *   npm run admin -- user add <username> --role <cashier|manager|owner> [--pin]
 *                                      (standard input: the password, then the PIN on the next line)
 *   npm run admin -- user list
 *   npm run admin -- user passwd <username>          (standard input: the new password)
 *   npm run admin -- user pin <username>             (standard input: the new PIN)
 *   npm run admin -- user pin <username> --clear
 *   npm run admin -- user role <username> <cashier|manager|owner>
 *   npm run admin -- user enable|disable|revoke <username>
 *
 * Every change goes through lib/auth/staff-admin.ts, as the app's Staff screen does, and is audited
 * with the actor `cli:<os user>`. The CLI is the machine's administrator: the role rules do not
 * apply, but the last active owner is never disabled or demoted here either.
 *
 * Exit status: 0 done, 2 bad use or a refused change (the message says why), 1 anything else.
 */
import { userInfo } from "node:os";
import { parseEnv } from "../lib/env-schema";
import { databaseTarget, openDatabase } from "../lib/db/open-database";
import { isRole, ROLES } from "../lib/auth/roles";
import {
  addStaff,
  clearPin,
  cliActor,
  disableStaff,
  enableStaff,
  listStaff,
  revokeStaff,
  setPassword,
  setPin,
  setRole,
  StaffAdminError,
} from "../lib/auth/staff-admin";
import type { ChangeResult } from "../lib/contract/staff";

const USAGE = `usage:
  npm run admin -- user add <username> --role <${ROLES.join("|")}> [--pin]
                         (reads the password from standard input, then the PIN on the next line with --pin)
  npm run admin -- user list
  npm run admin -- user passwd <username>      (reads the new password from standard input)
  npm run admin -- user pin <username>         (reads the new PIN from standard input)
  npm run admin -- user pin <username> --clear
  npm run admin -- user role <username> <${ROLES.join("|")}>
  npm run admin -- user enable <username>
  npm run admin -- user disable <username>
  npm run admin -- user revoke <username>      (signs the person out on every till)`;

class UsageError extends Error {}

/** The lines of standard input (a password, then a PIN): a terminal is asked for them. */
async function readStdinLines(prompt: string): Promise<string[]> {
  if (process.stdin.isTTY) process.stderr.write(`${prompt} (each followed by Enter, then Ctrl-D): `);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/);
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "unknown";
  }
}

/** The one `<username>` argument of a verb, with no stray extra arguments. */
function oneUsername(rest: string[], allowedFlags: string[] = []): string {
  const positional = rest.filter((a) => !a.startsWith("--"));
  const flags = rest.filter((a) => a.startsWith("--"));
  const unknown = flags.find((f) => !allowedFlags.includes(f));
  if (unknown) throw new UsageError(`unknown option ${unknown}\n${USAGE}`);
  if (positional.length !== 1) throw new UsageError(USAGE);
  return positional[0]!;
}

function report(result: ChangeResult, done: string, already: string): void {
  console.log(result.changed ? done : already);
}

async function main(argv: string[]): Promise<void> {
  const [noun, verb, ...rest] = argv;
  if (noun !== "user" || !verb) throw new UsageError(USAGE);
  const known = ["add", "list", "passwd", "pin", "role", "enable", "disable", "revoke"];
  if (!known.includes(verb)) throw new UsageError(`unknown command "user ${verb}"\n${USAGE}`);

  // Read and check the arguments (and standard input) before opening the database.
  let run: (db: Parameters<typeof listStaff>[0]) => Promise<void>;
  const actor = cliActor(osUser());
  if (verb === "add") {
    const roleAt = rest.indexOf("--role");
    const role = roleAt >= 0 ? rest[roleAt + 1] : undefined;
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}\n${USAGE}`);
    const others = rest.filter((_, i) => i !== roleAt && i !== roleAt + 1);
    const withPin = others.includes("--pin");
    const username = oneUsername(others, ["--pin"]);
    const [password = "", pin = ""] = await readStdinLines(withPin ? "Password, then PIN" : "Password");
    if (withPin && !pin) throw new UsageError("--pin: give the PIN on the line after the password");
    run = async (db) => {
      const person = await addStaff(db, actor, { username, password, role, pin: withPin ? pin : null });
      console.log(`added ${person.username} (${person.role}${person.hasPin ? ", with a PIN" : ""})`);
    };
  } else if (verb === "list") {
    if (rest.length) throw new UsageError(USAGE);
    run = async (db) => {
      for (const u of await listStaff(db)) {
        console.log(
          [
            u.username,
            u.role,
            u.disabled ? "disabled" : "active",
            u.hasPin ? "pin" : "no-pin",
            `last sign-in ${u.lastSignInAt ?? "never"}`,
            `since ${u.createdAt}`,
          ].join("\t"),
        );
      }
    };
  } else if (verb === "passwd") {
    const username = oneUsername(rest);
    const [password = ""] = await readStdinLines("New password");
    run = async (db) =>
      report(
        await setPassword(db, actor, username, password),
        `password changed for ${username}; signed out everywhere`,
        "",
      );
  } else if (verb === "pin") {
    const username = oneUsername(rest, ["--clear"]);
    if (rest.includes("--clear")) {
      run = async (db) =>
        report(
          await clearPin(db, actor, username),
          `PIN removed for ${username}; signed out everywhere`,
          `${username} had no PIN`,
        );
    } else {
      const [pin = ""] = await readStdinLines("New PIN");
      run = async (db) =>
        report(await setPin(db, actor, username, pin), `PIN set for ${username}; signed out everywhere`, "");
    }
  } else if (verb === "role") {
    const positional = rest.filter((a) => !a.startsWith("--"));
    if (positional.length !== 2 || positional.length !== rest.length) throw new UsageError(USAGE);
    const [username, role] = positional as [string, string];
    if (!isRole(role)) throw new UsageError(`the role must be one of ${ROLES.join(", ")}`);
    run = async (db) =>
      report(
        await setRole(db, actor, username, role),
        `${username} is now ${role}; signed out everywhere`,
        `${username} already is ${role}`,
      );
  } else {
    const username = oneUsername(rest);
    run = async (db) => {
      if (verb === "enable")
        report(await enableStaff(db, actor, username), `enabled ${username}`, `${username} already is enabled`);
      else if (verb === "disable")
        report(
          await disableStaff(db, actor, username),
          `disabled ${username}; signed out everywhere`,
          `${username} already is disabled`,
        );
      else report(await revokeStaff(db, actor, username), `signed ${username} out everywhere`, "");
    };
  }

  const env = parseEnv(process.env);
  const { db, close } = await openDatabase(databaseTarget(env));
  try {
    await run(db);
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof StaffAdminError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error((error as Error).message);
  process.exit(1);
});
