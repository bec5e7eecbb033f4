// One webhook attempt on the wire. A receiver is outside the sandbox's control, so the attempt is fenced: redirects are
// not followed (a 3xx is the receiver's answer, and a failure: re-sending a signed event to wherever a Location points
// would hand it to a third party, and fetch would turn the POST into an empty GET), at most 64 KiB of the answer is
// read (the body is never used; a receiver answering 200 MB must not fill the sandbox's memory), and the whole
// exchange, body included, has a timeout.
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

export interface AttemptOutcome { status: number | null; error: string | null }

export async function postWebhook(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, body: string,
  timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<AttemptOutcome> {
  try {
    const res = await fetchImpl(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await drain(res);
    // A browser hides a manual redirect behind an opaque response of status 0.
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      const location = res.headers.get('location');
      return { status: res.status || null, error: `redirect not followed${location ? ` (Location: ${location})` : ''}: a webhook receiver must answer 2xx itself` };
    }
    return { status: res.status, error: null };
  } catch (e) {
    return { status: null, error: (e as Error).message ?? String(e) };
  }
}

/** Reads the answer up to the cap, then lets the rest go. */
async function drain(res: Response): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let read = 0;
  try {
    while (read < WEBHOOK_MAX_RESPONSE_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The status is what the attempt is judged by; a broken or slow body after it does not change that.
    await reader.cancel().catch(() => undefined);
  }
}
