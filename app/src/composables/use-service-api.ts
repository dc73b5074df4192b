/**
 * Calls to the BoneMet Risk service (same origin as the app): the patient's risk view, with the SMART token,
 * polled while the CT analysis runs; the model artifact. Failures become {@link AppProblem}s.
 */
import { AppProblem, serviceProblem } from '../lib/problem.ts';
import { parseRiskView } from '../lib/risk-view.ts';
import type { RiskView } from '../lib/risk-view.ts';
import { isExpired } from './use-smart-client.ts';
import type { SmartSession } from './use-smart-client.ts';

/** The service's address of `path` (`api/risk`), relative to the app's own place under /app/. */
export function serviceUrl(path: string): URL {
  return new URL(`../${path.replace(/^\/+/, '')}`, document.baseURI);
}

export async function getJson(
  url: URL,
  init: RequestInit,
  session?: SmartSession,
): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw serviceProblem('network', e instanceof Error ? e.message : String(e));
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const detail =
      typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
        ? body.error
        : `HTTP ${res.status}`;
    if (res.status === 401 && session !== undefined && !isExpired(session))
      throw new AppProblem('expired', `${detail} (the EHR no longer accepts this session's token)`);
    throw serviceProblem(res.status, detail);
  }
  return { status: res.status, body };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The patient's risk view. While the service answers 202 (CT analysis running) it asks again every 2 s, up to
 * `maxWaitMs`, telling `onPending`.
 */
export async function fetchRiskView(
  session: SmartSession,
  options: { readonly onPending?: () => void; readonly maxWaitMs?: number } = {},
): Promise<RiskView> {
  const deadline = Date.now() + (options.maxWaitMs ?? 5 * 60_000);
  for (;;) {
    if (isExpired(session)) throw new AppProblem('expired', 'The access token expired.');
    const url = serviceUrl('api/risk');
    url.searchParams.set('patient', session.patientId);
    url.searchParams.set('fhirServer', session.serverUrl);
    const { status, body } = await getJson(
      url,
      { headers: { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' } },
      session,
    );
    let view: RiskView;
    try {
      view = parseRiskView(body);
    } catch (e) {
      throw new AppProblem('service-error', e instanceof Error ? e.message : String(e));
    }
    if (status !== 202 || Date.now() > deadline) return view;
    options.onPending?.();
    await sleep(2000);
  }
}
