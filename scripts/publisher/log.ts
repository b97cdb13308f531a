/** One concise line per event; the build's own output goes to its log file instead. */
export type Log = (message: string) => void;

export const consoleLog: Log = (message) => console.log(`${new Date().toISOString()} publisher: ${message}`);
export const silentLog: Log = () => {};

/**
 * A request URL fit for a log: the deploy-hook token in the path and a preview link's
 * signature are credentials, and logs are read and kept by more people than hold them.
 */
export function redactUrl(url: string | undefined): string {
  if (url === undefined) return '';
  const base = 'http://publisher.invalid';
  let shown = url;
  try {
    // As the routes read it (dot segments resolved, backslashes made slashes), so no other
    // spelling of the deploy hook's path carries its token into the log.
    const parsed = new URL(url, base);
    if (parsed.origin === base) shown = parsed.pathname + parsed.search;
  } catch {
    // Not a URL: redacted as it came.
  }
  return shown.replace(/([\\/]deploy[\\/]+)[^?#]+/gi, '$1<redacted>').replace(/([?&]signature=)[^&#]*/gi, '$1<redacted>');
}
