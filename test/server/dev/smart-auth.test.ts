import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startFhirServer } from '../../../server/dev/fhir-server.ts';
import type { FhirTestServer } from '../../../server/dev/fhir-server.ts';
import { launchToken } from '../../support/smart-launch.ts';

/**
 * The dev SMART authorization server in front of the Medplum FHIR server, driven over HTTP as an app would:
 * authorize (redirects followed by hand), token, then FHIR requests with the token.
 */

const CLIENT = 'test-app';
const REDIRECT = 'http://127.0.0.1:9/app/index.html';
let fhir: FhirTestServer;
let patientId: string;

const pkce = (): { verifier: string; challenge: string } => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** GET authorize with these parameters; the redirect's URL (no redirect followed). */
async function authorize(params: Record<string, string>): Promise<URL> {
  const origin = new URL(fhir.baseUrl).origin;
  const u = new URL(`${origin}/auth/authorize`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const res = await fetch(u, { redirect: 'manual' });
  assert.equal(res.status, 302, await res.text());
  return new URL(res.headers.get('location') ?? '');
}

async function token(
  code: string,
  verifier: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${new URL(fhir.baseUrl).origin}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: CLIENT,
      redirect_uri: REDIRECT,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A complete EHR launch of the test patient: the token response. */
const launch = (scope: string, tokenLifetimeSeconds?: number): Promise<Record<string, unknown>> =>
  launchToken(fhir, {
    clientId: CLIENT,
    redirectUri: REDIRECT,
    scope,
    patient: patientId,
    ...(tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds }),
  });

const get = (path: string, accessToken?: string): Promise<Response> =>
  fetch(`${fhir.baseUrl}/${path}`, {
    headers: accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` },
  });

describe('the dev SMART authorization server', () => {
  before(async () => {
    fhir = await startFhirServer({
      smartAuth: { clients: [{ clientId: CLIENT, redirectUris: ['http://127.0.0.1:9/app/'] }] },
    });
    [patientId] = await fhir.transaction({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: { resourceType: 'Patient', name: [{ given: ['Ada'], family: 'Test' }] },
          request: { method: 'POST', url: 'Patient' },
        },
      ],
    });
  });
  after(async () => {
    await fhir?.stop();
  });

  it('publishes its endpoints, PKCE S256 and SMART v2 on the FHIR base', async () => {
    const res = await get('.well-known/smart-configuration');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.authorization_endpoint, `${new URL(fhir.baseUrl).origin}/auth/authorize`);
    assert.deepEqual(body.code_challenge_methods_supported, ['S256']);
    assert.ok((body.capabilities as string[]).includes('permission-v2'));
  });

  it("gives an EHR launch a token with the launch's patient, the granted scope and its lifetime", async () => {
    const t = await launch('launch openid patient/Patient.rs patient/Observation.rs');
    assert.equal(t.patient, patientId);
    assert.equal(t.scope, 'launch patient/Patient.rs patient/Observation.rs');
    assert.equal(t.expires_in, 3600);
    assert.equal(t.token_type, 'Bearer');
    const res = await get(`Patient/${patientId}`, String(t.access_token));
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { id: string }).id, patientId);
  });

  it('refuses an authorization request without PKCE S256, or for another audience', async () => {
    const base = {
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      scope: 'launch/patient patient/Patient.rs',
      state: 's2',
      aud: fhir.baseUrl,
    };
    const plain = await authorize({
      ...base,
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'plain',
    });
    assert.equal(plain.searchParams.get('error'), 'invalid_request');
    assert.match(plain.searchParams.get('error_description') ?? '', /PKCE/);
    const none = await authorize(base);
    assert.equal(none.searchParams.get('error'), 'invalid_request');
    const aud = await authorize({
      ...base,
      aud: 'https://other.example/fhir',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    assert.match(aud.searchParams.get('error_description') ?? '', /aud must be/);
  });

  it('refuses a code with the wrong code_verifier, and a code used twice', async () => {
    const { challenge, verifier } = pkce();
    const back = await authorize({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      scope: 'launch patient/Patient.rs',
      state: 's3',
      aud: fhir.baseUrl,
      launch: fhir.auth?.createLaunch({ patient: patientId }) ?? '',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = back.searchParams.get('code') ?? '';
    const wrong = await token(code, pkce().verifier);
    assert.equal(wrong.status, 400);
    assert.match(String(wrong.body.error_description), /code_verifier/);
    assert.equal((await token(code, verifier)).status, 400, 'the code was spent by the first attempt');
  });

  it('answers 401 without a token and for an expired one, 403 beyond the scopes or the patient', async () => {
    assert.equal((await get(`Patient/${patientId}`)).status, 401);
    const t = await launch('launch patient/Patient.rs', 1);
    const access = String(t.access_token);
    assert.equal((await get(`Patient/${patientId}`, access)).status, 200);
    assert.equal((await get(`Observation?patient=${patientId}`, access)).status, 403);
    assert.equal((await get('Patient/someone-else', access)).status, 403);
    assert.equal((await get('Patient?name=Test', access)).status, 403, 'a search across patients');
    assert.equal((await get(`Patient?_id=${patientId}`, access)).status, 200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await get(`Patient/${patientId}`, access);
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /expired/);
  });

  it('lets a token create a ServiceRequest only with patient/ServiceRequest.c (or v1 .write)', async () => {
    const post = (accessToken: string): Promise<Response> =>
      fetch(`${fhir.baseUrl}/ServiceRequest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'ServiceRequest',
          status: 'draft',
          intent: 'proposal',
          subject: { reference: `Patient/${patientId}` },
        }),
      });
    assert.equal((await post(String((await launch('launch patient/Patient.rs')).access_token))).status, 403);
    assert.equal(
      (await post(String((await launch('launch patient/ServiceRequest.c')).access_token))).status,
      201,
    );
    assert.equal(
      (await post(String((await launch('launch patient/ServiceRequest.write')).access_token))).status,
      201,
    );
  });
});
