/**
 * `npm run bench:cms [-- --runs 3]`: boots the CMS in fresh processes on SQLite and on
 * PostgreSQL: a first boot with the sample import, one without (the difference is the
 * import), and a second boot; prints boot-to-ready and resident memory at rest.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/paths.js';
import { withPostgresAdmin } from '../lib/postgres-admin.js';
import { formatRange, mebibytes, seconds, table } from './stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);

interface Boot {
  bootMs: number;
  imported: boolean;
  rssAtRest: number;
}

function bootOnce(env: Record<string, string>): Boot {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/bench/cms-boot-once.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Boot;
}

const databases: Record<string, () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>> = {
  SQLite: async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-boot-'));
    return { env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') }, drop: async () => rmSync(dir, { recursive: true }) };
  },
  PostgreSQL: async () => {
    const name = `portal_bench_${Date.now()}`;
    await withPostgresAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_HOST: '127.0.0.1', DATABASE_NAME: name, DATABASE_USERNAME: 'postgres' },
      drop: () => withPostgresAdmin((c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`)).then(() => undefined),
    };
  },
};

const rows: string[][] = [];
for (const [label, create] of Object.entries(databases)) {
  const bare: Boot[] = [];
  const first: Boot[] = [];
  const second: Boot[] = [];
  for (let run = 0; run < runs; run += 1) {
    const [a, b] = [await create(), await create()];
    try {
      bare.push(bootOnce({ ...a.env, SEED: 'false' }));
      first.push(bootOnce({ ...b.env, SEED: 'true' }));
      second.push(bootOnce({ ...b.env, SEED: 'true' }));
    } finally {
      await a.drop();
      await b.drop();
    }
    process.stderr.write(`${label} run ${run + 1}: first ${seconds(first.at(-1)!.bootMs)}, second ${seconds(second.at(-1)!.bootMs)}\n`);
  }
  const importMs = first.map((boot, i) => boot.bootMs - bare[i]!.bootMs);
  rows.push([
    label,
    formatRange(first.map((b) => b.bootMs), seconds),
    formatRange(importMs, seconds),
    formatRange(second.map((b) => b.bootMs), seconds),
    formatRange(second.map((b) => b.rssAtRest), mebibytes),
  ]);
}
console.log(`\nCMS boot to ready, ${runs} fresh processes each, ${os.cpus().length} cores, Node ${process.version}\n`);
console.log(table(['database', 'first boot (schema + sample)', 'sample import (vs SEED=false)', 'second boot', 'RSS at rest'], rows));
