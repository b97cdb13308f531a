import type { Core } from '@strapi/strapi';
import type { ContentTypeDeclaration } from '../content-model/content-types.js';
import { loadedDeclarations } from '../utils/our-content-types';

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
interface ViewConfiguration {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: unknown };
}
interface ContentTypesService {
  findContentType(uid: string): unknown;
  findConfiguration(contentType: unknown): Promise<ViewConfiguration>;
  updateConfiguration(contentType: unknown, configuration: ViewConfiguration): Promise<unknown>;
}
interface Applied {
  at: string;
  /** The types whose views were applied; absent in the first markers, which covered LEGACY_TYPES. */
  types?: string[];
}

/** The types an `admin-views-v2` marker without a list of types was written for. */
const LEGACY_TYPES = ['article', 'attendee', 'resolution-task', 'photo-gallery', 'category', 'site-setting'].map((name) => `api::${name}.${name}`);

/**
 * Help texts once applied that repeated Strapi's own hint (its max length and minimum show
 * under the field): replaced by the declaration's where an administrator left them as they were.
 */
const RETIRED_HELP: readonly [uid: string, field: string, help: string][] = [
  ['api::article.article', 'title', 'Tối đa 300 ký tự.'],
  ['api::article.article', 'viewCount', 'Số nguyên không âm.'],
  ['api::resolution-task.resolution-task', 'order', 'Bắt đầu từ 1, không trùng trong cùng bài và năm.'],
];

/** A type's view as declared (labels, list, edit layout, main fields), over what Strapi has. */
function declaredView(type: ContentTypeDeclaration, current: ViewConfiguration): ViewConfiguration {
  const metadatas = structuredClone(current.metadatas);
  for (const [field, [label, description]] of Object.entries(type.labels.fields)) {
    const meta = metadatas[field] ?? {};
    const mainField = type.admin.relationMainFields?.[field];
    metadatas[field] = {
      edit: { ...meta.edit, label, description, ...(mainField ? { mainField } : {}) },
      list: { ...meta.list, label, ...(mainField ? { mainField } : {}) },
    };
  }
  const { list, editLayout } = type.admin;
  const settings = { ...current.settings, mainField: type.admin.mainField };
  return {
    settings: list ? { ...settings, defaultSortBy: list.sortBy, defaultSortOrder: list.order } : settings,
    metadatas,
    layouts: {
      ...current.layouts,
      list: list ? [...list.columns] : current.layouts.list,
      edit: editLayout ? editLayout.map((row) => row.map(([name, size]) => ({ name, size }))) : current.layouts.edit,
    },
  };
}

/**
 * Applies each declared type's Vietnamese labels, list view and edit layout
 * (cms/src/content-model) once, on the first boot that has the type; after that, what an
 * administrator changes in "Configure the view" is theirs to keep.
 */
export async function ensureAdminViews(strapi: Core.Strapi): Promise<void> {
  const marker = strapi.store({ type: 'core', name: 'portal', key: 'admin-views-v2' });
  const applied = (await marker.get({})) as Applied | null;
  const done = new Set(applied ? (applied.types ?? LEGACY_TYPES) : []);
  const contentTypes = strapi.plugin('content-manager').service('content-types') as ContentTypesService;
  const declared = loadedDeclarations(strapi);

  for (const type of declared.filter((t) => !done.has(t.uid))) {
    const contentType = contentTypes.findContentType(type.uid);
    await contentTypes.updateConfiguration(contentType, declaredView(type, await contentTypes.findConfiguration(contentType)));
    done.add(type.uid);
  }
  if (!applied || done.size !== (applied.types ?? LEGACY_TYPES).length) {
    await marker.set({ value: { at: new Date().toISOString(), types: [...done] } satisfies Applied });
  }
  await retireHelp(contentTypes, declared);
  await labelFieldsAddedLater(contentTypes, declared.filter((t) => applied && (applied.types ?? LEGACY_TYPES).includes(t.uid)));
}

/**
 * A field added to a type whose views were applied before (withdrawalReason) gets Strapi's
 * default label, its own name: it is given the declared label and help, once, where no
 * administrator has named it since.
 */
async function labelFieldsAddedLater(contentTypes: ContentTypesService, declared: ContentTypeDeclaration[]): Promise<void> {
  for (const type of declared) {
    const contentType = contentTypes.findContentType(type.uid);
    const current = await contentTypes.findConfiguration(contentType);
    const unnamed = Object.entries(type.labels.fields).filter(([field]) => current.metadatas[field]?.edit?.label === field);
    if (unnamed.length === 0) continue;
    const metadatas = { ...current.metadatas };
    for (const [field, [label, description]] of unnamed) {
      const meta = metadatas[field] ?? {};
      metadatas[field] = { ...meta, edit: { ...meta.edit, label, description }, list: { ...meta.list, label } };
    }
    await contentTypes.updateConfiguration(contentType, { ...current, metadatas });
  }
}

async function retireHelp(contentTypes: ContentTypesService, declared: ContentTypeDeclaration[]): Promise<void> {
  for (const [uid, field, old] of RETIRED_HELP) {
    const type = declared.find((t) => t.uid === uid);
    const help = type?.labels.fields[field]?.[1];
    if (!type || help === undefined || help === old) continue;
    const contentType = contentTypes.findContentType(uid);
    const current = await contentTypes.findConfiguration(contentType);
    const edit = current.metadatas[field]?.edit;
    if (!edit || edit.description !== old) continue;
    const metadatas = { ...current.metadatas, [field]: { ...current.metadatas[field], edit: { ...edit, description: help } } };
    await contentTypes.updateConfiguration(contentType, { ...current, metadatas });
  }
}
