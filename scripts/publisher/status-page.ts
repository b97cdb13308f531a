import { declarationOf } from '../../cms/src/content-model/content-types.js';
import { escapeHtml } from '../lib/escape-html.js';
import type { BuildRecord } from './build-record.js';
import type { LinkReport } from './link-check/link-report.js';
import type { PublisherStatus } from './publisher.js';
import type { Trigger } from './trigger.js';


const clock = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

const time = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(clock.format(new Date(iso)))}</time>`;

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${decimal.format(seconds)} giây`;
  return `${Math.floor(seconds / 60)} phút ${Math.round(seconds % 60)} giây`;
}

const stateLabels = { idle: 'Sẵn sàng', waiting: 'Đang chờ', building: 'Đang xây dựng' } as const;
const sourceLabels = { strapi: 'CMS', deploy: 'Deploy hook', cli: 'Lệnh npm run rebuild', startup: 'Khởi động' } as const;
const eventLabels: Record<string, string> = {
  'entry.publish': 'xuất bản',
  'entry.unpublish': 'gỡ xuất bản',
  'entry.delete': 'xóa',
  'entry.create': 'tạo mới',
  'entry.update': 'cập nhật',
  'media.create': 'tải lên tệp',
  'media.update': 'sửa tệp',
  'media.delete': 'xóa tệp',
  'releases.publish': 'xuất bản đợt phát hành',
};
/** A type's name in the editors' words, from its declaration; Strapi's name for a type the portal does not declare. */
function typeLabel(uid: string | undefined): string | undefined {
  const declared = declarationOf(uid)?.labels.singular.toLocaleLowerCase('vi');
  return declared ?? /^api::([^.]+)\./.exec(uid ?? '')?.[1];
}

function describeTrigger(trigger: Trigger): string {
  const what = [
    trigger.event ? (eventLabels[trigger.event] ?? trigger.event) : undefined,
    typeLabel(trigger.uid),
    trigger.documentId ? `(${trigger.documentId})` : undefined,
  ].filter(Boolean);
  return `${escapeHtml([sourceLabels[trigger.source], what.join(' ')].filter(Boolean).join(': '))}, ${time(trigger.at)}`;
}

const triggerList = (triggers: Trigger[]) =>
  triggers.length === 0 ? '<p>Không có.</p>' : `<ul>${triggers.map((t) => `<li>${describeTrigger(t)}</li>`).join('')}</ul>`;

const outcome = (build: BuildRecord) => (build.ok ? '<span class="ok">Thành công</span>' : '<span class="failed">Thất bại</span>');
const reason = (build: BuildRecord) => escapeHtml(build.error ?? (build.deploy && !build.deploy.ok ? `DEPLOY_COMMAND: ${build.deploy.error}` : '—'));

/** Full or incremental, and why the publisher chose it. */
function buildKind(build: BuildRecord): string {
  if (!build.build) return '—';
  const { kind, reason: why, pagesRendered } = build.build;
  const label = kind === 'full' ? 'Đầy đủ' : `Từng phần (${pagesRendered ?? 0} trang)`;
  // The public page has no reason (status-detail.ts).
  return escapeHtml(why ? `${label}: ${why}` : label);
}

function stateDetail(status: PublisherStatus): string {
  if (status.building) return `: phiên bản ${escapeHtml(status.building.id)}, bắt đầu ${time(status.building.startedAt)}`;
  if (status.state === 'waiting' && status.nextBuildAt) {
    const retry = status.nextAttempt > 1 ? ` (thử lại lần ${status.nextAttempt - 1})` : '';
    return `: sẽ xây dựng lúc ${time(status.nextBuildAt)}${retry}`;
  }
  return '';
}

function lastBuild(build: BuildRecord | null): string {
  if (!build) return '<p>Chưa có lần xây dựng nào.</p>';
  const deploy = build.deploy
    ? `<dt>Triển khai (DEPLOY_COMMAND)</dt><dd>${build.deploy.ok ? 'Thành công' : `Thất bại: ${escapeHtml(build.deploy.error ?? '')}`}</dd>`
    : '';
  return `<dl>
<dt>Phiên bản</dt><dd>${escapeHtml(build.id)}</dd>
<dt>Bắt đầu</dt><dd>${time(build.startedAt)}</dd>
<dt>Thời lượng</dt><dd>${formatDuration(build.durationMs)}</dd>
<dt>Kết quả</dt><dd>${outcome(build)}</dd>
<dt>Cách xây dựng</dt><dd>${buildKind(build)}</dd>
<dt>Lý do</dt><dd>${reason(build)}</dd>${deploy}
${build.log ? `<dt>Nhật ký</dt><dd><code>${escapeHtml(build.log)}</code></dd>` : ''}
</dl>
<h3>Các sự kiện kích hoạt</h3>
${triggerList(build.trigger)}`;
}

