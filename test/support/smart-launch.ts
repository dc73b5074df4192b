/**
 * An EHR launch against the dev SMART authorization server, driven over HTTP as an app would (redirects followed
 * by hand, PKCE S256): the token response. For tests that need a user's token without a browser.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { FhirTestServer } from '../../server/dev/fhir-server.ts';
import type { LaunchContext } from '../../server/dev/smart-auth.ts';

export interface LaunchOptions extends LaunchContext {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
}

/** The token response of a complete EHR launch of `options.patient` on `fhir`. */
export async function launchToken(
  fhir: FhirTestServer,
  options: LaunchOptions,
): Promise<{ access_token: string; scope: string } & Record<string, unknown>> {
  const auth = fhir.auth;
  if (auth === undefined) throw new Error('the FHIR server has no SMART authorization');
  const origin = new URL(fhir.baseUrl).origin;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const { clientId, redirectUri, scope, ...context } = options;
  const u = new URL(`${origin}/auth/authorize`);
  const params = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state: 'st',
    aud: fhir.baseUrl,
    launch: auth.createLaunch(context),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const res = await fetch(u, { redirect: 'manual' });
  assert.equal(res.status, 302, await res.text());
  const back = new URL(res.headers.get('location') ?? '');
  assert.equal(back.searchParams.get('state'), 'st');
  const code = back.searchParams.get('code') ?? '';
  const t = await fetch(`${origin}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: clientId,
      redirect_uri: redirectUri,
    }),
  });
  const body = (await t.json()) as { access_token: string; scope: string } & Record<string, unknown>;
  assert.equal(t.status, 200, JSON.stringify(body));
  return body;
}
