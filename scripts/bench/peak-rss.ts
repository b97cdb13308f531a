import { readFileSync, readdirSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
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
      found.push({ pid: Number(entry), ppid: Number(fields[1]), pgrp: Number(fields[2]) });
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
 * workers) every `intervalMs`; `stop()` returns the highest sum seen.
 */
export function samplePeakRss(intervalMs = 100) {
  let peak = 0;
  const timer = setInterval(() => {
    const all = processes();
    const groups = new Set(all.filter((p) => p.ppid === process.pid && p.pgrp === p.pid).map((p) => p.pgrp));
    const total = all.filter((p) => groups.has(p.pgrp)).reduce((sum, p) => sum + rss(p.pid), 0);
    peak = Math.max(peak, total);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
