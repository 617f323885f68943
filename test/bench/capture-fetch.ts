// A fetch that keeps the body of every answer (the raw bytes an adapter received, for the floor's JSON.parse) and,
// when asked, every request (for the floor's bare requests).
export interface CapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export function capturingFetch(bodies: string[], requests?: CapturedRequest[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = typeof init?.body === 'string' ? init.body : undefined;
    requests?.push({ url, method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), ...(body !== undefined && { body }) });
    const response = await fetch(input, init);
    bodies.push(await response.clone().text());
    return response;
  };
}
