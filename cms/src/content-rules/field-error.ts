import { errors } from '@strapi/utils';

/** A 400 that names the entry type and field, in the shape Strapi's own validator uses. */
export function fieldError(uid: string, path: Array<string | number>, message: string): errors.ValidationError {
  const field = path.join('.');
  return new errors.ValidationError(`${uid}: ${field} ${message}`, {
    errors: [{ path: path.map(String), message: `${field} ${message}`, name: 'ValidationError', value: null }],
  });
}
