import { describe, expect, it } from 'vitest';
import { fresh, type LinkCache } from '../../../scripts/publisher/link-check/link-cache.js';
import { externalVerdict, statusVerdict } from '../../../scripts/publisher/link-check/link-verdict.js';
import type { ProbeResult } from '../../../scripts/publisher/link-check/safe-request.js';

describe('what an answer says of a link', () => {
  it.each<[ProbeResult, 'ok' | 'broken' | 'unchecked']>([
    [{ status: 200 }, 'ok'],
    [{ status: 304 }, 'ok'],
    [{ status: 404 }, 'broken'],
    [{ status: 410 }, 'broken'],
    [{ status: 400 }, 'broken'],
    [{ status: 451 }, 'broken'],
    [{ status: 401 }, 'unchecked'],
    [{ status: 403 }, 'unchecked'],
    [{ status: 429 }, 'unchecked'],
    [{ status: 500 }, 'unchecked'],
    [{ status: 503 }, 'unchecked'],
    [{ error: 'dns' }, 'unchecked'],
    [{ error: 'timeout' }, 'unchecked'],
    [{ error: 'connection' }, 'unchecked'],
    [{ error: 'private' }, 'broken'],
    [{ error: 'bad-url' }, 'broken'],
    [{ error: 'too-many-redirects' }, 'broken'],
  ])('%j is %s', (result, state) => {
    expect(externalVerdict(result).state).toBe(state);
  });

  it('a file gone from the CMS says so; the CMS failing is not the file broken', () => {
    expect(statusVerdict(404, 'media')).toEqual({ state: 'broken', reason: 'Tệp không còn trên CMS (404)' });
    expect(statusVerdict(502, 'media').state).toBe('unchecked');
  });
});

describe('how long an answer is trusted', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const at = (minutesAgo: number, state: 'ok' | 'broken' | 'unchecked'): LinkCache[string] => ({
    checkedAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
    verdict: state === 'ok' ? { state } : { state, reason: 'x' },
  });
  it.each<[number, 'ok' | 'broken' | 'unchecked', boolean]>([
    [59, 'unchecked', true],
    [61, 'unchecked', false],
    [23 * 60, 'ok', true],
    [23 * 60, 'broken', true],
    [25 * 60, 'ok', false],
    [25 * 60, 'broken', false],
  ])('%i minutes old, %s: fresh %s', (minutes, state, expected) => {
    expect(fresh(at(minutes, state), now)).toBe(expected);
  });
});
