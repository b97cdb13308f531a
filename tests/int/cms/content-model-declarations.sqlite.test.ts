import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES, type ContentTypeDeclaration } from '../../../cms/src/content-model/content-types.js';
import { planBuild } from '../../../scripts/publisher/incremental/plan-build.js';
import { decideStrapiEvent } from '../../../scripts/publisher/strapi-event.js';
import { newTrigger } from '../../../scripts/publisher/trigger.js';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

/**
 * Each content type is declared once (cms/src/content-model) and everything else reads the
 * declaration: this holds the declaration, Strapi's schema, the site's loader, pages and
 * preview, and the publisher together, so a type added in one place and forgotten in another
 * fails here, naming the type and the fact. docs/architecture.md's checklist is what it checks.
 */

/**
 * Facts not there yet while a type is being added (issue 18: Văn bản). Each pair is expected to
 * fail (`it.fails`), so it must leave this list the day it holds. The final integrator empties it.
 */
const KNOWN_MISSING: readonly (readonly [uid: string, rule: string])[] = [];

interface Attribute {
  type: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
  target?: string;
  targetField?: string;
}
interface StrapiType {
  kind: 'collectionType' | 'singleType';
  info: { singularName: string; pluralName: string };
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, Attribute>;
}

/** Strapi adds these to every type; the declaration labels only what the schema declares. */
const SYSTEM_ATTRIBUTES = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

interface World {
  strapiTypes: Record<string, StrapiType>;
  collections: Record<string, { endpoint: string; single?: boolean }> | Error;
  pageFiles: string[];
  previewFiles: string[];
}

/** Files under a folder of the repo, as `a/b/[c].astro`. */
const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(repoRoot, dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'));

const ownAttributes = (schema: StrapiType) => Object.keys(schema.attributes).filter((name) => !SYSTEM_ATTRIBUTES.has(name));

type Rule = (type: ContentTypeDeclaration, world: World, schema: StrapiType | undefined) => string[];
/** A rule that reads Strapi's schema holds vacuously for a type Strapi lacks: `Strapi loads it` names that once. */
const withSchema = (rule: (type: ContentTypeDeclaration, schema: StrapiType, world: World) => string[]): Rule => (type, world, schema) =>
  schema ? rule(type, schema, world) : [];

/** Which declared fields the admin names, where. */
const adminFields = (type: ContentTypeDeclaration): [where: string, field: string][] => [
  ['mainField', type.admin.mainField],
  ...(type.admin.list ? [...type.admin.list.columns.map((f) => ['list', f] as [string, string]), ['list sortBy', type.admin.list.sortBy] as [string, string]] : []),
  ...(type.admin.editLayout ?? []).flat().map(([f]) => ['editLayout', f] as [string, string]),
  ...Object.keys(type.admin.relationMainFields ?? {}).map((f) => ['relationMainFields', f] as [string, string]),
  ...(type.slugFrom ? [['slugFrom', type.slugFrom] as [string, string]] : []),
];

/**
 * Whether a page file (`van-ban/[facet]/[value]/index.astro`) serves entries under a URL base
 * (`/van-ban/loai/`): its path runs through the base, a `[param]` segment standing for any, and
 * goes on with a parameter of its own.
 */
function routesEntries(file: string, urlBase: string): boolean {
  const base = urlBase.split('/').filter(Boolean);
  const route = file.replace(/\.(astro|ts)$/, '').split('/');
  const dynamic = (segment: string) => /^\[[^.\]][^\]]*\]$/.test(segment);
  if (route.length <= base.length) return false;
  return base.every((segment, i) => route[i] === segment || dynamic(route[i]!)) && route.slice(base.length).some(dynamic);
}

/** What Strapi's own hint under a field already says: its limits and that it is required. */
function hintRepeats(attribute: Attribute, help: string): string[] {
  const limits = [attribute.maxLength, attribute.minLength, attribute.min, attribute.max].filter((n): n is number => typeof n === 'number');
  return [
    ...limits.filter((n) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(help)).map((n) => `repeats the limit ${n}`),
    ...(attribute.required && /bắt buộc/i.test(help) ? ['repeats "required"'] : []),
  ];
}

