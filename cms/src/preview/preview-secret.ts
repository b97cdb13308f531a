/** The shortest PREVIEW_SECRET accepted: an HMAC key anyone could guess would sign any draft's link. */
export const PREVIEW_SECRET_MIN_LENGTH = 32;

/**
 * PREVIEW_SECRET as the CMS uses it: empty turns the preview off; a short one stops the
 * CMS at start, naming the variable and the fix.
 */
export function previewSecret(value: string | undefined): string {
  const secret = value ?? '';
  if (secret !== '' && secret.length < PREVIEW_SECRET_MIN_LENGTH) {
    throw new Error(
      `PREVIEW_SECRET is shorter than ${PREVIEW_SECRET_MIN_LENGTH} characters (${secret.length}): ` +
        'set a longer one, or remove it and run `npm run setup` at the repo root to generate one.',
    );
  }
  return secret;
}
