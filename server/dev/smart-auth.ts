/**
 * A small SMART App Launch 2.0 authorization server for the demo stack and the tests, in front of the FHIR
 * server of server/dev/fhir-server.ts: `/.well-known/smart-configuration` on the FHIR base; `authorize`
 * (authorization code, PKCE S256 required, `aud` must be the FHIR base); an EHR launch's `launch` value names its
 * patient (see {@link SmartAuth.createLaunch}); a standalone launch asking `launch/patient` gets a page where the
 * user picks the patient and may untick scopes (or the configured default patient); `token` (code +
 * code_verifier -> bearer token with `patient`, `scope` and `expires_in`). Tokens expire; {@link SmartAuth.check}
 * is how the FHIR server refuses a missing, unknown or expired token (401) or a scope that does not allow the
 * request (403). Public clients only: there are no secrets. The `/ehr/launch` page plays an EHR that opens an
 * app inside an iframe with a fresh launch.
 */
import { createHash, randomBytes } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { allows, grantableScopes, requestPermission } from './smart-scopes.ts';

/** A registered public client: its id and the redirect URIs it may use (exact, or a prefix ending in `/`). */
export interface SmartClient {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
}

export interface SmartAuthOptions {
  /** The FHIR base URL the tokens are for (the `aud` an app must send). */
  readonly fhirBaseUrl: string;
  readonly clients: readonly SmartClient[];
  /** Lifetime of an access token (default 3600 s). */
  readonly tokenLifetimeSeconds?: number;
  /** A standalone launch's patient when set; otherwise the user picks one on a page. */
  readonly defaultPatient?: string;
  /** The patients a user may pick (id and display name). */
  readonly listPatients: () => Promise<readonly { readonly id: string; readonly name: string }[]>;
  /** Clock in ms (default Date.now). */
  readonly now?: () => number;
  /** Advertise SMART v2 scopes (default true); false plays an older EHR that knows v1 scopes only. */
  readonly permissionV2?: boolean;
}

/** What an EHR launch hands the app through its `launch` value. */
export interface LaunchContext {
  readonly patient: string;
  /** Lifetime of the token this launch gets (default: the server's). */
  readonly tokenLifetimeSeconds?: number;
  /** Scopes the user or policy does not grant (e.g. `patient/ServiceRequest.c`). */
  readonly deny?: readonly string[];
  /** The signed-in user's name, as token introspection gives it (default "Demo Clinician"). */
  readonly user?: string;
}

/** Why the FHIR server refuses a request. */
export interface Refusal {
  readonly status: 401 | 403;
  readonly reason: string;
}

export interface SmartAuth {
  readonly router: express.Router;
  /** A bearer token that may do anything (seeding the server); never given to an app. */
  readonly adminToken: string;
  /** Registers an EHR launch; its `launch` value. */
  createLaunch(context: LaunchContext): string;
  /** Undefined when `authorization` may make this request (`url` relative to the FHIR base), else why not. */
  check(authorization: string | undefined, method: string, url: string): Refusal | undefined;
}

interface PendingCode {
  readonly user: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly scope: string;
  readonly patient: string | undefined;
  readonly lifetimeSeconds: number;
  readonly expiresAtMs: number;
  readonly needPatientBanner: boolean;
}

interface AccessToken {
  readonly clientId: string;
  readonly user: string;
  readonly scope: readonly string[];
  readonly patient: string | undefined;
  readonly expiresAtMs: number;
}

/** An authorization request whose user is picking a patient. */
interface PendingRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge: string;
  readonly scope: readonly string[];
}

