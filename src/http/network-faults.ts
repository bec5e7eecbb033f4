// The Fetch hosts' side of `reset` and `timeout` faults (in-process setupServer, the browser's service worker): no
// socket to destroy there, so `reset` rejects the client's fetch with a network error (msw turns Response.error()
// into a TypeError), and `timeout` answers nothing until the client aborts (or the bound passes), then fails the same way.
import { toFetchResponse, type ApiResponse } from './exchange.ts';
import { TIMEOUT_FAULT_MAX_MS } from './faults.ts';

export async function toFetchOutcome(response: ApiResponse, signal?: AbortSignal): Promise<Response> {
  if (response.network === 'reset') return Response.error();
  if (response.network === 'timeout') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, TIMEOUT_FAULT_MAX_MS);
      (timer as { unref?: () => void }).unref?.();
      signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
    return Response.error();
  }
  return toFetchResponse(response);
}