/** The facts a declared type must hold, each named; a rule returns what is wrong, or nothing. */
const RULES: [name: string, rule: Rule][] = [
  ['Strapi loads it', (type, _world, schema) => (schema ? [] : [`no ${type.uid} in Strapi (cms/src/api/<name>/content-types/<name>/schema.json)`])],
  ['its kind is the schema\'s', withSchema((type, schema) => (schema.kind === type.kind ? [] : [`declared ${type.kind}, schema ${schema.kind}`]))],
  [
    'its restPath is the schema\'s pluralName (singularName for a single type)',
    withSchema((type, schema) => {
      const wanted = type.kind === 'singleType' ? schema.info.singularName : schema.info.pluralName;
      return wanted === type.restPath ? [] : [`declared ${type.restPath}, schema ${wanted}`];
    }),
  ],
  [
    'its draftAndPublish is the schema\'s',
    withSchema((type, schema) => (Boolean(schema.options?.draftAndPublish) === type.draftAndPublish ? [] : [`declared ${type.draftAndPublish}, schema ${Boolean(schema.options?.draftAndPublish)}`])),
  ],
  ['every attribute has a label', withSchema((type, schema) => ownAttributes(schema).filter((f) => !(f in type.labels.fields)).map((f) => `${f} has no label`))],
  ['every label names an attribute', withSchema((type, schema) => Object.keys(type.labels.fields).filter((f) => !ownAttributes(schema).includes(f)).map((f) => `${f} is no attribute`))],
  ['the admin names attributes only', withSchema((type, schema) => adminFields(type).filter(([, f]) => !(f in schema.attributes)).map(([where, f]) => `${where}: ${f} is no attribute`))],
  [
    'each relation is named by a field of its target',
    withSchema((type, schema, world) =>
      Object.entries(type.admin.relationMainFields ?? {}).flatMap(([field, mainField]) => {
        const target = schema.attributes[field]?.target;
        if (!target) return [`${field} is no relation`];
        const targetType = world.strapiTypes[target];
        return !targetType || mainField in targetType.attributes ? [] : [`${field} → ${target} has no ${mainField}`];
      }),
    ),
  ],
  [
    'its slug is made from slugFrom, as the schema says',
    withSchema((type, schema) => {
      const slug = schema.attributes.slug;
      if (!type.slugFrom) return slug?.type === 'uid' ? ['the schema has a uid slug but the declaration no slugFrom'] : [];
      return slug?.type === 'uid' && slug.targetField === type.slugFrom ? [] : [`slugFrom ${type.slugFrom}, schema's slug targets ${slug?.targetField ?? '(no uid slug)'}`];
    }),
  ],
  [
    'its withdrawal (410 page) names its own attributes, on a type with entry pages',
    withSchema((type, schema) => {
      const withdrawal = type.withdrawal;
      if (!withdrawal) return [];
      const fields = [withdrawal.reasonField, ...withdrawal.titleFields, ...(withdrawal.firstPublishedField ? [withdrawal.firstPublishedField] : [])];
      return [
        ...(type.urlBase && type.slugFrom ? [] : ['a withdrawal needs entry pages (urlBase and a slug)']),
        ...fields.filter((f) => !(f in schema.attributes)).map((f) => `withdrawal: ${f} is no attribute`),
      ];
    }),
  ],
  [
    'a scheduled type has publishAt and unpublishAt datetimes',
    withSchema((type, schema) => (type.scheduled ? ['publishAt', 'unpublishAt'].filter((f) => schema.attributes[f]?.type !== 'datetime').map((f) => `no datetime ${f}`) : [])),
  ],
  [
    'no help text repeats Strapi\'s own hint',
    withSchema((type, schema) =>
      Object.entries(type.labels.fields).flatMap(([field, [, help]]) => (schema.attributes[field] ? hintRepeats(schema.attributes[field], help).map((p) => `${field}: ${p}`) : [])),
    ),
  ],
  [
    'a loader reads it (site/src/loaders/collections.ts, key = collection, endpoint = restPath)',
    (type, world) => {
      if (world.collections instanceof Error) return [`collections.ts does not load: ${world.collections.message}`];
      const spec = world.collections[type.collection];
      if (!spec) return [`no COLLECTIONS.${type.collection}`];
      return [
        ...(spec.endpoint === type.restPath ? [] : [`endpoint ${spec.endpoint}, restPath ${type.restPath}`]),
        ...(Boolean(spec.single) === (type.kind === 'singleType') ? [] : [`single: ${Boolean(spec.single)} for a ${type.kind}`]),
      ];
    },
  ],
  [
    'it has a page route under its urlBase (site/src/pages)',
    (type, world) => (!type.urlBase || world.pageFiles.some((file) => routesEntries(file, type.urlBase!)) ? [] : [`no site/src/pages${type.urlBase}[…] page`]),
  ],
  [
    'it has a preview page (site/src/preview/pages/ban-xem-truoc/)',
    (type, world) => {
      if (!type.preview) return [];
      const wanted = type.preview.per === 'single' ? `${type.preview.path}.astro` : `${type.preview.path}/[documentId].astro`;
      return world.previewFiles.includes(wanted) ? [] : [`no ban-xem-truoc/${wanted}`];
    },
  ],
  [
    'the publisher classes its events by draft & publish',
    (type) => {
      const draftSave = decideStrapiEvent({ event: 'entry.update', createdAt: new Date(), uid: type.uid, model: type.uid.split('.')[1], entry: { documentId: 'd1', publishedAt: null } });
      const publicChange = decideStrapiEvent({ event: 'entry.update', createdAt: new Date(), uid: type.uid, model: type.uid.split('.')[1], entry: { documentId: 'd1', publishedAt: '2026-01-01T00:00:00Z' } });
      return [
        ...(draftSave.queued === !type.draftAndPublish ? [] : [`a draft save ${draftSave.queued ? 'rebuilds' : 'is skipped'}: ${draftSave.reason}`]),
        ...(publicChange.queued ? [] : [`a published change is skipped: ${publicChange.reason}`]),
      ];
    },
  ],
  [
    'the publisher follows its pages in incremental builds',
    (type) => {
      const now = new Date('2026-12-01T10:00:00Z');
      const plan = planBuild({
        triggers: [newTrigger({ source: 'strapi', event: 'entry.publish', uid: type.uid, documentId: 'd1' }, now)],
        clearCache: false,
        attempt: 1,
        hasLive: true,
        liveMap: { sourceHash: 'h', fullBuildAt: '2026-12-01T09:00:00Z' },
        sourceHash: 'h',
        now,
        fullBuildEveryMs: 24 * 3600_000,
      });
      return plan.kind === 'incremental' ? [] : [`planned ${plan.kind}: ${plan.reason}`];
    },
  ],
];

