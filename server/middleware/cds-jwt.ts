/**
 * The CDS client's JWT (CDS Hooks 2.0, "Trusting CDS Clients"), verified before any handler runs:
 * - asymmetric signatures only (ES384, RS384 by default): `alg: none` and HMAC tokens are refused;
 * - the issuer must be configured, with its keys pinned (a JWKS in the configuration: a `jku` header is then
 *   ignored, never fetched, as for the CDS Hooks sandbox whose key is published) or fetched from the one
 *   `jwksUrl` configured for it (a `jku` header naming any other URL is refused, never fetched);
 * - `aud` must be exactly the URL the client called; `exp` and `iat` are required, the token unexpired, not
 *   issued in the future, and not longer-lived than `maxLifetimeSec`;
 * - `jti` is required and accepted once: a replay within the token's lifetime is refused.
 * A refusal is a {@link CdsAuthError} whose reason the server logs and answers with 401 (no detail to the caller).
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
} from 'jose';
import type { JSONWebKeySet, JWTPayload, JWTVerifyGetKey } from 'jose';

/** A trusted CDS client: its issuer, with pinned keys or the one JWKS URL its `jku` may name. */
export type CdsClient =
  { readonly iss: string; readonly jwks: JSONWebKeySet } | { readonly iss: string; readonly jwksUrl: string };

/** Why a token was refused (for logs; the caller only sees 401). */
export class CdsAuthError extends Error {
  constructor(readonly reason: string) {
    super(`CDS client JWT refused: ${reason}`);
    this.name = 'CdsAuthError';
  }
}

/** Remembers each jti until its token expires, so a token is accepted once. */
export class JtiReplayCache {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxEntries = 100_000) {}

  /** False when `jti` of `iss` was seen and has not expired; else records it until `expSec`. */
  accept(iss: string, jti: string, expSec: number, nowSec: number): boolean {
    for (const [k, exp] of this.seen) {
      if (exp >= nowSec && this.seen.size < this.maxEntries) break;
      this.seen.delete(k);
    }
    const key = `${iss}\u0000${jti}`;
    const exp = this.seen.get(key);
    if (exp !== undefined && exp >= nowSec) return false;
    this.seen.set(key, expSec);
    return true;
  }
}

/** Options of {@link createCdsJwtVerifier}. */
export interface CdsJwtOptions {
  readonly clients: readonly CdsClient[];
  readonly algorithms?: readonly string[];
  /** Longest accepted exp - iat (the spec recommends 5 minutes); default 300 s. */
  readonly maxLifetimeSec?: number;
  /** Allowed clock difference for iat and exp; default 60 s. */
  readonly clockToleranceSec?: number;
  readonly replayCache?: JtiReplayCache;
  /** Seconds since the epoch (tests); default the system clock. */
  readonly nowSec?: () => number;
}

/** The verified claims a handler may use. */
export interface CdsClientClaims {
  readonly iss: string;
  readonly sub: string | undefined;
  readonly jti: string;
  readonly tenant: string | undefined;
}

/** A verifier of `Authorization: Bearer <jwt>` headers for requests to `audience` (the URL called). */
export function createCdsJwtVerifier(
  options: CdsJwtOptions,
): (authorization: string | undefined, audience: string) => Promise<CdsClientClaims> {
  const algorithms = [...(options.algorithms ?? ['ES384', 'RS384'])];
  const asymmetric = algorithms.every((a) => /^(ES|RS|PS)(256|384|512)$|^EdDSA$/.test(a));
  if (!asymmetric)
    throw new Error(`only asymmetric JWT algorithms may be trusted, got ${algorithms.join(', ')}`);
  const maxLifetime = options.maxLifetimeSec ?? 300;
  const tolerance = options.clockToleranceSec ?? 60;
  const replay = options.replayCache ?? new JtiReplayCache();
  const nowSec = options.nowSec ?? (() => Math.floor(Date.now() / 1000));
  const keys = new Map<string, { getKey: JWTVerifyGetKey; jwksUrl?: string }>();
  for (const c of options.clients) {
    keys.set(
      c.iss,
      'jwks' in c
        ? { getKey: createLocalJWKSet(c.jwks) }
        : { getKey: createRemoteJWKSet(new URL(c.jwksUrl)), jwksUrl: c.jwksUrl },
    );
  }

  return async (authorization, audience) => {
    const m = authorization === undefined ? null : /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(authorization);
    if (m === null) throw new CdsAuthError('no Bearer token');
    const token = m[1];
    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      throw new CdsAuthError('not a JWT');
    }
    if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) {
      throw new CdsAuthError(`algorithm ${String(header.alg)} is not accepted (${algorithms.join(', ')})`);
    }
    const iss = unverified.iss;
    const client = iss === undefined ? undefined : keys.get(iss);
    if (iss === undefined || client === undefined)
      throw new CdsAuthError(`issuer ${String(iss)} is not a trusted CDS client`);
    if (client.jwksUrl !== undefined && header.jku !== undefined && header.jku !== client.jwksUrl) {
      throw new CdsAuthError(`jku ${header.jku} is not the JWKS URL configured for ${iss}`);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, client.getKey, {
        algorithms,
        issuer: iss,
        audience,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'iat', 'jti'],
        currentDate: new Date(nowSec() * 1000),
      }));
    } catch (e) {
      if (e instanceof errors.JOSEError) throw new CdsAuthError(`${e.code}: ${e.message}`);
      throw e;
    }
    const { exp, iat, jti } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number' || typeof jti !== 'string' || jti === '') {
      throw new CdsAuthError('exp, iat and jti are required');
    }
    if (iat > nowSec() + tolerance) throw new CdsAuthError('issued in the future');
    if (exp - iat > maxLifetime)
      throw new CdsAuthError(`lifetime ${exp - iat} s is longer than ${maxLifetime} s`);
    if (!replay.accept(iss, jti, exp + tolerance, nowSec()))
      throw new CdsAuthError(`jti ${jti} was already used`);
    return {
      iss,
      sub: typeof payload.sub === 'string' ? payload.sub : undefined,
      jti,
      tenant: typeof payload.tenant === 'string' ? payload.tenant : undefined,
    };
  };
}