function history(builds: BuildRecord[]): string {
  if (builds.length === 0) return '<p>Chưa có lần xây dựng nào.</p>';
  const rows = builds
    .map(
      (b) =>
        `<tr><th scope="row">${escapeHtml(b.id)}</th><td>${time(b.startedAt)}</td><td>${formatDuration(b.durationMs)}</td><td>${outcome(b)}</td><td>${buildKind(b)}</td><td>${reason(b)}</td><td>${b.trigger.map(describeTrigger).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table>
<caption>${builds.length} lần xây dựng gần nhất, mới nhất trước</caption>
<thead><tr><th scope="col">Phiên bản</th><th scope="col">Bắt đầu</th><th scope="col">Thời lượng</th><th scope="col">Kết quả</th><th scope="col">Cách xây dựng</th><th scope="col">Lý do</th><th scope="col">Kích hoạt bởi</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

/** The last link check's broken links, entry by entry, each with the way into the admin to fix it. */
function brokenLinks(report: LinkReport | null): string {
  if (!report) return '<p>Chưa kiểm tra liên kết: việc kiểm tra chạy sau mỗi lần phát hành.</p>';
  const checked = `<p>Kiểm tra phiên bản ${escapeHtml(report.releaseId)} lúc ${time(report.checkedAt)}: ${report.counts.links} liên kết trong ${report.counts.entries} mục, ${report.counts.broken} liên kết hỏng.${
    report.counts.externalDeferred > 0 ? ` ${report.counts.externalDeferred} liên kết ngoài sẽ được kiểm tra ở lần phát hành sau.` : ''
  }</p>${
    report.counts.unchecked > 0
      ? `\n<p>${report.counts.unchecked} liên kết chưa kiểm tra được (trang ngoài không trả lời, từ chối hoặc báo lỗi máy chủ): không tính là hỏng, sẽ kiểm tra lại sau.</p>`
      : ''
  }`;
  // The public page has the counts only (status-detail.ts): titles and admin links are the detail's.
  if (report.entries.length === 0) return report.counts.broken > 0 ? `${checked}\n<p>Danh sách liên kết hỏng chỉ xem được trên máy chủ.</p>` : checked;
  const entries = report.entries
    .map(
      (entry) =>
        `<li><a href="${escapeHtml(entry.adminUrl)}">${escapeHtml(entry.title || entry.documentId)}</a> (${escapeHtml(typeLabel(entry.uid) ?? entry.uid)})<ul>${entry.broken
          .map((link) => `<li><code>${escapeHtml(link.url)}</code>${link.text ? ` “${escapeHtml(link.text)}”` : ''}: ${escapeHtml(link.reason)}</li>`)
          .join('')}</ul></li>`,
    )
    .join('\n');
  return `${checked}\n<ul class="links">\n${entries}\n</ul>`;
}

/** The editors' page: self-contained (no external assets), refreshes itself every 5 s. */
export function renderStatusPage(status: PublisherStatus, now: Date, links: LinkReport | null = null): string {
  const label = stateLabels[status.state];
  const current = status.current
    ? `<p>${escapeHtml(status.current)}${status.currentSince ? `, trực tuyến từ ${time(status.currentSince)}` : ''}</p>`
    : '<p>Chưa có phiên bản nào: trang công khai đang báo “đang được xây dựng”.</p>';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>${label} · Trạng thái xuất bản</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
.state{font-size:1.2rem;padding:.75rem 1rem;border-left:.5rem solid #555;background:#f3f3f3}
.state-building{border-color:#9a6700}.state-waiting{border-color:#0b5cad}.state-idle{border-color:#1a7f37}
.ok{color:#1a7f37;font-weight:600}.failed{color:#b3261e;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.links li{margin:.25rem 0}code{overflow-wrap:anywhere}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}caption{text-align:left;padding:.5rem 0}
th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}thead th{background:#f3f3f3}
</style>
</head>
<body>
<main>
<h1>Trạng thái xuất bản</h1>
<p class="state state-${status.state}"><strong>${label}</strong>${stateDetail(status)}</p>
<h2>Phiên bản hiện tại</h2>
${current}
<h2>Đang chờ xây dựng</h2>
${triggerList(status.pending)}
<h2>Lần xây dựng gần nhất</h2>
${lastBuild(status.lastBuild)}
<h2>Lịch sử</h2>
${history(status.history)}
<h2 id="lien-ket-hong">Liên kết hỏng</h2>
${brokenLinks(links)}
<p><small>Cập nhật lúc ${time(now.toISOString())}; trang tự làm mới mỗi 5 giây.</small></p>
</main>
</body>
</html>
`;
}