const DEFAULT_USER = 'Demo Clinician';
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const token = (): string => randomBytes(24).toString('base64url');
const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function redirectAllowed(client: SmartClient, uri: string): boolean {
  return client.redirectUris.some((r) => (r.endsWith('/') ? uri.startsWith(r) : uri === r));
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:2rem;max-width:40rem;color:#1a1a1a}fieldset{margin:1rem 0}
label{display:block;padding:.25rem 0}button{font:inherit;padding:.4rem 1rem}iframe{border:1px solid #888;width:100%;height:85vh}</style>
</head><body>${body}</body></html>`;
}

/** Creates the authorization server (see the module comment). */
export function createSmartAuth(options: SmartAuthOptions): SmartAuth {
  const now = options.now ?? Date.now;
  const base = options.fhirBaseUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const launches = new Map<string, LaunchContext>();
  const codes = new Map<string, PendingCode>();
  const tokens = new Map<string, AccessToken>();
  const pending = new Map<string, PendingRequest>();
  const adminToken = token();
  const router = express.Router();

  const issueCode = (
    r: PendingRequest,
    patient: string | undefined,
    scope: readonly string[],
    ctx?: LaunchContext,
  ) => {
    const code = token();
    codes.set(code, {
      user: ctx?.user ?? DEFAULT_USER,
      clientId: r.clientId,
      redirectUri: r.redirectUri,
      challenge: r.challenge,
      scope: scope.join(' '),
      patient,
      lifetimeSeconds: ctx?.tokenLifetimeSeconds ?? lifetime,
      expiresAtMs: now() + 60_000,
      needPatientBanner: ctx === undefined,
    });
    const u = new URL(r.redirectUri);
    u.searchParams.set('code', code);
    u.searchParams.set('state', r.state);
    return u.href;
  };

  router.get('/fhir/.well-known/smart-configuration', (_req, res) => {
    res.json({
      issuer: origin,
      authorization_endpoint: `${origin}/auth/authorize`,
      token_endpoint: `${origin}/auth/token`,
      introspection_endpoint: `${origin}/auth/introspect`,
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: [
        'launch',
        'launch/patient',
        ...(options.permissionV2 === false ? [] : ['patient/*.cruds']),
        'patient/*.read',
        'patient/*.write',
      ],
      response_types_supported: ['code'],
      capabilities: [
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-standalone-patient',
        'context-banner',
        'permission-patient',
        'permission-v1',
        ...(options.permissionV2 === false ? [] : ['permission-v2']),
      ],
    });
  });

  router.get('/auth/authorize', async (req: Request, res: Response) => {
    const q = req.query;
    const client = options.clients.find((c) => c.clientId === str(q.client_id));
    const redirectUri = str(q.redirect_uri);
    if (client === undefined || !redirectAllowed(client, redirectUri)) {
      res.status(400).type('html').send(page('Bad request', '<h1>Unknown client_id or redirect_uri</h1>'));
      return;
    }
    const fail = (error: string, description: string): void => {
      const u = new URL(redirectUri);
      u.searchParams.set('error', error);
      u.searchParams.set('error_description', description);
      u.searchParams.set('state', str(q.state));
      res.redirect(302, u.href);
    };
    if (str(q.response_type) !== 'code')
      return fail('unsupported_response_type', 'response_type must be code');
    if (str(q.code_challenge) === '' || str(q.code_challenge_method) !== 'S256')
      return fail('invalid_request', 'PKCE with code_challenge_method S256 is required');
    if (str(q.aud).replace(/\/+$/, '') !== base) return fail('invalid_request', `aud must be ${base}`);
    const requested = str(q.scope)
      .split(/\s+/)
      .filter((s) => s !== '');
    const r: PendingRequest = {
      clientId: client.clientId,
      redirectUri,
      state: str(q.state),
      challenge: str(q.code_challenge),
      scope: grantableScopes(requested),
    };
    const launch = str(q.launch);
    if (launch !== '') {
      const ctx = launches.get(launch);
      if (ctx === undefined) return fail('invalid_request', 'unknown launch value');
      const deny = new Set(ctx.deny ?? []);
      res.redirect(
        302,
        issueCode(
          r,
          ctx.patient,
          r.scope.filter((s) => !deny.has(s)),
          ctx,
        ),
      );
      return;
    }
    if (!requested.includes('launch/patient')) {
      res.redirect(302, issueCode(r, undefined, r.scope));
      return;
    }
    if (options.defaultPatient !== undefined) {
      res.redirect(302, issueCode(r, options.defaultPatient, r.scope));
      return;
    }
    const id = token();
    pending.set(id, r);
    const patients = await options.listPatients();
    const radios = patients
      .map(
        (p, i) =>
          `<label><input type="radio" name="patient" value="${escapeHtml(p.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(p.name || p.id)} <small>(${escapeHtml(p.id)})</small></label>`,
      )
      .join('');
    const boxes = r.scope
      .filter((s) => /^(patient|user)\//.test(s))
      .map(
        (s) =>
          `<label><input type="checkbox" name="scope" value="${escapeHtml(s)}" checked> ${escapeHtml(s)}</label>`,
      )
      .join('');
    res.type('html').send(
      page(
        'Authorize',
        `<main><h1>Authorize ${escapeHtml(client.clientId)}</h1><form method="post" action="/auth/authorize">
<input type="hidden" name="request" value="${id}">
<fieldset><legend>Patient</legend>${radios || '<p>No patients on this server.</p>'}</fieldset>
<fieldset><legend>Access granted to the app</legend>${boxes}</fieldset>
<button type="submit">Allow</button></form></main>`,
      ),
    );
  });

  router.post('/auth/authorize', express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, string | string[] | undefined>;
    const r = pending.get(str(body.request));
    if (r === undefined) {
      res.status(400).type('html').send(page('Bad request', '<h1>This authorization request expired</h1>'));
      return;
    }
    pending.delete(str(body.request));
    const ticked = new Set(([] as string[]).concat(body.scope ?? []));
    const scope = r.scope.filter((s) => !/^(patient|user)\//.test(s) || ticked.has(s));
    res.redirect(302, issueCode(r, str(body.patient) || undefined, scope));
  });

  router.post('/auth/token', express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, unknown>;
    const refuse = (description: string): void => {
      res.status(400).json({ error: 'invalid_grant', error_description: description });
    };
    if (str(body.grant_type) !== 'authorization_code') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    const code = codes.get(str(body.code));
    codes.delete(str(body.code));
    if (code === undefined || code.expiresAtMs < now()) return refuse('unknown or expired code');
    if (code.clientId !== str(body.client_id)) return refuse('the code was issued to another client');
    if (code.redirectUri !== str(body.redirect_uri))
      return refuse('redirect_uri differs from the authorization');
    if (s256(str(body.code_verifier)) !== code.challenge) return refuse('code_verifier does not match');
    const access = token();
    tokens.set(access, {
      clientId: code.clientId,
      user: code.user,
      scope: code.scope.split(' '),
      patient: code.patient,
      expiresAtMs: now() + code.lifetimeSeconds * 1000,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      access_token: access,
      token_type: 'Bearer',
      expires_in: code.lifetimeSeconds,
      scope: code.scope,
      ...(code.patient === undefined ? {} : { patient: code.patient }),
      need_patient_banner: code.needPatientBanner,
    });
  });

  // Token introspection (RFC 7662, SMART App Launch 2.0): the caller proves itself with a live token of this
  // server (a resource server, or the app's own token); an unknown or expired token is `active: false`.
  router.post('/auth/introspect', express.urlencoded({ extended: false }), (req, res) => {
    const caller = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const live = (t: string | undefined): AccessToken | undefined => {
      const found = t === undefined ? undefined : tokens.get(t);
      return found !== undefined && found.expiresAtMs > now() ? found : undefined;
    };
    if (caller === undefined || (caller !== adminToken && live(caller) === undefined)) {
      res
        .status(401)
        .json({ error: 'invalid_token', error_description: 'introspection needs a live bearer token' });
      return;
    }
    const t = live(str((req.body as Record<string, unknown>).token));
    res.setHeader('Cache-Control', 'no-store');
    if (t === undefined) {
      res.json({ active: false });
      return;
    }
    res.json({
      active: true,
      scope: t.scope.join(' '),
      client_id: t.clientId,
      username: t.user,
      sub: `user-${createHash('sha256').update(t.user).digest('hex').slice(0, 12)}`,
      exp: Math.floor(t.expiresAtMs / 1000),
      ...(t.patient === undefined ? {} : { patient: t.patient }),
    });
  });

  router.get('/ehr/launch', (req, res) => {
    const app = str(req.query.app);
    const patient = str(req.query.patient);
    if (!/^https?:\/\//.test(app) || patient === '') {
      res.status(400).type('html').send(page('Bad request', '<h1>app (a URL) and patient are required</h1>'));
      return;
    }
    const lifetimeSeconds = Number(req.query.lifetime);
    const launch = createLaunchFn({
      patient,
      ...(Number.isFinite(lifetimeSeconds) && lifetimeSeconds > 0
        ? { tokenLifetimeSeconds: lifetimeSeconds }
        : {}),
    });
    const u = new URL(app);
    u.searchParams.set('iss', base);
    u.searchParams.set('launch', launch);
    res
      .type('html')
      .send(
        page(
          'EHR',
          `<header><h1>EHR (demo)</h1><p>Patient ${escapeHtml(patient)}</p></header><main><iframe title="BoneMet Risk" src="${escapeHtml(u.href)}"></iframe></main>`,
        ),
      );
  });

  const createLaunchFn = (context: LaunchContext): string => {
    const id = token();
    launches.set(id, context);
    return id;
  };

  return {
    router,
    adminToken,
    createLaunch: createLaunchFn,
    check(authorization, method, url) {
      const bearer = /^Bearer\s+(\S+)$/.exec(authorization ?? '')?.[1];
      const path = url.split('?')[0];
      if (method === 'GET' && (path === 'metadata' || path.startsWith('.well-known/'))) return undefined;
      if (bearer === undefined) return { status: 401, reason: 'a bearer token is required' };
      if (bearer === adminToken) return undefined;
      const t = tokens.get(bearer);
      if (t === undefined) return { status: 401, reason: 'unknown access token' };
      if (t.expiresAtMs <= now()) return { status: 401, reason: 'the access token expired' };
      const need = requestPermission(method, url);
      if (need === undefined) return { status: 403, reason: 'this request needs the server administrator' };
      if (!allows(t.scope, need.type, need.permission))
        return { status: 403, reason: `the token's scopes do not allow ${need.permission} on ${need.type}` };
      if (t.patient !== undefined && need.patient !== undefined && need.patient !== t.patient)
        return { status: 403, reason: "the token is for another patient's record" };
      if (t.patient !== undefined && need.permission === 's' && need.patient === undefined)
        return { status: 403, reason: "a patient's token searches only within that patient's record" };
      return undefined;
    },
  };
}
