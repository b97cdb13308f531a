import type { ProbeResult } from './safe-request.js';

/**
 * What a check learned of one link. `unchecked`: no answer that says the link is dead (the name
 * did not resolve here, the server was slow, refused, failed or would not let a robot in), so
 * it is no editor's fault and not reported as broken; it is asked again soon.
 */
export type LinkVerdict = { state: 'ok' } | { state: 'broken'; reason: string } | { state: 'unchecked'; reason: string };

export const OK: LinkVerdict = { state: 'ok' };
const broken = (reason: string): LinkVerdict => ({ state: 'broken', reason });
const unchecked = (reason: string): LinkVerdict => ({ state: 'unchecked', reason });

/** Answers that say nothing of the page itself: a login, a robot refused, a rate limit. */
const NOT_A_VERDICT = new Set([401, 403, 429]);

/** Only a definite 4xx is a dead link; 5xx and the answers above may pass by the next time. */
export function statusVerdict(status: number, where: 'external' | 'media'): LinkVerdict {
  const label = where === 'media' ? 'CMS' : 'Trang ngoài';
  if (status >= 500) return unchecked(`${label} trả lời lỗi ${status}`);
  if (NOT_A_VERDICT.has(status)) return unchecked(`${label} từ chối trả lời (${status})`);
  if (status >= 400) return broken(where === 'media' && (status === 404 || status === 410) ? `Tệp không còn trên CMS (${status})` : `${label} trả lời lỗi ${status}`);
  return OK;
}

const PROBE_ERRORS: Record<Exclude<ProbeResult, { status: number }>['error'], LinkVerdict> = {
  // Readers cannot open an address on the portal's own network either: that is the editor's to fix.
  private: broken('Địa chỉ nội bộ: người đọc không mở được'),
  'too-many-redirects': broken('Trang ngoài chuyển hướng quá nhiều lần'),
  'bad-url': broken('Đường dẫn không hợp lệ'),
  timeout: unchecked('Trang ngoài không trả lời (hết thời gian chờ)'),
  dns: unchecked('Không tra được tên miền từ máy chủ'),
  connection: unchecked('Không kết nối được tới trang ngoài'),
};

export function externalVerdict(result: ProbeResult): LinkVerdict {
  return 'status' in result ? statusVerdict(result.status, 'external') : PROBE_ERRORS[result.error];
}
