import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasBearer } from '../../../scripts/publisher/bearer-auth.js';
import { deployToken } from '../../../scripts/publisher/deploy-token.js';
import { newReleaseId, releaseIdPattern } from '../../../scripts/publisher/release-id.js';

describe('hasBearer', () => {
  const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  it.each([
    [undefined, 's3cret', false],
    ['', 's3cret', false],
    ['Bearer s3cret', 's3cret', true],
    ['bearer s3cret', 's3cret', false],
    ['Bearer s3cret ', 's3cret', false],
    ['Bearer s3cre', 's3cret', false],
    ['Bearer s3cret-and-more', 's3cret', false],
    ['s3cret', 's3cret', false],
    // Node gives header bytes as latin1: a UTF-8 secret arrives as its bytes.
    [latin1('Bearer bí-mật'), 'bí-mật', true],
    ['Bearer bí-mật', 'bí-mật', false],
  ])('%j against %j → %s', (header, secret, expected) => {
    expect(hasBearer(header, secret)).toBe(expected);
  });
});

describe('deployToken', () => {
  it('is HMAC-SHA256(REBUILD_SECRET, "deploy-hook") in hex, and changes with the secret', () => {
    expect(deployToken('abc')).toBe(createHmac('sha256', 'abc').update('deploy-hook').digest('hex'));
    expect(deployToken('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(deployToken('abd')).not.toBe(deployToken('abc'));
  });
});

describe('newReleaseId', () => {
  it('reads as the UTC time and sorts in creation order, even within one millisecond', () => {
    // Far in the future: ids never go back in time, so an earlier call must not be later than this.
    const at = Date.UTC(2099, 10, 27, 22, 15, 0, 123);
    const ids = Array.from({ length: 50 }, () => newReleaseId(at));
    expect(ids[0]).toMatch(/^20991127T221500123Z-[0-9a-z]{4}$/);
    for (const id of ids) expect(id).toMatch(releaseIdPattern);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
