// A fetch that keeps the body of every answer: the raw bytes an adapter received, for the floor's JSON.parse.
export function capturingFetch(bodies: string[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    bodies.push(await response.clone().text());
    return response;
  };
}
