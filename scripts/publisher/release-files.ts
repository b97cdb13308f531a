import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir`, as full paths. */
export async function* releaseFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* releaseFiles(full);
    else if (entry.isFile()) yield full;
  }
}
