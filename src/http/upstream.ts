/**
 * What the HTTP layer needs to know about the service it talks to (DICOMweb now, FHIR next): a name for
 * messages, the environment variable that allow-lists its hosts, and the typed error it fails with. The layer
 * itself knows nothing of DICOM or FHIR.
 */
import type { BoneMetError } from '../errors.ts';

/** The failures the HTTP layer reports; each service's error class carries them as its codes. */
export type UpstreamErrorCode =
  | 'host-not-allowed'
  | 'invalid-url'
  | 'upstream-status'
  | 'not-found'
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'invalid-token';

/** A service's typed error, with the HTTP status when the server answered. */
export type UpstreamError = BoneMetError & { readonly status: number | undefined };

/** The service an HTTP exchange belongs to. */
export interface UpstreamService {
  /** For messages: "DICOMweb", "FHIR". */
  readonly name: string;
  /** The environment variable that lists its allowed origins, named in the host-not-allowed message. */
  readonly allowListVariable: string;
  readonly error: (
    code: UpstreamErrorCode,
    message: string,
    options?: { readonly cause?: unknown; readonly status?: number },
  ) => UpstreamError;
}

/** True for an error of the HTTP layer that carries an HTTP status (the server answered). */
export function hasHttpStatus(e: unknown): e is UpstreamError & { readonly status: number } {
  return e instanceof Error && 'status' in e && typeof e.status === 'number' && 'code' in e;
}

/** A bearer token, or a function giving a fresh one per request (a token that expires). */
export type BearerToken = string | (() => string | Promise<string>);

/**
 * The Authorization header for `token` (none for an absent or empty token). A token holding a line break or
 * other control character is refused with the service's `invalid-token` error rather than sent: it would split
 * the header. The token itself never appears in a message.
 */
export async function bearerHeaders(
  service: UpstreamService,
  token: BearerToken | undefined,
): Promise<Record<string, string>> {
  const t = typeof token === 'function' ? await token() : token;
  if (t === undefined || t === '') return {};
  if ([...t].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw service.error(
      'invalid-token',
      `the ${service.name} bearer token holds a control character; it was not sent`,
    );
  }
  return { Authorization: `Bearer ${t}` };
}
