/** argon2id password hashes (`@node-rs/argon2`: prebuilt, about 80 ms to hash, 11 ms to verify). */
import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the time a real check takes when there is nothing to check (unknown user, no PIN): the
 * answer's timing then does not reveal which usernames exist or who may approve.
 */
export async function verifyDecoy(secret: string): Promise<void> {
  decoyHash ??= hashPassword("decoy-secret-for-timing");
  await verifyPassword(await decoyHash, secret);
}
