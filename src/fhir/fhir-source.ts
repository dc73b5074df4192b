/**
 * Read access to a FHIR R4 server over the project's HTTP layer (src/http): the host allow-list (checked for
 * the base and for every `next` page link, and no redirect followed), per-request timeouts, retries on 429/503,
 * and the EHR's bearer token. Searches follow paging up to a page limit. It reads JSON and returns resources as
 * untyped values; the mappers (clinical-record.ts, imaging-study.ts) read them defensively.
 */
import { FhirError } from '../errors.ts';
import { httpGet, retryAfterOfError } from '../http/http-get.ts';
import { assertAllowedHost, ConcurrencyLimit, withRetries } from '../http/request-policy.ts';
import type { RetryPolicy } from '../http/request-policy.ts';
import type { BearerToken, UpstreamService } from '../http/upstream.ts';
import { bearerHeaders } from '../http/upstream.ts';
import { FHIR_ID, isObject, objects, str } from './resources.ts';

/** FHIR as the HTTP layer sees it. */
export const FHIR: UpstreamService = {
  name: 'FHIR',
  allowListVariable: 'BONEMET_FHIR_ALLOWLIST',
  error: (code, message, options) => new FhirError(code, message, options),
};

/** Reads from one FHIR server. */
export interface FhirSource {
  /** `Type/id`; undefined when the server says 404 or 410. */
  read(type: string, id: string, signal?: AbortSignal): Promise<unknown>;
  /** Every resource of `type` matching `params` (paging followed), search-mode include entries too. */
  search(type: string, params: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<unknown[]>;
}

/** Options of {@link createFhirSource}. */
export interface FhirSourceOptions {
  readonly baseUrl: string;
  readonly allowedOrigins: readonly string[];
  readonly token?: BearerToken;
  readonly timeoutMs?: number;
  readonly concurrency?: number;
  readonly retries?: number;
  /** Most pages one search follows (default 20). */
  readonly maxPages?: number;
  readonly fetchImpl?: typeof fetch;
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;

function parseJson(body: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (e) {
    throw new FhirError('bad-response', `${what} did not answer JSON`, { cause: e });
  }
}

/**
 * A FHIR source on `baseUrl`. Throws {@link FhirError} `host-not-allowed` at once when its origin is not on
 * `allowedOrigins`, before any request; a resource type or id that could leave its path segment is refused.
 */
export function createFhirSource(options: FhirSourceOptions): FhirSource {
  assertAllowedHost(FHIR, options.baseUrl, options.allowedOrigins);
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const limit = new ConcurrencyLimit(options.concurrency ?? 4);
  const policy: RetryPolicy = { retries: options.retries ?? 2, baseDelayMs: 200, maxDelayMs: 2_000 };
  const maxPages = options.maxPages ?? 20;
  const fetchImpl = options.fetchImpl ?? fetch;

  const get = async (url: string, what: string, signal: AbortSignal | undefined): Promise<unknown> => {
    assertAllowedHost(FHIR, url, options.allowedOrigins);
    const headers = await bearerHeaders(FHIR, options.token);
    const res = await withRetries(
      FHIR,
      policy,
      () =>
        limit.run(() =>
          httpGet({
            service: FHIR,
            url,
            accept: 'application/fhir+json',
            headers,
            timeoutMs,
            signal,
            what,
            fetchImpl,
          }),
        ),
      signal,
      (e) => retryAfterOfError.get(e) ?? null,
    );
    return parseJson(res.body, what);
  };
  const checkType = (type: string): string => {
    if (!RESOURCE_TYPE.test(type))
      throw new FhirError('invalid-url', `"${type.slice(0, 40)}" is not a FHIR resource type`);
    return type;
  };

  return {
    async read(type, id, signal) {
      if (!FHIR_ID.test(id)) throw new FhirError('invalid-url', `"${id.slice(0, 70)}" is not a FHIR id`);
      try {
        return await get(`${base}/${checkType(type)}/${id}`, `${type} read`, signal);
      } catch (e) {
        if (e instanceof FhirError && (e.status === 404 || e.status === 410)) return undefined;
        throw e;
      }
    },

    async search(type, params, signal) {
      let url: string | undefined = `${base}/${checkType(type)}?${new URLSearchParams(params).toString()}`;
      const out: unknown[] = [];
      for (let page = 0; url !== undefined; page++) {
        if (page >= maxPages) {
          throw new FhirError(
            'bad-response',
            `${type} search went past ${maxPages} pages; narrow the search`,
          );
        }
        const bundle = await get(url, `${type} search`, signal);
        if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
          throw new FhirError('bad-response', `${type} search did not answer a Bundle`);
        }
        for (const entry of objects(bundle.entry)) if (isObject(entry.resource)) out.push(entry.resource);
        const next = objects(bundle.link).find((l) => str(l, 'relation') === 'next');
        url = next === undefined ? undefined : str(next, 'url');
      }
      return out;
    },
  };
}
