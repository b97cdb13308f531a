import type { Core, UID } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { fieldError } from './field-error';

type Data = Record<string, unknown>;
type Path = Array<string | number>;

interface Attribute {
  type: string;
  min?: number | string;
  max?: number | string;
  minLength?: number;
  maxLength?: number;
  regex?: string;
  enum?: string[];
  component?: string;
  components?: string[];
  repeatable?: boolean;
}

const NUMBERS = new Set(['integer', 'biginteger', 'decimal', 'float']);
const TEXTS = new Set(['string', 'text', 'richtext', 'password', 'uid', 'email', 'enumeration']);
const email = yup.string().email();

const isSet = (value: unknown) => value !== undefined && value !== null;

/** A number as Strapi would store it; anything else is left to Strapi's own type check. */
function asNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** How many entries a relation's data names, when it says so plainly. */
function relationCount(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object' && Array.isArray((value as { set?: unknown }).set)) return (value as { set: unknown[] }).set.length;
  return undefined;
}

function checkCount(uid: string, path: Path, count: number | undefined, attribute: Attribute): void {
  if (count === undefined) return;
  if (isSet(attribute.min) && count < Number(attribute.min)) throw fieldError(uid, path, `must have at least ${attribute.min} entries`);
  if (isSet(attribute.max) && count > Number(attribute.max)) throw fieldError(uid, path, `must have at most ${attribute.max} entries`);
}

function checkValue(strapi: Core.Strapi, uid: string, path: Path, value: unknown, attribute: Attribute): void {
  if (!isSet(value)) return;
  if (NUMBERS.has(attribute.type)) {
    const n = asNumber(value);
    if (n === undefined) return;
    if (isSet(attribute.min) && n < Number(attribute.min)) throw fieldError(uid, path, `must be at least ${attribute.min}`);
    if (isSet(attribute.max) && n > Number(attribute.max)) throw fieldError(uid, path, `must be at most ${attribute.max}`);
    return;
  }
  if (TEXTS.has(attribute.type)) {
    if (typeof value !== 'string') return;
    if (isSet(attribute.minLength) && value.length < attribute.minLength! && value !== '') throw fieldError(uid, path, `must be at least ${attribute.minLength} characters`);
    if (isSet(attribute.maxLength) && value.length > attribute.maxLength!) throw fieldError(uid, path, `must be at most ${attribute.maxLength} characters`);
    if (attribute.regex && value !== '' && !new RegExp(attribute.regex).test(value)) throw fieldError(uid, path, 'has the wrong format');
    if (attribute.type === 'email' && value !== '' && !email.isValidSync(value)) throw fieldError(uid, path, 'must be an email address');
    if (attribute.type === 'enumeration' && !(attribute.enum ?? []).includes(value)) throw fieldError(uid, path, `must be one of ${(attribute.enum ?? []).join(', ')}`);
    return;
  }
  if (attribute.type === 'component' && attribute.component) {
    if (attribute.repeatable) {
      if (!Array.isArray(value)) return;
      checkCount(uid, path, value.length, attribute);
      value.forEach((item, index) => checkData(strapi, uid, attribute.component!, item, [...path, index]));
    } else {
      checkData(strapi, uid, attribute.component, value, path);
    }
    return;
  }
  if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
    checkCount(uid, path, value.length, attribute);
    value.forEach((item: Data, index) => {
      if (typeof item?.__component === 'string') checkData(strapi, uid, item.__component, item, [...path, index]);
    });
    return;
  }
  if (attribute.type === 'relation' || attribute.type === 'media') checkCount(uid, path, relationCount(value), attribute);
}

function checkData(strapi: Core.Strapi, uid: string, model: string, data: unknown, path: Path): void {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return;
  const attributes = (strapi.getModel(model as UID.Schema)?.attributes ?? {}) as Record<string, Attribute>;
  for (const [name, value] of Object.entries(data as Data)) {
    const attribute = attributes[name];
    if (attribute) checkValue(strapi, uid, [...path, name], value, attribute);
  }
}

/**
 * Every numeric, length, format and choice rule of the type's schema and its components,
 * drafts included: Strapi 5 checks some of them only when an entry is published.
 */
export function checkSchemaRules(strapi: Core.Strapi, uid: string, data: Data): void {
  checkData(strapi, uid, uid, data, []);
}
