/** Nested params in the bracket notation Strapi parses: {a: {b: ['x']}} → a[b][0]=x. */
export function toQuery(params: Record<string, unknown>, into = new URLSearchParams(), prefix = ''): URLSearchParams {
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item !== null && typeof item === 'object') toQuery(item as Record<string, unknown>, into, `${name}[${index}]`);
        else into.append(`${name}[${index}]`, String(item));
      });
    } else if (value !== null && typeof value === 'object') {
      toQuery(value as Record<string, unknown>, into, name);
    } else {
      into.append(name, String(value));
    }
  }
  return into;
}
