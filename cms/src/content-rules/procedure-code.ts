import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';

const PROCEDURE = CONTENT_TYPES.procedure.uid;

/**
 * A procedure's code as the National Public Service Portal (dichvucong.gov.vn) gives it: one
 * digit, a dot and six digits (`1.001193`). The portal's local variants add suffixes with
 * letters (`1.001193.000.00.00.H26`); the unit links the procedure itself, so the bare code.
 */
export const PROCEDURE_CODE = /^[1-9]\.\d{6}$/;

/** Trims a pasted code (`" 1.001193 "`) and refuses anything but the portal's form. */
export function checkProcedureCode(data: Record<string, unknown>): void {
  if (typeof data.code === 'string') data.code = data.code.trim();
  const { code } = data;
  if (code === undefined || code === null || code === '') return;
  if (typeof code !== 'string' || !PROCEDURE_CODE.test(code)) {
    throw fieldError(PROCEDURE, ['code'], 'must be the code on the National Public Service Portal: a digit, a dot and six digits, e.g. 1.001193');
  }
}
