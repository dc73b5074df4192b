import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isBoneMetError } from '../errors.ts';
import type { UpstreamError, UpstreamService } from './upstream.ts';

/**
 * One HTTP GET to an upstream service (DICOMweb, FHIR), through fetch or Node's http client: a per-request
 * deadline merged with the caller's AbortSignal, redirects refused (a redirect could leave the allow-listed
 * host), and failures mapped to the service's typed error codes. Messages name the host and the operation,
 * never the token.
 */

/** What a finished request gives back. */
export interface HttpResult {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** Retry-After header values of failed responses, for the retry policy. */
export const retryAfterOfError = new WeakMap<Error, string>();

/** Maps a fetch/xhr failure (no HTTP status) to aborted, timeout or network. */
export function transportError(
  service: UpstreamService,
  e: unknown,
  what: string,
  host: string,
  callerSignal: AbortSignal | undefined,
  timedOut: boolean,
  timeoutMs: number,
): Error {
  if (isBoneMetError(e)) return e;
  if (callerSignal?.aborted)
    return service.error('aborted', `${what} from ${host} was cancelled`, { cause: e });
  if (timedOut) {
    return service.error('timeout', `${what} from ${host} took longer than ${timeoutMs} ms and was stopped`, {
      cause: e,
    });
  }
  const why = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
  return service.error('network', `${what} from ${host} failed: ${why}`, { cause: e });
}

/** The error for an HTTP status that is not a success. */
export function statusError(
  service: UpstreamService,
  status: number,
  what: string,
  host: string,
  detail = '',
): UpstreamError {
  const code = status === 404 ? 'not-found' : 'upstream-status';
  const tail = detail === '' ? '' : `: ${detail.slice(0, 200)}`;
  return service.error(code, `${what} from ${host} answered HTTP ${status}${tail}`, { status });
}

/** Request settings. */
export interface HttpRequest {
  readonly service: UpstreamService;
  readonly url: string;
  readonly accept: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** Words for messages, e.g. "series retrieval". */
  readonly what: string;
  readonly fetchImpl: typeof fetch;
}

/**
 * The request's deadline: a signal that fires on the caller's abort or after `timeoutMs`, whether it was the
 * deadline that fired, and the timer to clear. Throws the service's `aborted` error when already cancelled.
 */
function startDeadline(
  req: Pick<HttpRequest, 'service' | 'signal' | 'timeoutMs' | 'what'>,
  host: string,
): { signal: AbortSignal; timedOut: () => boolean; clear: () => void } {
  if (req.signal?.aborted) throw req.service.error('aborted', `${req.what} from ${host} was cancelled`);
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, req.timeoutMs);
  return {
    signal: req.signal === undefined ? deadline.signal : AbortSignal.any([req.signal, deadline.signal]),
    timedOut: () => timedOut,
    clear: () => clearTimeout(timer),
  };
}

/** GET `url`; resolves with a 2xx response's bytes, rejects with the service's typed error otherwise. */
export function httpGet(req: HttpRequest): Promise<HttpResult> {
  return send(req, 'GET', undefined);
}

/** A body to send and its Content-Type. */
export interface HttpBody {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/** POST `body` to `url` (never retried here: a store is not idempotent); as {@link httpGet} otherwise. */
export function httpPost(req: HttpRequest, body: HttpBody): Promise<HttpResult> {
  return send(req, 'POST', body);
}

async function send(
  req: HttpRequest,
  method: 'GET' | 'POST',
  payload: HttpBody | undefined,
): Promise<HttpResult> {
  const host = new URL(req.url).host;
  const deadline = startDeadline(req, host);
  const signal = deadline.signal;
  try {
    const res = await req.fetchImpl(req.url, {
      method,
      headers: {
        ...req.headers,
        Accept: req.accept,
        ...(payload === undefined ? {} : { 'Content-Type': payload.contentType }),
      },
      ...(payload === undefined ? {} : { body: payload.bytes }),
      redirect: 'error',
      signal,
    });
    if (!res.ok) {
      const detail = await res.text().catch(() => '');
      const err = statusError(req.service, res.status, req.what, host, detail.replace(/\s+/g, ' ').trim());
      const ra = res.headers.get('retry-after');
      if (ra !== null) retryAfterOfError.set(err, ra);
      throw err;
    }
    const body = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
  } catch (e) {
    throw transportError(req.service, e, req.what, host, req.signal, deadline.timedOut(), req.timeoutMs);
  } finally {
    deadline.clear();
  }
}

/** A streamed GET: `fetchImpl` undefined means Node's http/https client (faster for large bodies). */
export interface HttpStreamRequest extends Omit<HttpRequest, 'fetchImpl'> {
  readonly fetchImpl: typeof fetch | undefined;
}

/** Receives a streamed 2xx response: its Content-Type first, then each chunk of the body in order. */
export interface HttpStreamSink {
  start(contentType: string): void;
  chunk(bytes: Uint8Array): void | Promise<void>;
}

function nodeGet(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers, signal }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function bodyText(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of chunks) {
    if (n < 4096) parts.push(c);
    n += c.byteLength;
  }
  return Buffer.concat(parts).toString('utf8', 0, Math.min(n, 4096));
}

async function* webChunks(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (body === null) return;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * GET `url`, handing a 2xx response's body to `sink` chunk by chunk as it arrives (the sink's promises are
 * awaited, which holds the stream back). Rejects with the service's typed error for transport failures and
 * statuses; an error thrown by the sink is rethrown as it is. Redirects are refused.
 */
export async function httpGetStream(req: HttpStreamRequest, sink: HttpStreamSink): Promise<void> {
  const url = new URL(req.url);
  const host = url.host;
  const deadline = startDeadline(req, host);
  const signal = deadline.signal;
  const headers = { ...req.headers, Accept: req.accept };
  let sinkError: { readonly error: unknown } | undefined;
  try {
    let status: number;
    let contentType: string;
    let retryAfter: string | null;
    let chunks: AsyncIterable<Uint8Array>;
    if (req.fetchImpl === undefined) {
      const res = await nodeGet(url, headers, signal);
      status = res.statusCode ?? 0;
      contentType = res.headers['content-type'] ?? '';
      const ra = res.headers['retry-after'];
      retryAfter = typeof ra === 'string' ? ra : null;
      chunks = res;
    } else {
      const res = await req.fetchImpl(req.url, { method: 'GET', headers, redirect: 'error', signal });
      status = res.status;
      contentType = res.headers.get('content-type') ?? '';
      retryAfter = res.headers.get('retry-after');
      chunks = webChunks(res.body);
    }
    if (status >= 300 && status < 400) {
      throw req.service.error(
        'network',
        `${req.what} from ${host} answered a redirect (HTTP ${status}), which is not followed: it could leave the allowed host`,
      );
    }
    if (status < 200 || status > 299) {
      const detail = await bodyText(chunks).catch(() => '');
      const err = statusError(req.service, status, req.what, host, detail.replace(/\s+/g, ' ').trim());
      if (retryAfter !== null) retryAfterOfError.set(err, retryAfter);
      throw err;
    }
    try {
      sink.start(contentType);
    } catch (e) {
      sinkError = { error: e };
      throw e;
    }
    for await (const c of chunks) {
      try {
        await sink.chunk(c);
      } catch (e) {
        sinkError = { error: e };
        throw e;
      }
    }
  } catch (e) {
    if (sinkError !== undefined && sinkError.error === e) throw e;
    throw transportError(req.service, e, req.what, host, req.signal, deadline.timedOut(), req.timeoutMs);
  } finally {
    deadline.clear();
  }
}
