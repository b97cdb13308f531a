/**
 * `npm run rollback [-- <release-id>]`: points the public site back at an earlier release
 * (default: the one before the live one), with the same atomic swap as a publish, then runs
 * DEPLOY_COMMAND as a publish does (nginx reloads the release's redirects). The next
 * publish builds from the CMS and goes live as usual.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { deployCommandFromEnv, publisherDirFromEnv } from './publisher/config.js';
import { runDeployCommand } from './publisher/deploy-command.js';
import { PublisherAuditLog } from './publisher/publisher-audit-log.js';
import { ReleaseStore } from './publisher/release-store.js';

const { positionals } = parseArgs({ allowPositionals: true });
const publisherDir = publisherDirFromEnv();
const store = new ReleaseStore(publisherDir);
const releases = await store.list();
const current = (await store.current())?.id;

function fail(message: string): never {
  console.error(message);
  console.error(`Releases (oldest first): ${releases.join(', ') || 'none'}`);
  process.exit(1);
}

const index = current ? releases.indexOf(current) : -1;
const target = positionals[0] ?? (index > 0 ? releases[index - 1] : index === -1 ? releases.at(-1) : undefined);
if (!target) fail(`No release before the live one (${current ?? 'none'}) to roll back to.`);
if (!releases.includes(target)) fail(`No release ${target}.`);
if (target === current) {
  console.log(`${target} is already live; nothing changed.`);
  process.exit(0);
}
await store.swap(target);
await new PublisherAuditLog(publisherDir).append({
  actor: `${os.userInfo().username}@${os.hostname()} (npm run rollback)`,
  actorKind: 'script',
  action: 'publisher.rollback',
  subjectType: 'release',
  subjectId: target,
  clientAddress: null,
  detail: { from: current ?? null, to: target },
});
console.log(`Rolled back: current ${current ?? '(none)'} → ${target}`);
const deployCommand = deployCommandFromEnv();
if (deployCommand) {
  const deployed = await runDeployCommand(deployCommand, store.releaseDir(target), { output: process.stdout });
  if (!deployed.ok) {
    console.error(`DEPLOY_COMMAND failed: ${deployed.error} (the rollback stands)`);
    process.exitCode = 1;
  }
}
