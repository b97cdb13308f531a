/**
 * What the portal knows about a content type beyond Strapi's schema.json, declared once. The
 * CMS (labels, admin views, roles, content rules, preview, scheduling), the site (loaders,
 * URLs, structured data, navigation), the publisher (event classes, build planning, status)
 * and the corpus generator read it from here. Plain data: nothing from Strapi or Astro, so
 * cms/ and site/ may both import it (the one exception to "they meet over REST").
 */

/** A field's Vietnamese label and short help in the admin; the schema keeps English names (they are the API). */
export type FieldLabels = Readonly<Record<string, readonly [label: string, help: string]>>;

export type EditRow = readonly (readonly [field: string, size: number])[];

export interface ContentTypeDeclaration {
  /** Strapi's UID; its schema is cms/src/api/<name>/content-types/<name>/schema.json. */
  readonly uid: `api::${string}.${string}`;
  readonly kind: 'collectionType' | 'singleType';
  /** REST path under /api/: Strapi's pluralName for a collection, singularName for a single type. */
  readonly restPath: string;
  /** The site's content-layer collection (site/src/content.config.ts). */
  readonly collection: string;
  /** Drafts live beside the published version: saving a draft changes nothing public, authors may write, editors publish. */
  readonly draftAndPublish: boolean;
  /** Takes publishAt / unpublishAt, run by the CMS's cron. */
  readonly scheduled: boolean;
  readonly labels: {
    readonly singular: string;
    readonly plural: string;
    /** Every attribute of the schema, with its label and help. */
    readonly fields: FieldLabels;
  };
  readonly admin: {
    /** The field that titles an entry: the edit view's heading and its name in relation pickers. */
    readonly mainField: string;
    /** The list view: the columns editors scan and the default order. */
    readonly list?: { readonly columns: readonly string[]; readonly sortBy: string; readonly order: 'ASC' | 'DESC' };
    /** Which field of the target names each relation in the admin. */
    readonly relationMainFields?: Readonly<Record<string, string>>;
    /** The edit view's rows in the order an editor works; sizes are of 12. */
    readonly editLayout?: readonly EditRow[];
  };
  /** The `slug` field is made from this field by the Vietnamese rule when left empty. */
  readonly slugFrom?: string;
  /** Where its pages live on the public site (`/tin-tuc/`); absent for a type without pages of its own. */
  readonly urlBase?: `/${string}/`;
  /**
   * Unpublishing or deleting an entry leaves a 410 "withdrawn" page at its path instead of a 404
   * (cms/src/redirects/). `reasonField` is what the editor wrote before unpublishing;
   * `titleFields` name the withdrawn page (joined by ": "); `firstPublishedField` is the entry's own
   * date of first publication, when it has one (the earliest known date is taken).
   */
  readonly withdrawal?: { readonly reasonField: string; readonly titleFields: readonly string[]; readonly firstPublishedField?: string };
  /** Its preview, under /ban-xem-truoc/ on the preview server: `entry` for one per documentId, `single` for a single type's. */
  readonly preview?: { readonly path: string; readonly per: 'entry' | 'single' };
}

/** How the publisher treats the type's webhook events. */
export type EventClass = 'draft-and-publish' | 'live';

export const eventClass = (type: ContentTypeDeclaration): EventClass => (type.draftAndPublish ? 'draft-and-publish' : 'live');

/** Identity, with the literal types kept, so `CONTENT_TYPES.article.collection` is `'articles'`. */
export const declareType = <const T extends ContentTypeDeclaration>(type: T): T => type;
