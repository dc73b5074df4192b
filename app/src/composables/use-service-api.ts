/**
 * Calls to the BoneMet Risk service (same origin as the app): the patient's risk view, with the SMART token,
 * polled while the CT analysis runs; the model artifact; a clinician's review of the ROI's level, answered with
 * the recomputed view. Failures become {@link AppProblem}s.
 */
import type { RoiCorrectionRequest } from '../../../src/browser.ts';
import { AppProblem, serviceProblem } from '../lib/problem.ts';
import { parseRiskView } from '../lib/risk-view.ts';
import type { RiskView } from '../lib/risk-view.ts';
import { isExpired } from './use-smart-client.ts';
import type { SmartSession } from './use-smart-client.ts';

/** The service's address of `path` (`api/risk`), relative to the app's own place under /app/. */
export function serviceUrl(path: string): URL {
  return new URL(`../${path.replace(/^\/+/, '')}`, document.baseURI);
}

/** The service's sentence of an error answer (`{error: "..."}`), if it gave one. */
function errorSentence(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
    ? body.error
    : undefined;
}

/** The answer's JSON body, or null when it has none or it is not JSON. */
async function jsonBody(res: Response): Promise<unknown> {
  try {
    return (await res.json()) as unknown;
  } catch {
    return null;
  }
}

/** The risk view the service answered, or an AppProblem ('service-error') saying what is wrong with it. */
function riskViewOf(body: unknown): RiskView {
  try {
    return parseRiskView(body);
  } catch (e) {
    throw new AppProblem('service-error', e instanceof Error ? e.message : String(e));
  }
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
  const body = await jsonBody(res);
  if (!res.ok) {
    const detail = errorSentence(body) ?? `HTTP ${res.status}`;
    if (res.status === 401 && session !== undefined && !isExpired(session))
      throw new AppProblem('expired', `${detail} (the EHR no longer accepts this session's token)`);
    throw serviceProblem(res.status, detail);
  }
  return { status: res.status, body };
}

/** A picture of the service (`/api/...png`) fetched with the app's token, as a Blob. */
export async function fetchPicture(session: SmartSession, path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(serviceUrl(path), {
      headers: { authorization: `Bearer ${session.accessToken}`, accept: 'image/png' },
    });
  } catch (e) {
    throw serviceProblem('network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw serviceProblem(res.status, `the picture ${path} answered HTTP ${res.status}`);
  return res.blob();
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
    const view = riskViewOf(body);
    if (status !== 202 || Date.now() > deadline) return view;
    options.onPending?.();
    await sleep(2000);
  }
}

/**
 * Stores a clinician's review of the ROI's level (`POST /api/roi/<analysis id>`) and gives the recomputed risk
 * view; an answer of 202 (the new ROI's analysis still running) is followed by asking for the view as
 * {@link fetchRiskView} does. A refusal becomes an {@link AppProblem} whose message is the service's sentence.
 */
export async function postRoiCorrection(
  session: SmartSession,
  analysisId: string,
  request: RoiCorrectionRequest,
  options: { readonly maxWaitMs?: number } = {},
): Promise<RiskView> {
  if (isExpired(session))
    throw new AppProblem('expired', 'Your session has expired; launch BoneMet Risk again to review the ROI.');
  let res: Response;
  try {
    res = await fetch(serviceUrl(`api/roi/${encodeURIComponent(analysisId)}`), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session.accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(request),
    });
  } catch {
    throw serviceProblem(
      'network',
      'The BoneMet Risk service could not be reached; the ROI was not changed.',
    );
  }
  const body = await jsonBody(res);
  if (!res.ok) {
    throw serviceProblem(
      res.status,
      errorSentence(body) ?? `The service answered HTTP ${res.status}; the ROI was not changed.`,
    );
  }
  const view = riskViewOf(body);
  if (res.status !== 202) return view;
  return fetchRiskView(session, options);
}
