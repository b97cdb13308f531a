export type Encoding = 'br' | 'gzip';

/**
 * The best precompressed variant the client accepts (RFC 9110 §12.5.3 q-values; `*`
 * covers what is not named), among those that exist. Brotli wins a tie: it is smaller.
 */
export function negotiateEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (encoding: Encoding) => weights.get(encoding) ?? (encoding === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0;
  let best: Encoding | undefined;
  for (const encoding of (['br', 'gzip'] as const).filter((e) => available.includes(e))) {
    if (weight(encoding) > 0 && (best === undefined || weight(encoding) > weight(best))) best = encoding;
  }
  return best;
}
