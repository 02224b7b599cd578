import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

type Cost = { N: number; r: number; p: number };

/**
 * scrypt (RFC 7914) from node:crypto: memory-hard, so guessing leaked hashes on GPUs is costly.
 * N=2^15, r=8, p=1 is OWASP's recommended minimum; stored with the hash so it can be raised later.
 * Test suites, which make hundreds of accounts, may ask for a cheap cost instead
 * (CARE_TEST_WEAK_PASSWORD_HASHING=1, set by their vitest configs): verifying reads the cost from
 * each hash, so nothing else changes.
 */
export function passwordCost(env: Record<string, string | undefined> = process.env): Cost {
  return env.CARE_TEST_WEAK_PASSWORD_HASHING === '1' ? { N: 2 ** 10, r: 8, p: 1 } : { N: 2 ** 15, r: 8, p: 1 };
}

const COST = passwordCost();
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, cost: Cost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A password as it is stored: only hashPassword makes one, so no plain password is ever stored by mistake. */
export type PasswordHash = string & { readonly __brand: 'PasswordHash' };

/**
 * `scrypt$N$r$p$salt$hash` with a fresh 16-byte salt per password. Deliberately slow: hash before
 * a transaction begins, not inside it.
 */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$') as PasswordHash;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<PasswordHash> | undefined;

/** Spends the same time as a real check, so a login for an unknown name takes as long as a wrong password. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('no such account');
  await verifyPassword(password, await dummy);
  return false;
}
