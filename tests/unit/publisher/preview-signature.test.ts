import { describe, expect, it } from 'vitest';
import { PREVIEW_TTL_SECONDS, previewLink } from '../../../cms/src/preview/preview-url.js';
import { checkPreviewLink } from '../../../scripts/publisher/preview-signature.js';

const SECRET = 'khóa-xem-trước';
const BASE = 'https://xemtruoc.hbt.example.vn';
const now = new Date('2026-11-28T08:00:00+07:00');
const link = (uid: string, documentId = 'k3x9abcdefghijklmnopqrst', status = 'draft') =>
  new URL(previewLink(uid, { documentId, status }, { baseUrl: BASE, secret: SECRET, now })!);
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('preview links: signed by the CMS, checked by the publisher', () => {
  it.each([
    ['api::article.article', '/ban-xem-truoc/tin-tuc/k3x9abcdefghijklmnopqrst'],
    ['api::photo-gallery.photo-gallery', '/ban-xem-truoc/thu-vien-anh/k3x9abcdefghijklmnopqrst'],
    ['api::resolution-task.resolution-task', '/ban-xem-truoc/nhiem-vu/k3x9abcdefghijklmnopqrst'],
    ['api::site-setting.site-setting', '/ban-xem-truoc/bieu-ngu'],
  ])('%s opens %s and is accepted', (uid, pathname) => {
    const url = link(uid);
    expect(url.origin + url.pathname).toBe(BASE + pathname);
    expect(checkPreviewLink(url, SECRET, now)).toEqual({ ok: true, status: 'draft' });
  });

  it.each(['api::category.category', 'api::attendee.attendee', 'plugin::upload.file'])('%s has no preview', (uid) => {
    expect(previewLink(uid, { documentId: 'x', status: 'draft' }, { baseUrl: BASE, secret: SECRET, now })).toBeNull();
  });

  it('keeps the published status when the editor asks for it, and defaults to the draft', () => {
    expect(checkPreviewLink(link('api::article.article', 'a', 'published'), SECRET, now)).toEqual({ ok: true, status: 'published' });
    const unspecified = new URL(previewLink('api::article.article', { documentId: 'a' }, { baseUrl: BASE, secret: SECRET, now })!);
    expect(unspecified.searchParams.get('status')).toBe('draft');
  });

  it('works until its time is up, and not a second later', () => {
    expect(checkPreviewLink(link('api::article.article'), SECRET, later(PREVIEW_TTL_SECONDS - 1)).ok).toBe(true);
    expect(checkPreviewLink(link('api::article.article'), SECRET, later(PREVIEW_TTL_SECONDS))).toEqual({ ok: false, reason: 'expired' });
  });

  const tamper: [string, (url: URL) => void, string][] = [
    ['another document', (u) => (u.pathname = '/ban-xem-truoc/tin-tuc/other'), 'bad signature'],
    ['another kind of page', (u) => (u.pathname = u.pathname.replace('tin-tuc', 'thu-vien-anh')), 'bad signature'],
    ['the published status', (u) => u.searchParams.set('status', 'published'), 'bad signature'],
    ['a later expiry', (u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 60)), 'bad signature'],
    ['a truncated signature', (u) => u.searchParams.set('signature', u.searchParams.get('signature')!.slice(0, 20)), 'bad signature'],
    ['no signature', (u) => u.searchParams.delete('signature'), 'unsigned'],
    ['no expiry', (u) => u.searchParams.delete('expires'), 'unsigned'],
    ['an unknown status', (u) => u.searchParams.set('status', 'archived'), 'unsigned'],
    ['a non-numeric expiry', (u) => u.searchParams.set('expires', '1e12'), 'unsigned'],
    ['a second status', (u) => u.searchParams.append('status', 'published'), 'bad signature'],
    ['a parameter the CMS does not sign', (u) => u.searchParams.append('documentId', 'other'), 'bad signature'],
  ];
  it.each(tamper)('refuses a link changed to %s', (_name, change, reason) => {
    const url = link('api::article.article');
    change(url);
    expect(checkPreviewLink(url, SECRET, now)).toEqual({ ok: false, reason });
  });

  it('refuses a link signed with another secret', () => {
    expect(checkPreviewLink(link('api::article.article'), 'another-secret', now)).toEqual({ ok: false, reason: 'bad signature' });
  });
});
