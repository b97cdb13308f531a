/** The largest upload of each kind, from the environment (README's configuration table). */
export interface UploadLimits {
  /** UPLOAD_MAX_BYTES: a photo. */
  photoMaxBytes: number;
  /** DOCUMENT_MAX_BYTES: a PDF, DOCX, ODT or XLSX. */
  documentMaxBytes: number;
  /** What the request body may carry: the larger of the two. */
  requestMaxBytes: number;
}

export const PHOTO_MAX_BYTES_DEFAULT = 10 * 1024 * 1024;
export const DOCUMENT_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

function bytes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`${name} must be a whole number of bytes, e.g. ${fallback} (got "${raw}").`);
  }
  return Number(raw);
}

/** Read when asked, so a test's or a restart's environment is the one in force. */
export function uploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  const photoMaxBytes = bytes(env, 'UPLOAD_MAX_BYTES', PHOTO_MAX_BYTES_DEFAULT);
  const documentMaxBytes = bytes(env, 'DOCUMENT_MAX_BYTES', DOCUMENT_MAX_BYTES_DEFAULT);
  return { photoMaxBytes, documentMaxBytes, requestMaxBytes: Math.max(photoMaxBytes, documentMaxBytes) };
}
