/**
 * The SMART scopes the app asks for and what a granted scope allows. SMART v2 scopes
 * (`patient/Observation.rs`, `patient/ServiceRequest.c`) where the server says `permission-v2`, else the v1
 * forms (`.read`, `.write`). The service reads Patient, Observation, Condition, ImagingStudy and Endpoint with
 * the app's token, so the app asks for all five; it stores a clinician's review of the ROI's level only for a
 * token that may create Provenance (`ROI_CORRECTION_SCOPE`), so the app asks for that too.
 */
import { ROI_CORRECTION_SCOPE, scopeAllowsCreate } from '../../../src/browser.ts';

/** Resources read with the app's token (by the app and by the service on its behalf). */
export const READ_RESOURCES = ['Patient', 'Observation', 'Condition', 'ImagingStudy', 'Endpoint'] as const;

export interface ScopeRequest {
  /** An EHR launch (`launch`) or a standalone launch asking for a patient (`launch/patient`). */
  readonly ehrLaunch: boolean;
  /** The server supports SMART v2 scopes. */
  readonly v2: boolean;
  /** Ask for the right to create a draft ServiceRequest (the PET-CT order). */
  readonly ordering: boolean;
}

/** The space-separated scope string for the authorization request. */
export function requestedScopes(r: ScopeRequest): string {
  const read = r.v2 ? 'rs' : 'read';
  return [
    r.ehrLaunch ? 'launch' : 'launch/patient',
    'openid',
    'fhirUser',
    ...READ_RESOURCES.map((t) => `patient/${t}.${read}`),
    r.v2 ? ROI_CORRECTION_SCOPE : ROI_CORRECTION_SCOPE.replace(/\.c$/, '.write'),
    ...(r.ordering ? [`patient/ServiceRequest.${r.v2 ? 'c' : 'write'}`] : []),
  ].join(' ');
}

/**
 * True when the granted scope string lets the app create resources of `type` (v2 `c`, v1 `write` or `*`), read
 * as the service reads it.
 */
export function grantsCreate(granted: string | undefined, type: string): boolean {
  return scopeAllowsCreate(granted ?? '', type);
}

/** Whether the server's `.well-known/smart-configuration` says it takes SMART v2 scopes. */
export async function serverSupportsV2(iss: string): Promise<boolean> {
  try {
    const res = await fetch(`${iss.replace(/\/+$/, '')}/.well-known/smart-configuration`, {
      headers: { accept: 'application/json' },
    });
    if (!res.ok) return false;
    const body: unknown = await res.json();
    const caps =
      typeof body === 'object' && body !== null && 'capabilities' in body ? body.capabilities : undefined;
    return Array.isArray(caps) && caps.includes('permission-v2');
  } catch {
    // No discovery document: fhirclient falls back to the CapabilityStatement, and v1 scopes are the safe choice.
    return false;
  }
}
