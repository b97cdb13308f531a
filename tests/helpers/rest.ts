/** A small REST client for tests: status and parsed JSON, nothing hidden. */
export interface RestResponse {
  status: number;
  body: any;
}

export async function rest(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<RestResponse> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