describe('each content type declared once, and everything it needs there', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  const world: World = { strapiTypes: {}, collections: {}, pageFiles: [], previewFiles: [] };

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db, { SEED: 'false' });
    world.strapiTypes = Object.fromEntries(
      Object.entries(cms.strapi.contentTypes as unknown as Record<string, StrapiType>).filter(([uid]) => uid.startsWith('api::')),
    );
    // Imported by a computed path: the site's own modules are Astro's to type-check, not this project's tsc.
    const loaders = '../../../site/src/loaders/collections.js';
    world.collections = await import(/* @vite-ignore */ loaders).then(
      (module) => module.COLLECTIONS as unknown as World['collections'],
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    world.pageFiles = filesUnder('site/src/pages');
    world.previewFiles = filesUnder('site/src/preview/pages/ban-xem-truoc');
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    delete process.env.SEED;
  });

  it('declares every api:: type Strapi loads (cms/src/content-model/content-types.ts)', () => {
    const declared = new Set<string>(ALL_CONTENT_TYPES.map((type) => type.uid));
    expect(Object.keys(world.strapiTypes).filter((uid) => !declared.has(uid))).toEqual([]);
  });

  const known = new Set(KNOWN_MISSING.map(([uid, rule]) => `${uid}\n${rule}`));
  for (const type of ALL_CONTENT_TYPES) {
    describe(type.uid, () => {
      for (const [name, rule] of RULES) {
        const test = known.has(`${type.uid}\n${name}`) ? it.fails : it;
        test(name, () => {
          expect(rule(type, world, world.strapiTypes[type.uid]), `${type.uid}: ${name}`).toEqual([]);
        });
      }
    });
  }

  /** Each rule fails on the fact it names: the article's declaration, bent one fact at a time. */
  type Mutable = { -readonly [K in keyof ContentTypeDeclaration]: any };
  const MUTATIONS: [rule: string, bend: (type: Mutable) => void][] = [
    ['Strapi loads it', (t) => (t.uid = 'api::bai-viet.bai-viet')],
    ['its kind is the schema\'s', (t) => (t.kind = 'singleType')],
    ['its restPath is the schema\'s pluralName (singularName for a single type)', (t) => (t.restPath = 'article')],
    ['its draftAndPublish is the schema\'s', (t) => (t.draftAndPublish = false)],
    ['every attribute has a label', (t) => delete t.labels.fields.lead],
    ['every label names an attribute', (t) => (t.labels.fields.subtitle = ['Tiêu đề phụ', ''])],
    ['the admin names attributes only', (t) => (t.admin.mainField = 'heading')],
    ['each relation is named by a field of its target', (t) => (t.admin.relationMainFields = { category: 'title' })],
    ['its slug is made from slugFrom, as the schema says', (t) => (t.slugFrom = 'lead')],
    ['no help text repeats Strapi\'s own hint', (t) => (t.labels.fields.title = ['Tiêu đề', 'Tối đa 300 ký tự.'])],
    ['a loader reads it (site/src/loaders/collections.ts, key = collection, endpoint = restPath)', (t) => (t.collection = 'news')],
    ['it has a page route under its urlBase (site/src/pages)', (t) => (t.urlBase = '/tin/')],
    ['it has a preview page (site/src/preview/pages/ban-xem-truoc/)', (t) => (t.preview = { path: 'tin', per: 'entry' })],
    ['the publisher classes its events by draft & publish', (t) => (t.draftAndPublish = false)],
    // A UID the portal does not declare may be on any page.
    ['the publisher follows its pages in incremental builds', (t) => (t.uid = 'api::poll.poll')],
    ['its withdrawal (410 page) names its own attributes, on a type with entry pages', (t) => (t.withdrawal = { reasonField: 'reason', titleFields: ['title'] })],
    // Scheduled, over a schema (the category's) without publishAt / unpublishAt.
    ['a scheduled type has publishAt and unpublishAt datetimes', (t) => (t.uid = 'api::category.category')],
  ];

  it.each(MUTATIONS)('catches a declaration that breaks "%s"', (name, bend) => {
    const article = ALL_CONTENT_TYPES.find((type) => type.uid === 'api::article.article')!;
    const bent = structuredClone(article) as Mutable;
    bend(bent);
    const rule = RULES.find(([ruleName]) => ruleName === name)![1];
    expect(rule(article, world, world.strapiTypes[article.uid])).toEqual([]);
    expect(rule(bent as ContentTypeDeclaration, world, world.strapiTypes[bent.uid])).not.toEqual([]);
  });

  it('bends every rule once', () => {
    expect(RULES.map(([name]) => name).filter((name) => !MUTATIONS.some(([rule]) => rule === name))).toEqual([]);
  });

  it('lists as known-missing only declared types and named rules', () => {
    const names = new Set(RULES.map(([name]) => name));
    expect(KNOWN_MISSING.filter(([uid, rule]) => !ALL_CONTENT_TYPES.some((t) => t.uid === uid) || !names.has(rule))).toEqual([]);
  });
});
