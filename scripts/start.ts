/**
 * `npm start`: the whole portal on one machine. Builds the CMS when its sources changed,
 * then runs it, the engagement service (/tuong-tac/) and the publisher, which builds the site once the CMS answers and serves it
 * on :4321 (status on :4322). Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { buildCmsAdmin } from './lib/cms-admin-build.js';
import { cmsBuildIsFresh } from './lib/cms-build-stamp.js';
import { repoRoot } from './lib/paths.js';

const children: ChildProcess[] = [];

function run(name: string, args: string[]): ChildProcess {
  const child = spawn('npm', args, { cwd: repoRoot, stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping the portal.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

if (!cmsBuildIsFresh()) {
  console.log('Building the CMS admin panel (first run or changed sources)…');
  await buildCmsAdmin({ echo: true }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
run('CMS', ['run', 'start', '-w', 'cms']);
run('engagement', ['run', 'engagement']);
run('publisher', ['run', 'publisher']);
