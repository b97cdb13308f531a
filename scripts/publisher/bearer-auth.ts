import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Both sides go through an HMAC under a per-process key so they have equal lengths
// (timingSafeEqual requires it) and the comparison time says nothing about the secret's length.
const comparisonKey = randomBytes(32);
const digest = (value: Buffer) => createHmac('sha256', comparisonKey).update(value).digest();

/** Constant-time equality of what a client sent and what we expect, as raw bytes. */
export function sameSecret(received: Buffer, expected: Buffer): boolean {
  return timingSafeEqual(digest(received), digest(expected));
}

/**
 * Node hands header values over as latin1 (one char per byte), so the bytes the client
 * sent are recovered with 'latin1' and compared with the secret's UTF-8 bytes: a
 * Vietnamese secret such as `bí-mật` works when the sender writes UTF-8.
 */
export function hasBearer(authorization: string | undefined, secret: string): boolean {
  return sameSecret(Buffer.from(authorization ?? '', 'latin1'), Buffer.from(`Bearer ${secret}`, 'utf8'));
}
