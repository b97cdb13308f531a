import { declarationOf } from '../../../cms/src/content-model/content-types.js';
import type { Trigger } from '../trigger.js';
import type { PageMapStamp } from './page-map.js';

/**
 * Every declared type's pages are followed by the page map, the settings and notices too: what
 * every page shows (its chrome) is part of every page's digest (site/src/lib/page-inputs.ts).
 * A type the portal does not declare may be on any page.
 */
const isMapped = (uid: string | undefined) => declarationOf(uid) !== undefined;

export type BuildPlan = { kind: 'full'; reason: string } | { kind: 'incremental'; reason: string };

export interface PlanInput {
  triggers: readonly Trigger[];
  clearCache: boolean;
  attempt: number;
  /** The live release's page map, when there is a live release and it has one. */
  liveMap: PageMapStamp | undefined;
  hasLive: boolean;
  sourceHash: string;
  now: Date;
  /** A full build at least this often, so nothing an incremental run missed can stay. */
  fullBuildEveryMs: number;
}

const REQUESTED: Record<string, string> = {
  deploy: 'yêu cầu từ deploy hook',
  cli: 'yêu cầu xây dựng lại (npm run rebuild)',
  startup: 'publisher khởi động',
};

function unmappedReason(trigger: Trigger): string {
  if (trigger.merged) return `${trigger.merged} sự kiện dồn lại, xây dựng toàn bộ`;
  if (trigger.event?.startsWith('media.')) return 'thư viện ảnh thay đổi';
  return `thay đổi ${trigger.uid ?? trigger.event ?? 'không rõ loại'}`;
}

/**
 * Full or incremental, and why: an incremental build only for published changes to mapped
 * content, on top of a live release built from the same templates, whose map is there.
 */
export function planBuild(input: PlanInput): BuildPlan {
  const full = (reason: string): BuildPlan => ({ kind: 'full', reason });
  if (input.clearCache) return full('yêu cầu xây dựng từ đầu (clear_cache)');
  if (input.attempt > 1) return full('lần thử trước thất bại');
  if (!input.hasLive) return full('chưa có bản phát hành nào');
  if (!input.liveMap) return full('bản phát hành hiện tại không có bản đồ trang');
  if (input.liveMap.sourceHash !== input.sourceHash) return full('giao diện hoặc cấu hình trang đã thay đổi');
  if (input.now.getTime() - Date.parse(input.liveMap.fullBuildAt) >= input.fullBuildEveryMs) return full('đến lượt xây dựng đầy đủ định kỳ');
  const requested = input.triggers.find((t) => t.source !== 'strapi');
  if (requested) return full(REQUESTED[requested.source] ?? requested.source);
  const unmapped = input.triggers.find((t) => !isMapped(t.uid));
  if (unmapped) return full(unmappedReason(unmapped));
  const documents = new Set(input.triggers.map((t) => t.documentId ?? t.uid)).size;
  return { kind: 'incremental', reason: `${documents} tài liệu thay đổi` };
}
