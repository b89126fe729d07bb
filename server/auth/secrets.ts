import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe. Used for session ids, setup links and API tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Identifiers that are not secrets: 96 random bits, URL-safe. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Secrets are stored only as their SHA-256. They carry 256 random bits, so a fast hash is
 * enough: there is nothing to guess from the digest.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
