import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';

const PORTAL = 'dichvucong.gov.vn';

/** dichvucong.gov.vn or one of its subdomains, over https, with no credentials or odd port: the link citizens file on. */
export function isNationalPortalUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && !url.username && !url.password && url.port === '' && (host === PORTAL || host.endsWith(`.${PORTAL}`));
}

/** The "file online" link goes to the National Public Service Portal and nowhere else. */
export function checkProcedurePortalUrl(data: Record<string, unknown>): void {
  if (typeof data.nationalPortalUrl === 'string') data.nationalPortalUrl = data.nationalPortalUrl.trim();
  const { nationalPortalUrl: value } = data;
  if (value === undefined || value === null || value === '') return;
  if (typeof value !== 'string' || !isNationalPortalUrl(value)) {
    throw fieldError(CONTENT_TYPES.procedure.uid, ['nationalPortalUrl'], `must be an https address on ${PORTAL}, e.g. https://${PORTAL}/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193`);
  }
}
