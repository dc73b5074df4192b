import type { UpstreamService } from './upstream.ts';
import { hasHttpStatus } from './upstream.ts';

/**
 * Request policy of an upstream service (DICOMweb, FHIR): host allow-list, a concurrency limit, bounded retries
 * with exponential backoff on 429/503 (honouring Retry-After), and cancellation by the caller's AbortSignal.
 * Redirects are never followed (see http-get.ts), so a response cannot lead off the allowed hosts.
 */

/** Normalises an origin (`scheme://host[:port]`) for comparison; throws on a malformed URL. */
function originOf(service: UpstreamService, url: string, what: string): string {
  try {
    return new URL(url).origin.toLowerCase();
  } catch (e) {
    throw service.error('invalid-url', `${what} "${url}" is not a valid URL`, { cause: e });
  }
}

/**
 * True when `url` is an http(s) URL whose origin is one of `allowedOrigins` (compared as origins: case and a
 * trailing slash do not matter); false for anything else, a malformed URL or entry included.
 */
export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const origin = u.origin.toLowerCase();
  return allowedOrigins.some((o) => {
    try {
      return new URL(o).origin.toLowerCase() === origin;
    } catch {
      return false;
    }
  });
}

/**
 * Throws the service's `host-not-allowed` error naming the host unless `url`'s origin is one of
 * `allowedOrigins` (e.g. `https://pacs.example.org`, `http://127.0.0.1:8042`), and `invalid-url` for a URL
 * that is malformed or not http(s). An empty list allows nothing.
 */
export function assertAllowedHost(
  service: UpstreamService,
  url: string,
  allowedOrigins: readonly string[],
): void {
  originOf(service, url, `the ${service.name} URL`);
  const scheme = new URL(url).protocol;
  if (scheme !== 'http:' && scheme !== 'https:') {
    throw service.error('invalid-url', `the ${service.name} URL must use http or https, got ${scheme}`);
  }
  for (const o of allowedOrigins) originOf(service, o, 'the allow-list entry');
  if (!isAllowedOrigin(url, allowedOrigins)) {
    throw service.error(
      'host-not-allowed',
      `the ${service.name} host ${new URL(url).host} is not on the allow-list (${allowedOrigins.join(', ') || 'empty'}); add its origin to ${service.allowListVariable} if it is trusted`,
    );
  }
}

/** A counting semaphore: at most `limit` tasks run at once; the others wait in FIFO order. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Retry settings. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  readonly retries: number;
  /** First backoff delay in ms, doubled each retry (default 250). */
  readonly baseDelayMs: number;
  /** Longest single wait in ms, also the cap on Retry-After (default 5000). */
  readonly maxDelayMs: number;
}

/** True for the statuses worth retrying: 429 Too Many Requests and 503 Service Unavailable. */
function isRetryableStatus(status: number | undefined): boolean {
  return status === 429 || status === 503;
}

/** Delay before retry `attempt` (0-based): Retry-After seconds when given, else base * 2^attempt; capped. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, retryAfter?: string | null): number {
  const fromHeader =
    retryAfter != null && /^\d+(\.\d+)?$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
  return Math.min(policy.maxDelayMs, fromHeader ?? policy.baseDelayMs * 2 ** attempt);
}

/** Waits `ms`, rejecting with the service's `aborted` error when `signal` fires first. */
export function sleepUnlessAborted(
  service: UpstreamService,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = (): Error => service.error('aborted', `the ${service.name} request was cancelled`);
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(t);
      reject(cancelled());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or retries run out. The error of a
 * retryable failure must be the service's typed error with its HTTP `status`; `retryAfterOf` reads the
 * Retry-After header it carried, if any.
 */
export async function withRetries<T>(
  service: UpstreamService,
  policy: RetryPolicy,
  attempt: () => Promise<T>,
  signal?: AbortSignal,
  retryAfterOf: (e: Error) => string | null = () => null,
): Promise<T> {
  for (let k = 0; ; k++) {
    try {
      return await attempt();
    } catch (e) {
      if (!hasHttpStatus(e) || !isRetryableStatus(e.status) || k >= policy.retries) throw e;
      await sleepUnlessAborted(service, backoffDelayMs(policy, k, retryAfterOf(e)), signal);
    }
  }
}
