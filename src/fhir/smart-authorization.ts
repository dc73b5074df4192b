/**
 * What a SMART user's access token may do, asked of the EHR's authorization server: token introspection (RFC
 * 7662, as SMART App Launch 2.0 describes it) at the `introspection_endpoint` of the FHIR server's
 * `.well-known/smart-configuration` (what its scopes allow: smart-scopes.ts). Also a resource created on the
 * FHIR server with the user's own token (a Provenance of a correction). Every address is checked against the FHIR
 * allow-list before a request; messages never carry the token.
 */
import { FhirError } from '../errors.ts';
import { httpGet, httpPost } from '../http/http-get.ts';
import { assertAllowedHost } from '../http/request-policy.ts';
import { FHIR } from './fhir-source.ts';

/** Where and how to ask. */
export interface SmartServerOptions {
  /** The FHIR base URL the token was issued for. */
  readonly fhirBaseUrl: string;
  readonly allowedOrigins: readonly string[];
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
}

/** An introspection's answer, the fields this service reads. */
export interface TokenIntrospection {
  readonly active: boolean;
  /** Space-separated granted scopes. */
  readonly scope: string;
  /** The launch's patient, when the token is bound to one. */
  readonly patient?: string;
  /** Expiry (seconds since 1970). */
  readonly exp?: number;
  /** Who the user is: the FHIR resource of the user, a user name, the subject. */
  readonly fhirUser?: string;
  readonly username?: string;
  readonly sub?: string;
}

function json(body: Uint8Array, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (e) {
    throw new FhirError('bad-response', `${what} did not answer JSON`, { cause: e });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new FhirError('bad-response', `${what} did not answer a JSON object`);
  return v as Record<string, unknown>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The token's introspection, or `undefined` when the server's SMART configuration names no introspection
 * endpoint (the token's scopes cannot then be known). Throws {@link FhirError} when the configuration or the
 * endpoint cannot be read, or the endpoint is off the allow-list.
 */
export async function introspectToken(
  options: SmartServerOptions,
  token: string,
  signal?: AbortSignal,
): Promise<TokenIntrospection | undefined> {
  const base = options.fhirBaseUrl.replace(/\/+$/, '');
  const configUrl = `${base}/.well-known/smart-configuration`;
  assertAllowedHost(FHIR, configUrl, options.allowedOrigins);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const fetchImpl = options.fetchImpl ?? fetch;
  const config = json(
    (
      await httpGet({
        service: FHIR,
        url: configUrl,
        accept: 'application/json',
        headers: {},
        timeoutMs,
        signal,
        what: 'the SMART configuration',
        fetchImpl,
      })
    ).body,
    'the SMART configuration',
  );
  const endpoint = text(config.introspection_endpoint);
  if (endpoint === undefined) return undefined;
  assertAllowedHost(FHIR, endpoint, options.allowedOrigins);
  const answer = json(
    (
      await httpPost(
        {
          service: FHIR,
          url: endpoint,
          accept: 'application/json',
          headers: { Authorization: `Bearer ${token}` },
          timeoutMs,
          signal,
          what: 'the token introspection',
          fetchImpl,
        },
        {
          bytes: new TextEncoder().encode(new URLSearchParams({ token }).toString()),
          contentType: 'application/x-www-form-urlencoded',
        },
      )
    ).body,
    'the token introspection',
  );
  const exp = typeof answer.exp === 'number' ? answer.exp : undefined;
  const patient = text(answer.patient);
  const fhirUser = text(answer.fhirUser);
  const username = text(answer.username);
  const sub = text(answer.sub);
  return {
    active: answer.active === true,
    scope: text(answer.scope) ?? '',
    ...(patient === undefined ? {} : { patient }),
    ...(exp === undefined ? {} : { exp }),
    ...(fhirUser === undefined ? {} : { fhirUser }),
    ...(username === undefined ? {} : { username }),
    ...(sub === undefined ? {} : { sub }),
  };
}

/** Creates `resource` on the FHIR server with `token` (POST [base]/[type]); the server's id of it. */
export async function createFhirResource(
  options: SmartServerOptions,
  token: string,
  resource: { readonly resourceType: string } & Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (!/^[A-Z][A-Za-z]+$/.test(resource.resourceType))
    throw new FhirError('invalid-url', `"${resource.resourceType.slice(0, 40)}" is not a FHIR resource type`);
  const url = `${options.fhirBaseUrl.replace(/\/+$/, '')}/${resource.resourceType}`;
  assertAllowedHost(FHIR, url, options.allowedOrigins);
  const res = await httpPost(
    {
      service: FHIR,
      url,
      accept: 'application/fhir+json',
      headers: { Authorization: `Bearer ${token}` },
      timeoutMs: options.timeoutMs ?? 10_000,
      signal,
      what: `the ${resource.resourceType} create`,
      fetchImpl: options.fetchImpl ?? fetch,
    },
    { bytes: new TextEncoder().encode(JSON.stringify(resource)), contentType: 'application/fhir+json' },
  );
  try {
    return text(json(res.body, 'the create').id);
  } catch {
    return undefined;
  }
}
