import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every runtime file lives under var/ (git-ignored), so a clean clone has none. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const envFile = path.join(repoRoot, '.env');
export const varDir = path.join(repoRoot, 'var');
export const siteTokenFile = path.join(varDir, 'site-token');
