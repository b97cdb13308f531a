import { escapeHtml } from '../lib/escape-html.js';

/** Polls `probe` every 100 ms until it says yes. */
export async function waitUntil(probe: () => Promise<boolean>): Promise<void> {
  while (!(await probe())) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Whether the publisher is done: no build running or waiting, nothing being prepared for the next. */
export const publisherIdle = (hooksUrl: string) => async (): Promise<boolean> => {
  const status = (await (await fetch(`${hooksUrl}/status`)).json()) as { state: string; preparing?: boolean; pending: unknown[] };
  return status.state === 'idle' && status.preparing !== true && status.pending.length === 0;
};

/** Whether the page at `url` prints `text`, as Astro escapes it. */
export const pageShows = (url: string, text: string) => async (): Promise<boolean> => (await (await fetch(url)).text()).includes(escapeHtml(text));
