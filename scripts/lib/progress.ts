/**
 * A one-line progress bar with rate and ETA for long loads, redrawn in place on a terminal
 * and printed every few seconds (one line each) into a log.
 */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let last = 0;
  const clock = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);
  return (done: number) => {
    const now = Date.now();
    if (done < total && now - last < (stream.isTTY ? 250 : 5000)) return;
    last = now;
    const elapsed = (now - started) / 1000;
    const rate = done / Math.max(elapsed, 0.001);
    const width = 30;
    const filled = Math.round((done / total) * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.floor((done / total) * 100)}% ${rate.toFixed(1)}/s ${
      done < total ? `ETA ${clock((total - done) / rate)}` : `in ${clock(elapsed)}`
    }`;
    stream.write(stream.isTTY ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}
