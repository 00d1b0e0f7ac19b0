/**
 * How Graph talks to a subscriber's endpoints: the validation handshake (POST `?validationToken=…`, answered 200
 * with the token as text/plain within the timeout) and notification POSTs (any 2xx accepts them).
 */

export async function validateUrl(url: string, timeoutMs: number): Promise<string | undefined> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${crypto.randomUUID()}`;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'the URL is not valid';
  }
  target.searchParams.set('validationToken', token);
  try {
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await answer.text();
    if (answer.status !== 200) return `it answered ${answer.status}`;
    if (!(answer.headers.get('content-type') ?? '').startsWith('text/plain')) return 'it did not answer text/plain';
    if (text !== token) return 'it did not echo the validation token';
    return undefined;
  } catch (error) {
    return describe(error);
  }
}

export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<string | undefined> {
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await answer.arrayBuffer();
    return answer.status >= 200 && answer.status < 300 ? undefined : `it answered ${answer.status}`;
  } catch (error) {
    return describe(error);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'it did not answer in time';
  return error instanceof Error ? error.message : String(error);
}
