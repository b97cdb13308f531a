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
  return url
    .replace(/^(\/+hooks\/+deploy\/)[^?#]+/i, '$1<redacted>')
    .replace(/([?&]signature=)[^&#]*/gi, '$1<redacted>');
}
