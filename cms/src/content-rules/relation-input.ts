import type { Core, UID } from '@strapi/strapi';

/** What a write does to a to-one relation: leaves it, or points it at an entry (by documentId or id) or at nothing. */
export type ToOneChange = { keep: true } | { keep: false; target: string | number | null };

const KEEP: ToOneChange = { keep: true };
const to = (target: string | number | null): ToOneChange => ({ keep: false, target });

function reference(value: unknown): string | number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value && typeof value === 'object') {
    const v = value as { documentId?: unknown; id?: unknown };
    if (typeof v.documentId === 'string') return v.documentId;
    if (typeof v.id === 'number' || typeof v.id === 'string') return v.id;
  }
  return undefined;
}

/**
 * A to-one relation as the REST API, the admin (`{ connect, disconnect }`) and scripts
 * (a documentId, `{ set }`, an id) send it.
 */
export function toOneChange(value: unknown): ToOneChange {
  if (value === undefined) return KEEP;
  const direct = reference(value);
  if (direct !== undefined) return to(direct);
  if (Array.isArray(value)) return value.length === 0 ? to(null) : toOneChange(value[value.length - 1]);
  if (value && typeof value === 'object') {
    const v = value as { set?: unknown; connect?: unknown; disconnect?: unknown };
    if (Array.isArray(v.set)) return v.set.length === 0 ? to(null) : toOneChange(v.set[v.set.length - 1]);
    const connect = Array.isArray(v.connect) ? v.connect : v.connect !== undefined ? [v.connect] : [];
    if (connect.length > 0) return toOneChange(connect[connect.length - 1]);
    const disconnect = Array.isArray(v.disconnect) ? v.disconnect : v.disconnect !== undefined ? [v.disconnect] : [];
    if (disconnect.length > 0) return to(null);
  }
  return KEEP;
}

/** The documentId an id or documentId names; undefined if no such entry. */
export async function documentIdOf(strapi: Core.Strapi, uid: string, target: string | number): Promise<string | undefined> {
  if (typeof target === 'string' && !/^\d+$/.test(target)) return target;
  const row = await strapi.db.query(uid as UID.Schema).findOne({ where: { id: Number(target) }, select: ['documentId'] });
  return (row as { documentId?: string } | null)?.documentId;
}
