import type { Core, UID } from '@strapi/strapi';

type Attribute = { type: string; component?: string; components?: string[]; target?: string; relation?: string; multiple?: boolean; private?: boolean };
type Row = Record<string, unknown>;

/** Strapi's bookkeeping, not the editor's content: left out of a version and of a restore. */
const BOOKKEEPING = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations', 'locale']);

const attributesOf = (strapi: Core.Strapi, uid: string) => (strapi.getModel(uid as UID.Schema)?.attributes ?? {}) as Record<string, Attribute>;

/** Everything of an entry: components and dynamic zones all the way down, relations and media by reference. */
export function fullPopulate(strapi: Core.Strapi, uid: string): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (BOOKKEEPING.has(name)) continue;
    if (attribute.type === 'component') {
      const inner = fullPopulate(strapi, attribute.component!);
      populate[name] = Object.keys(inner).length > 0 ? { populate: inner } : true;
    } else if (attribute.type === 'dynamiczone') {
      populate[name] = { on: Object.fromEntries((attribute.components ?? []).map((component) => [component, { populate: fullPopulate(strapi, component) }])) };
    } else if (attribute.type === 'media') {
      populate[name] = { fields: ['url', 'name'] };
    } else if (attribute.type === 'relation' && !attribute.target?.startsWith('admin::')) {
      populate[name] = { fields: ['documentId'] };
    }
  }
  return populate;
}

const mediaRef = (file: unknown) => (file && typeof file === 'object' ? { id: (file as Row).id, url: (file as Row).url } : null);
const relationRef = (entry: unknown) => (entry && typeof entry === 'object' ? (entry as Row).documentId : null);

/** What a version stores: the content fields in the schema's order, with references by documentId (entries) and id (files). */
export function toSnapshot(strapi: Core.Strapi, uid: string, entry: Row): Row {
  const snapshot: Row = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (BOOKKEEPING.has(name) || attribute.type === 'password') continue;
    const value = entry[name];
    if (attribute.type === 'component') {
      const part = (item: unknown) => (item && typeof item === 'object' ? toSnapshot(strapi, attribute.component!, item as Row) : null);
      snapshot[name] = Array.isArray(value) ? value.map(part) : part(value);
    } else if (attribute.type === 'dynamiczone') {
      snapshot[name] = Array.isArray(value) ? value.map((item: Row) => ({ __component: item.__component, ...toSnapshot(strapi, String(item.__component), item) })) : [];
    } else if (attribute.type === 'media') {
      snapshot[name] = Array.isArray(value) ? value.map(mediaRef) : mediaRef(value);
    } else if (attribute.type === 'relation') {
      if (attribute.target?.startsWith('admin::')) continue;
      snapshot[name] = Array.isArray(value) ? value.map(relationRef) : relationRef(value);
    } else {
      snapshot[name] = value ?? null;
    }
  }
  return snapshot;
}

/** A version back into the Document Service's input: files by id, entries by documentId, components whole. */
export function toWriteData(strapi: Core.Strapi, uid: string, snapshot: Row): Row {
  const data: Row = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (!(name in snapshot)) continue;
    const value = snapshot[name];
    if (attribute.type === 'component') {
      const part = (item: unknown) => (item && typeof item === 'object' ? toWriteData(strapi, attribute.component!, item as Row) : null);
      data[name] = Array.isArray(value) ? value.map(part) : part(value);
    } else if (attribute.type === 'dynamiczone') {
      data[name] = Array.isArray(value) ? value.map((item: Row) => ({ __component: item.__component, ...toWriteData(strapi, String(item.__component), item) })) : [];
    } else if (attribute.type === 'media') {
      data[name] = Array.isArray(value) ? value.map((file: Row) => file.id) : ((value as Row | null)?.id ?? null);
    } else if (attribute.type === 'relation') {
      data[name] = Array.isArray(value) ? { set: value.map((documentId) => ({ documentId })) } : value === null ? { set: [] } : { set: [{ documentId: value }] };
    } else {
      data[name] = value;
    }
  }
  return data;
}
