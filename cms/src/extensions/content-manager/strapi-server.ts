import type { Core } from '@strapi/strapi';
import { SLUG_SOURCES, uniqueSlug } from '../../content-rules/fill-slug';
import { assertMayPreview } from '../../preview/preview-permission';

interface GenerateParams {
  contentTypeUID: string;
  field: string;
  data: Record<string, unknown>;
  locale?: string;
}

type UidService = { generateUIDField(params: GenerateParams): Promise<string> } & Record<string, unknown>;
type Controller = Record<string, (ctx: any) => unknown>;
type Plugin = {
  services: Record<string, (deps: { strapi: Core.Strapi }) => UidService>;
  controllers: Record<string, (deps: { strapi: Core.Strapi }) => Controller>;
};

/**
 * The admin's slug field: Strapi would offer the type's name ("article", "article-1")
 * for a new entry and transliterate titles its own way. Here a new entry starts with an
 * empty slug, which the content rules fill from the title on save, and the "regenerate"
 * button gives the same Vietnamese slug the rules would (đ → d).
 */
export default (plugin: Plugin): Plugin => {
  const strapiUid = plugin.services.uid!;
  plugin.services.uid = (deps) => {
    const service = strapiUid(deps);
    return {
      ...service,
      async generateUIDField(params: GenerateParams) {
        const source = SLUG_SOURCES[params.contentTypeUID];
        if (!source || params.field !== 'slug') return service.generateUIDField.call(this, params);
        const text = params.data[source];
        if (typeof text !== 'string' || text.trim() === '') return '';
        const own = typeof params.data.id === 'string' && params.data.id !== '' ? params.data.id : undefined;
        return uniqueSlug(deps.strapi, params.contentTypeUID, text, own);
      },
    };
  };

  // The preview link is signed only for an admin whose role may read the entry.
  const strapiPreview = plugin.controllers.preview;
  if (strapiPreview) {
    plugin.controllers.preview = (deps) => {
      const controller = strapiPreview(deps);
      return {
        ...controller,
        async getPreviewUrl(ctx) {
          await assertMayPreview(deps.strapi, ctx);
          return controller.getPreviewUrl!(ctx);
        },
      };
    };
  }
  return plugin;
};
