import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { CdsAuthError, createCdsJwtVerifier } from '../../../server/middleware/cds-jwt.ts';

const AUD = 'https://bonemet.example/cds-services/bone-metastasis-risk';
const ISS = 'https://sandbox.cds-hooks.example';
const NOW = 1_800_000_000;
let key: CryptoKey;
let other: CryptoKey;
let publicJwk: JWK;
let jwksServer: Server;
let jwksUrl = '';
let jwksRequests = 0;

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

async function token(
  claims: Record<string, unknown> = {},
  opts: { key?: CryptoKey; kid?: string; jku?: string; iat?: number; exp?: number } = {},
): Promise<string> {
  const iat = opts.iat ?? NOW;
  return new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({
      alg: 'ES384',
      typ: 'JWT',
      kid: opts.kid ?? 'k1',
      ...(opts.jku === undefined ? {} : { jku: opts.jku }),
    })
    .setIssuer(ISS)
    .setAudience(AUD)
    .setIssuedAt(iat)
    .setExpirationTime(opts.exp ?? iat + 300)
    .sign(opts.key ?? key);
}

const verifier = () =>
  createCdsJwtVerifier({ clients: [{ iss: ISS, jwks: { keys: [publicJwk] } }], nowSec: () => NOW });

async function refused(auth: string | undefined, verify = verifier(), aud = AUD): Promise<string> {
  try {
    await verify(auth, aud);
  } catch (e) {
    assert.ok(e instanceof CdsAuthError, String(e));
    return e.reason;
  }
  throw new Error('the token was accepted');
}

describe('createCdsJwtVerifier', () => {
  before(async () => {
    const pair = await generateKeyPair('ES384', { extractable: true });
    key = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES384' };
    ({ privateKey: other } = await generateKeyPair('ES384'));
    jwksServer = createServer((_req, res) => {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  after(() => jwksServer.close());

  it('accepts an ES384 token of a trusted issuer for this URL, once', async () => {
    const verify = verifier();
    const t = await token({ sub: 'sandbox', jti: 'j-1' });
    assert.deepEqual(await verify(`Bearer ${t}`, AUD), {
      iss: ISS,
      sub: 'sandbox',
      jti: 'j-1',
      tenant: undefined,
    });
    assert.match(await refused(`Bearer ${t}`, verify), /jti j-1 was already used/);
  });

  it('refuses a forged signature, alg none, an HMAC token and a missing or malformed header', async () => {
    assert.match(
      await refused(`Bearer ${await token({}, { key: other })}`),
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    );
    const body = b64({ iss: ISS, aud: AUD, iat: NOW, exp: NOW + 60, jti: 'n' });
    assert.match(
      await refused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${body}.`),
      /algorithm none is not accepted/,
    );
    const hmac = await new SignJWT({ jti: 'h' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 60)
      .sign(new TextEncoder().encode('0123456789abcdef0123456789abcdef'));
    assert.match(await refused(`Bearer ${hmac}`), /algorithm HS256 is not accepted/);
    assert.equal(await refused(undefined), 'no Bearer token');
    assert.equal(await refused('Bearer not.a.jwt'), 'not a JWT');
  });

  it('refuses a wrong audience, an expired token, one from the future, a long-lived one and an unknown issuer', async () => {
    assert.match(
      await refused(`Bearer ${await token()}`, verifier(), `${AUD}/other`),
      /ERR_JWT_CLAIM_VALIDATION_FAILED.*aud/,
    );
    assert.match(
      await refused(`Bearer ${await token({}, { iat: NOW - 900, exp: NOW - 600 })}`),
      /ERR_JWT_EXPIRED/,
    );
    assert.match(
      await refused(`Bearer ${await token({}, { iat: NOW + 600 })}`),
      /ERR_JWT_CLAIM_VALIDATION_FAILED|issued in the future/,
    );
    assert.match(
      await refused(`Bearer ${await token({}, { exp: NOW + 3600 })}`),
      /lifetime 3600 s is longer than 300 s/,
    );
    const stranger = await new SignJWT({ jti: 's' })
      .setProtectedHeader({ alg: 'ES384' })
      .setIssuer('https://evil.example')
      .setAudience(AUD)
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 60)
      .sign(key);
    assert.match(
      await refused(`Bearer ${stranger}`),
      /issuer https:\/\/evil\.example is not a trusted CDS client/,
    );
  });

  it('fetches keys only from the JWKS URL configured for the issuer, never from another jku', async () => {
    const verify = createCdsJwtVerifier({ clients: [{ iss: ISS, jwksUrl }], nowSec: () => NOW });
    const before = jwksRequests;
    assert.equal((await verify(`Bearer ${await token({}, { jku: jwksUrl })}`, AUD)).iss, ISS);
    assert.ok(jwksRequests > before);
    const fetched = jwksRequests;
    assert.match(
      await refused(`Bearer ${await token({}, { jku: 'http://127.0.0.1:9/keys.json' })}`, verify),
      /jku http:\/\/127\.0\.0\.1:9\/keys\.json is not the JWKS URL configured/,
    );
    // With pinned keys a jku is ignored: the token verifies against the pinned key, and nothing is fetched.
    const pinned = await verifier()(
      `Bearer ${await token({}, { jku: 'https://sandbox.cds-hooks.example/.well-known/jwks.json' })}`,
      AUD,
    );
    assert.equal(pinned.iss, ISS);
    assert.equal(jwksRequests, fetched);
  });

  it('refuses to trust a symmetric algorithm at all', () => {
    assert.throws(() => createCdsJwtVerifier({ clients: [], algorithms: ['HS256'] }), /only asymmetric/);
  });
});

describe('the CDS Hooks sandbox request form', () => {
  it('is accepted: ES384 with kid and jku, iss the sandbox, aud the service URL, exp = iat + 300, a jti', async () => {
    // The sandbox's own private key is not ours to hold; a key of ours stands in for it, pinned as the sandbox's is.
    const pair = await generateKeyPair('ES384', { extractable: true });
    const jwk = {
      ...(await exportJWK(pair.publicKey)),
      kid: '44823f3d-0b01-4a6c-a80e-b9d3e8a7226f',
      alg: 'ES384',
      use: 'sig',
    };
    const sandbox = 'https://sandbox.cds-hooks.org';
    const verify = createCdsJwtVerifier({
      clients: [{ iss: sandbox, jwks: { keys: [jwk] } }],
      nowSec: () => NOW,
    });
    const t = await new SignJWT({ jti: '7b8f2c1e-5d1a-4c2e-9f3b-2a1d0e9c8b7a' })
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: jwk.kid, jku: `${sandbox}/.well-known/jwks.json` })
      .setIssuer(sandbox)
      .setAudience(AUD)
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 300)
      .sign(pair.privateKey);
    assert.deepEqual(await verify(`Bearer ${t}`, AUD), {
      iss: sandbox,
      sub: undefined,
      jti: '7b8f2c1e-5d1a-4c2e-9f3b-2a1d0e9c8b7a',
      tenant: undefined,
    });
  });
});
