import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../publisher/run-process.js';
import { samplePeakRss } from '../peak-rss.js';

const templates = path.dirname(fileURLToPath(import.meta.url));

const hugoVersion = () => {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};

/** Debian's hugo, installed when missing (the benchmark machines run as root with apt). */
export function ensureHugo(): string {
  const found = hugoVersion();
  if (found) return found;
  process.stderr.write('hugo is missing: installing Debian\'s package (apt-get install -y hugo)…\n');
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'hugo'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = hugoVersion();
  if (!installed) throw new Error('hugo is still missing after apt-get install hugo');
  return installed;
}

/** One Hugo build of an exported content folder with the bench's templates (copied, as Hugo writes into its source). */
export async function hugoBuild(contentDir: string, workDir: string): Promise<{ wall: number; rss: number; outDir: string }> {
  const source = path.join(workDir, 'hugo-site');
  const outDir = path.join(workDir, 'hugo-public');
  rmSync(source, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  cpSync(templates, source, { recursive: true, filter: (file) => !file.endsWith('.ts') });
  const sampler = samplePeakRss(50);
  const start = performance.now();
  await runProcess('hugo', ['--source', source, '--contentDir', contentDir, '--destination', outDir, '--baseURL', 'http://localhost:4321/', '--quiet'], {
    output: new PassThrough().resume(),
    label: 'hugo',
  });
  return { wall: performance.now() - start, rss: sampler.stop(), outDir };
}
