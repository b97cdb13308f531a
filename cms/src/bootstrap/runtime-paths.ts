import path from 'node:path';

/** The repo root, from src/ or dist/src/ alike (dist/ mirrors the tree one level deeper). */
const up = __dirname.includes(`${path.sep}dist${path.sep}`) ? ['..', '..', '..', '..'] : ['..', '..', '..'];
export const repoRoot = path.resolve(__dirname, ...up);

/** Where the site build reads its API token: git-ignored, written once, never logged. */
export const siteTokenFile = () => path.resolve(repoRoot, process.env.SITE_TOKEN_FILE || 'var/site-token');

/** Where the publisher's preview reads the draft-reading token. */
export const previewTokenFile = () => path.resolve(repoRoot, process.env.PREVIEW_TOKEN_FILE || 'var/preview-token');

/** Where the engagement service reads the token that files citizens' questions. */
export const questionTokenFile = () => path.resolve(repoRoot, process.env.QUESTION_TOKEN_FILE || 'var/question-token');
