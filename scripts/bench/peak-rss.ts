import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of every process in a process group, in bytes (Linux /proc). */
function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the ")" of the command name: state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/**
 * Samples the summed RSS of every process group this process starts (a build and its
 * workers) every `intervalMs`; `stop()` returns the highest sum seen.
 */
export function samplePeakRss(intervalMs = 100) {
  let peak = 0;
  const timer = setInterval(() => {
    let total = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const [ppid, pgrp] = [Number(fields[1]), Number(fields[2])];
        if (ppid === process.pid && pgrp === Number(entry)) total += groupRss(pgrp);
      } catch {
        // Gone already.
      }
    }
    peak = Math.max(peak, total);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
