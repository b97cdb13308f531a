import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

export interface PreviewLocals {
  preview: { strapiUrl: string; token: string; status: 'draft' | 'published' };
}

/** The Astro preview build (site/astro.preview.config.mjs): its request handler and its assets. */
export interface PreviewRenderer {
  handle(request: IncomingMessage, response: ServerResponse, locals?: PreviewLocals): Promise<'handled' | 'no route'>;
  clientDir: string;
}

const entrySchema = z.object({ handler: z.function() });

export async function loadPreviewRenderer(buildDir: string): Promise<PreviewRenderer> {
  const entry = path.join(buildDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`No preview build at ${buildDir}: the publisher builds it when it starts`);
  const { handler } = entrySchema.parse(await import(pathToFileURL(entry).href)) as unknown as {
    handler: (req: IncomingMessage, res: ServerResponse, next: () => void, locals?: PreviewLocals) => Promise<void>;
  };
  return {
    clientDir: path.join(buildDir, 'client'),
    async handle(request, response, locals) {
      let matched = true;
      await handler(request, response, () => (matched = false), locals);
      return matched ? 'handled' : 'no route';
    },
  };
}
