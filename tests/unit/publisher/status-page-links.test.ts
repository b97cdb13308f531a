import { describe, expect, it } from 'vitest';
import { publicLinkReport, type LinkReport } from '../../../scripts/publisher/link-check/link-report.js';
import type { PublisherStatus } from '../../../scripts/publisher/publisher.js';
import { renderStatusPage } from '../../../scripts/publisher/status-page.js';
import { IDLE_STATUS } from './support/idle-status.js';

const status: PublisherStatus = IDLE_STATUS;
const report: LinkReport = {
  version: 1,
  releaseId: '20261207T101500123Z-ab12',
  checkedAt: '2026-12-07T10:16:00.000Z',
  durationMs: 1200,
  counts: { entries: 3, links: 7, broken: 2, externalChecked: 4, externalDeferred: 1, unchecked: 1 },
  entries: [
    {
      uid: 'api::article.article',
      documentId: 'abc123',
      title: 'Tin <script>alert(1)</script> mới',
      adminUrl: 'http://cms.example/admin/content-manager/collection-types/api::article.article/abc123?"><img>',
      broken: [
        { url: '/tin-tuc/"><b>x</b>/', text: 'bài <i>cũ</i>', reason: 'Trang không tồn tại trên cổng (404)' },
        { url: 'https://example.vn/a', text: '', reason: 'Trang ngoài trả lời lỗi 404' },
      ],
    },
  ],
};

describe('broken links on the status page', () => {
  it('lists each entry with its admin link and each link with its reason, escaped', () => {
    const html = renderStatusPage(status, new Date('2026-12-07T10:17:00Z'), report);
    expect(html).toContain('<h2 id="lien-ket-hong">Liên kết hỏng</h2>');
    expect(html).toContain('7 liên kết trong 3 mục, 2 liên kết hỏng.');
    expect(html).toContain('1 liên kết ngoài sẽ được kiểm tra ở lần phát hành sau.');
    expect(html).toContain('href="http://cms.example/admin/content-manager/collection-types/api::article.article/abc123?&quot;&gt;&lt;img&gt;"');
    expect(html).toContain('Tin &lt;script&gt;alert(1)&lt;/script&gt; mới');
    expect(html).toContain('(bài viết)');
    expect(html).toContain('<code>/tin-tuc/&quot;&gt;&lt;b&gt;x&lt;/b&gt;/</code> “bài &lt;i&gt;cũ&lt;/i&gt;”: Trang không tồn tại trên cổng (404)');
    expect(html).toContain('Trang ngoài trả lời lỗi 404');
    expect(html).toContain('1 liên kết chưa kiểm tra được');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>x</b>');
  });

  it('shows public viewers the counts only: no title, documentId or admin link', () => {
    const html = renderStatusPage(status, new Date('2026-12-07T10:17:00Z'), publicLinkReport(report));
    expect(html).toContain('7 liên kết trong 3 mục, 2 liên kết hỏng.');
    expect(html).toContain('Danh sách liên kết hỏng chỉ xem được trên máy chủ.');
    expect(html).not.toContain('abc123');
    expect(html).not.toContain('/admin/');
    expect(html).not.toContain('Tin &lt;script');
  });

  it('says when no check has run yet', () => {
    expect(renderStatusPage(status, new Date())).toContain('Chưa kiểm tra liên kết');
  });
});
