import { DicomWebError } from '../errors.ts';

/**
 * One HTTP exchange of the DICOMweb adapter through Node's fetch: per-request deadline merged with the
 * caller's AbortSignal, redirects refused (a redirect could leave the allow-listed host), and failures
 * mapped to {@link DicomWebError} codes. Messages name the host and the operation, never the token.
 */

/** What a finished request gives back. */
export interface HttpResult {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** Retry-After header values of failed responses, for the retry policy. */
export const retryAfterOfError = new WeakMap<DicomWebError, string>();

/** Maps a fetch/xhr failure (no HTTP status) to aborted, timeout or network. */
export function transportError(
  e: unknown,
  what: string,
  host: string,
  callerSignal: AbortSignal | undefined,
  timedOut: boolean,
  timeoutMs: number,
): DicomWebError {
  if (e instanceof DicomWebError) return e;
  if (callerSignal?.aborted)
    return new DicomWebError('aborted', `${what} from ${host} was cancelled`, { cause: e });
  if (timedOut) {
    return new DicomWebError(
      'timeout',
      `${what} from ${host} took longer than ${timeoutMs} ms and was stopped`,
      {
        cause: e,
      },
    );
  }
  const why = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
  return new DicomWebError('network', `${what} from ${host} failed: ${why}`, { cause: e });
}

/** The error for an HTTP status that is not a success. */
export function statusError(status: number, what: string, host: string, detail = ''): DicomWebError {
  const code = status === 404 ? 'not-found' : 'upstream-status';
  const tail = detail === '' ? '' : `: ${detail.slice(0, 200)}`;
  return new DicomWebError(code, `${what} from ${host} answered HTTP ${status}${tail}`, { status });
}

/** Request settings. */
export interface HttpRequest {
  readonly url: string;
  readonly accept: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** Words for messages, e.g. "series retrieval". */
  readonly what: string;
  readonly fetchImpl: typeof fetch;
}

/** GET `url`; resolves with a 2xx response's bytes, rejects with a {@link DicomWebError} otherwise. */
export async function httpGet(req: HttpRequest): Promise<HttpResult> {
  const host = new URL(req.url).host;
  if (req.signal?.aborted) throw new DicomWebError('aborted', `${req.what} from ${host} was cancelled`);
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, req.timeoutMs);
  const signal = req.signal === undefined ? deadline.signal : AbortSignal.any([req.signal, deadline.signal]);
  try {
    const res = await req.fetchImpl(req.url, {
      method: 'GET',
      headers: { ...req.headers, Accept: req.accept },
      redirect: 'error',
      signal,
    });
    if (!res.ok) {
      const detail = await res.text().catch(() => '');
      const err = statusError(res.status, req.what, host, detail.replace(/\s+/g, ' ').trim());
      const ra = res.headers.get('retry-after');
      if (ra !== null) retryAfterOfError.set(err, ra);
      throw err;
    }
    const body = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
  } catch (e) {
    throw transportError(e, req.what, host, req.signal, timedOut, req.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
