/**
 * ScanTill's admin command line, on the same database the app uses (DATABASE_URL or POS_DATA_DIR).
 *
 *   npm run admin -- user add <username> --role <cashier|manager|owner>   (password on standard input)
 *   npm run admin -- user list
 *   npm run admin -- user disable <username>
 */
import { parseEnv } from "../lib/env-schema";
import { databaseTarget, openDatabase } from "../lib/db/open-database";
import { MIN_PASSWORD_LENGTH } from "../lib/auth/passwords";
import { isRole, ROLES } from "../lib/auth/roles";
import { addStaffUser, StaffAccountError } from "../lib/auth/staff-store";

const USAGE = `usage:
  npm run admin -- user add <username> --role <${ROLES.join("|")}>   (reads the password from standard input)
  npm run admin -- user list
  npm run admin -- user disable <username>`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password (then Enter, then Ctrl-D): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [noun, verb, ...rest] = argv;
  if (noun !== "user" || !verb) fail(USAGE);
  const env = parseEnv(process.env);
  const { db, close } = await openDatabase(databaseTarget(env));
  try {
    if (verb === "add") {
      const username = rest[0];
      const roleAt = rest.indexOf("--role");
      const role = roleAt >= 0 ? rest[roleAt + 1] : undefined;
      if (!username || username.startsWith("--")) fail(USAGE);
      if (!isRole(role)) fail(`--role must be one of ${ROLES.join(", ")}`);
      const password = await readStdin();
      if (password.length < MIN_PASSWORD_LENGTH) fail(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
      const user = await addStaffUser(db, username, password, role);
      console.log(`added ${user.username} (${user.role})`);
    } else if (verb === "list") {
      const users = await db.selectFrom("users").select(["username", "role", "created_at", "disabled_at"]).orderBy("username").execute();
      for (const u of users) console.log(`${u.username}\t${u.role}\t${u.disabled_at ? "disabled" : "active"}\tsince ${u.created_at}`);
    } else if (verb === "disable") {
      const username = rest[0] ?? fail(USAGE);
      const result = await db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("username", "=", username).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) fail(`no user ${username}`);
      console.log(`disabled ${username}`);
    } else {
      fail(USAGE);
    }
  } catch (error) {
    if (error instanceof StaffAccountError) fail(error.message);
    throw error;
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
