import { readFileSync, readdirSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  command: string;
}

/** Every process on the machine with its parent and group (Linux /proc). */
function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the ")" that closes the command name: state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      found.push({ pid: Number(entry), ppid: Number(fields[1]), pgrp: Number(fields[2]), command });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return found;
}

function rss(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the summed RSS of every process group this process starts (a build step and its
 * workers), and of Pagefind's binary, which the search index starts from this process,
 * every `intervalMs`; `stop()` returns the highest sum seen. (The scratch CMS, a child of
 * this process too, is neither.)
 */
export function samplePeakRss(intervalMs = 100) {
  let peak = 0;
  const timer = setInterval(() => {
    const all = processes();
    const groups = new Set(all.filter((p) => p.ppid === process.pid && p.pgrp === p.pid).map((p) => p.pgrp));
    const measured = all.filter((p) => groups.has(p.pgrp) || (p.ppid === process.pid && p.command.startsWith('pagefind')));
    const total = measured.reduce((sum, p) => sum + rss(p.pid), 0);
    peak = Math.max(peak, total);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
