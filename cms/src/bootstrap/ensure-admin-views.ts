import type { Core } from '@strapi/strapi';
import { ADMIN_LABELS, ADMIN_LISTS, EDIT_LAYOUTS, ENTRY_TITLES, MAIN_FIELDS } from './admin-labels';

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
interface ViewConfiguration {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: unknown };
}

/**
 * Applies the Vietnamese labels, list views and edit layouts once, on the first boot that has them; after
 * that, what an administrator changes in "Configure the view" is theirs to keep.
 */
export async function ensureAdminViews(strapi: Core.Strapi): Promise<void> {
  const marker = strapi.store({ type: 'core', name: 'portal', key: 'admin-views-v2' });
  if (await marker.get({})) return;
  const contentTypes = strapi.plugin('content-manager').service('content-types');

  for (const [uid, labels] of Object.entries(ADMIN_LABELS)) {
    const contentType = contentTypes.findContentType(uid);
    const current = (await contentTypes.findConfiguration(contentType)) as ViewConfiguration;
    const metadatas = structuredClone(current.metadatas);
    for (const [field, [label, description]] of Object.entries(labels)) {
      const meta = metadatas[field] ?? {};
      const mainField = MAIN_FIELDS[uid]?.[field];
      metadatas[field] = {
        edit: { ...meta.edit, label, description, ...(mainField ? { mainField } : {}) },
        list: { ...meta.list, label, ...(mainField ? { mainField } : {}) },
      };
    }
    const list = ADMIN_LISTS[uid];
    const edit = EDIT_LAYOUTS[uid]?.map((row) => row.map(([name, size]) => ({ name, size })));
    const settings = { ...current.settings, ...(ENTRY_TITLES[uid] ? { mainField: ENTRY_TITLES[uid] } : {}) };
    await contentTypes.updateConfiguration(contentType, {
      settings: list ? { ...settings, defaultSortBy: list.sortBy, defaultSortOrder: list.order } : settings,
      metadatas,
      layouts: { ...current.layouts, list: list?.columns ?? current.layouts.list, edit: edit ?? current.layouts.edit },
    });
  }
  await marker.set({ value: { at: new Date().toISOString() } });
}
