/**
 * launch.html: the SMART launch. With `iss` and `launch` (an EHR launch) or `iss` alone (a standalone launch,
 * which asks for `launch/patient`), it sends the browser to the EHR's authorization endpoint through fhirclient:
 * authorization code with PKCE S256 (required), SMART v2 scopes when the server supports them, else v1. The
 * EHR returns to index.html, which completes the launch.
 */
import FHIR from 'fhirclient';
import { loadLaunchSettings } from './smart/launch-settings.ts';
import { requestedScopes, serverSupportsV2 } from './smart/scopes.ts';

const status = document.getElementById('launch-status');

function fail(message: string): void {
  if (status === null) return;
  status.setAttribute('role', 'alert');
  status.textContent = message;
}

async function launch(): Promise<void> {
  const url = new URL(window.location.href);
  const iss = url.searchParams.get('iss') ?? url.searchParams.get('fhirServiceUrl');
  const launchId = url.searchParams.get('launch');
  if (iss === null || iss === '') {
    fail(
      'This page starts BoneMet Risk from an EHR. No FHIR server (iss) was given: open the app from your EHR, or add ?iss=<FHIR base URL> for a standalone launch.',
    );
    return;
  }
  const settings = await loadLaunchSettings(url);
  const v2 = await serverSupportsV2(iss);
  const scope = requestedScopes({ ehrLaunch: launchId !== null, v2, ordering: settings.ordering });
  await FHIR.oauth2.authorize({
    clientId: settings.clientId,
    scope,
    iss,
    ...(launchId === null ? {} : { launch: launchId }),
    redirectUri: new URL('index.html', url).href,
    pkceMode: 'required',
  });
}

launch().catch((e: unknown) => {
  fail(`The launch could not start: ${e instanceof Error ? e.message : String(e)}`);
});
