import { createHmac } from 'node:crypto';
import { vietnamDay } from '../../cms/src/engagement/engagement-tables.js';

/**
 * A visitor, without a cookie: HMAC(day key, address + User-Agent), as privacy-first analytics
 * do it. The day key is derived from ENGAGEMENT_SECRET and the date, so every instance agrees
 * on it and none stores it; the hashes themselves are deleted when their day ends, so nothing
 * links a visitor across days or back to an address.
 */
export function visitorHasher(secret: string): (address: string, userAgent: string, at?: Date) => { day: string; visitor: string } {
  let cached: { day: string; key: Buffer } | undefined;
  return (address, userAgent, at = new Date()) => {
    const day = vietnamDay(at);
    if (cached?.day !== day) cached = { day, key: createHmac('sha256', secret).update(`visitor-day:${day}`).digest() };
    const visitor = createHmac('sha256', cached.key).update(`${address}\n${userAgent}`).digest('base64url').slice(0, 32);
    return { day, visitor };
  };
}
