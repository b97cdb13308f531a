import { existsSync } from 'node:fs';
import path from 'node:path';

interface Transform {
  finalPath: string;
}
interface ImageTransforms {
  originalSrcPath: string | undefined;
  transforms: Map<string, Transform>;
}

/**
 * Astro's list of images to generate (`globalThis.astroAsset.staticImages`) for an
 * incremental build: an image the live release already has is left out. Its file name holds
 * the hash of its source and transform, so the file there is the one this build would make;
 * generating it again means reading Astro's cache, asking the CMS whether the source changed,
 * and writing the same bytes, for every image of every page rendered (57 for one edit at
 * 10,000 articles).
 */
export class ImagesNotInRelease extends Map<string, ImageTransforms> {
  readonly #inRelease = new Map<string, boolean>();

  constructor(readonly releaseDir: string) {
    super();
  }

  override set(originalPath: string, image: ImageTransforms): this {
    const inRelease = (finalPath: string) => {
      let known = this.#inRelease.get(finalPath);
      if (known === undefined) this.#inRelease.set(finalPath, (known = existsSync(path.join(this.releaseDir, finalPath))));
      return known;
    };
    // Astro adds each transform to the map it stored; asked again, it finds none and adds it again.
    const transforms = new (class extends Map<string, Transform> {
      override set(hash: string, transform: Transform): this {
        return inRelease(transform.finalPath) ? this : super.set(hash, transform);
      }
    })(image.transforms);
    return super.set(originalPath, { ...image, transforms });
  }
}
