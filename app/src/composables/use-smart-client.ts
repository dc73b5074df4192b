/**
 * The SMART session, wrapped once: completes the launch with fhirclient's `ready()` (before the app's router
 * reads the URL), and gives the screens the patient, the FHIR base, the token and the granted scopes. A page
 * opened without a launch, a launch the EHR refused, and an expired token are {@link AppProblem}s.
 */
import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import { AppProblem } from '../lib/problem.ts';

export interface SmartSession {
  readonly client: Client;
  readonly patientId: string;
  readonly serverUrl: string;
  readonly accessToken: string;
  /** The scopes the EHR granted (space separated). */
  readonly scope: string;
  /** When the token expires (ms since the epoch), when the EHR said. */
  readonly expiresAtMs: number | undefined;
  readonly needPatientBanner: boolean;
}

/** True when the session's token has expired. */
export function isExpired(s: SmartSession, nowMs = Date.now()): boolean {
  return s.expiresAtMs !== undefined && s.expiresAtMs <= nowMs;
}

/** Completes the launch (or restores the session after a reload). */
export async function openSession(): Promise<SmartSession> {
  const params = new URLSearchParams(window.location.search);
  if (params.has('error')) {
    throw new AppProblem(
      'launch-failed',
      `The EHR answered: ${params.get('error_description') ?? params.get('error') ?? 'unknown error'}`,
    );
  }
  const launched = params.has('state') || params.has('code') || sessionStorage.getItem('SMART_KEY') !== null;
  if (!launched) throw new AppProblem('not-launched', 'No SMART launch is in progress in this browser tab.');
  let client: Client;
  try {
    client = await FHIR.oauth2.ready();
  } catch (e) {
    throw new AppProblem('launch-failed', e instanceof Error ? e.message : String(e));
  }
  const token = client.state.tokenResponse;
  const patientId = client.patient.id ?? undefined;
  if (token?.access_token === undefined)
    throw new AppProblem('launch-failed', 'The EHR gave no access token.');
  if (patientId === undefined || patientId === null)
    throw new AppProblem(
      'launch-failed',
      'The EHR gave no patient context; launch the app from a patient chart.',
    );
  const expiresAt = client.state.expiresAt;
  const session: SmartSession = {
    client,
    patientId,
    serverUrl: client.state.serverUrl,
    accessToken: token.access_token,
    scope: typeof token.scope === 'string' ? token.scope : '',
    expiresAtMs: typeof expiresAt === 'number' ? expiresAt * 1000 : undefined,
    needPatientBanner: token.need_patient_banner === true,
  };
  if (isExpired(session)) throw new AppProblem('expired', 'The access token expired.');
  return session;
}
