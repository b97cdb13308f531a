/**
 * The ALTCHA widget of the question form, self-hosted and loaded by that page only. The
 * "external" build keeps the site's CSP as it is: its proof-of-work worker is a file of the
 * site (script-src 'self'), not a blob, and its styles a stylesheet. Without this script the
 * form still posts; the service then holds it to a stricter rate limit.
 */
import 'altcha/external';
import 'altcha/altcha.css';
import 'altcha/i18n/vi';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';

// The engagement service's challenges are PBKDF2/SHA-256 (scripts/engagement/proof-of-work.ts).
for (const algorithm of ['PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512']) {
  globalThis.$altcha.algorithms.set(algorithm, () => new Pbkdf2Worker());
}
