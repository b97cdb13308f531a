import { createHmac } from 'node:crypto';

/**
 * The path token of `POST /hooks/deploy/<token>`: derived from REBUILD_SECRET, so rotating
 * the secret rotates every deploy-hook URL, and the URL never reveals the secret itself.
 */
export function deployToken(secret: string): string {
  return createHmac('sha256', secret).update('deploy-hook').digest('hex');
}
