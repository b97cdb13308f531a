import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { secret, startPublisher, strapiEvent, type TestPublisher } from './support/harness.js';

const token = createHmac('sha256', secret).update('deploy-hook').digest('hex');

describe('deploy hooks', () => {
  let p: TestPublisher;
  afterEach(async () => p?.close());

  it.each([
    ['the token in the path', `/hooks/deploy/${token}`, {}, 202],
    ['the Bearer header', '/hooks/deploy', { Authorization: `Bearer ${secret}` }, 202],
    ['a wrong token', `/hooks/deploy/${'0'.repeat(64)}`, {}, 401],
    ['a token one character short', `/hooks/deploy/${token.slice(0, -1)}`, {}, 401],
    ['the secret itself in the path', `/hooks/deploy/${secret}`, {}, 401],
    ['no credentials', '/hooks/deploy', {}, 401],
    ['a wrong Bearer', '/hooks/deploy', { Authorization: 'Bearer nope' }, 401],
    ['an unknown query value', `/hooks/deploy/${token}?clear_cache=maybe`, {}, 400],
  ])('%s → %i', async (_, path, headers, status) => {
    p = await startPublisher({ debounceMs: 60_000, maxWaitMs: 60_000 });
    const response = await fetch(`${p.hooksUrl}${path}`, { method: 'POST', headers });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { queued: boolean };
    expect(body.queued).toBe(status === 202);
    expect((await p.status()).pending).toHaveLength(status === 202 ? 1 : 0);
  });

  it('builds on the path token, recording the source deploy', async () => {
    p = await startPublisher();
    const response = await fetch(`${p.hooksUrl}/hooks/deploy/${token}?clear_cache=1`, { method: 'POST' });
    expect(await response.json()).toMatchObject({ queued: true, clearCache: true, trigger: { source: 'deploy' } });
    const s = await p.builds(1);
    expect(s.history[0]).toMatchObject({ ok: true, clearCache: true, trigger: [{ source: 'deploy' }] });
  });
});

describe('status', () => {
  let p: TestPublisher;
  afterEach(async () => p?.close());

  it('GET /status: state, current, pending, the next build, last build and history', async () => {
    p = await startPublisher({ debounceMs: 60_000, maxWaitMs: 60_000 });
    await p.strapi(strapiEvent('entry.publish', 'article', { id: 1, documentId: 'h0km', publishedAt: '2026-11-27T08:00:00.000Z' }));
    const response = await fetch(`${p.hooksUrl}/status`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const status = (await response.json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      state: 'waiting',
      current: null,
      building: null,
      pending: [{ source: 'strapi', event: 'entry.publish', uid: 'api::article.article', documentId: 'h0km' }],
      nextAttempt: 1,
      lastBuild: null,
      history: [],
      releases: [],
      preparing: false,
    });
    expect(Date.parse(status.nextBuildAt as string)).toBeGreaterThan(Date.now() + 50_000);
  });

  it('GET /: the editors page, in Vietnamese, with escaped text', async () => {
    p = await startPublisher();
    await p.strapi(strapiEvent('entry.publish', 'article', { id: 1, documentId: '<img src=x onerror=alert(1)>', publishedAt: '2026-11-27T08:00:00.000Z' }));
    const s = await p.builds(1);
    const response = await fetch(`${p.hooksUrl}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<strong>Sẵn sàng</strong>');
    expect(html).toContain(`${s.current}, trực tuyến từ`);
    expect(html).toContain('Thành công');
    expect(html).toContain('CMS: xuất bản bài viết (&lt;img src=x onerror=alert(1)&gt;)');
    expect(html).not.toContain('<img');
  });
});
