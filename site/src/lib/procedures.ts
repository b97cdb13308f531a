/**
 * Thủ tục hành chính on the site: every published procedure grouped by field (Lĩnh vực), the
 * fields and the procedures in each in Vietnamese order, and how a level reads. Small lists,
 * read once per page from the content store.
 */
import { getCollection } from 'astro:content';
import type { Procedure } from './schemas';
import { vietnameseSlug } from './vietnamese-slug';

/** The levels as Decree 42/2022 names the services (trực tuyến toàn trình, một phần, cung cấp thông tin). */
export const PROCEDURE_LEVEL_LABELS: Record<Procedure['level'], string> = {
  full_online: 'Dịch vụ công trực tuyến toàn trình',
  partial_online: 'Dịch vụ công trực tuyến một phần',
  information: 'Cung cấp thông tin',
};

export interface ProcedureGroup {
  subjectArea: string;
  /** The group's heading id on the listing, `linh-vuc-ho-tich`. */
  anchor: string;
  procedures: Procedure[];
}

const vietnamese = new Intl.Collator('vi');
const byNameThenCode = (a: Procedure, b: Procedure) => vietnamese.compare(a.name, b.name) || a.code.localeCompare(b.code);

/** Fields in alphabetical order, procedures in each by name. */
export function groupProcedures(procedures: Procedure[]): ProcedureGroup[] {
  const groups = new Map<string, Procedure[]>();
  for (const procedure of [...procedures].sort(byNameThenCode)) {
    const list = groups.get(procedure.subjectArea);
    if (list) list.push(procedure);
    else groups.set(procedure.subjectArea, [procedure]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => vietnamese.compare(a, b))
    .map(([subjectArea, list]) => ({ subjectArea, anchor: `linh-vuc-${vietnameseSlug(subjectArea) || 'khac'}`, procedures: list }));
}

/** Every published procedure, by name. */
export const procedures = async (): Promise<Procedure[]> => (await getCollection('procedures')).map((entry) => entry.data).sort(byNameThenCode);

export const procedureGroups = async (): Promise<ProcedureGroup[]> => groupProcedures(await procedures());
