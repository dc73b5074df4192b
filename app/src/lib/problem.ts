/**
 * What can go wrong around a screen, as the app tells the user: each kind has a headline and what to do. The
 * app never shows a blank page: every failure below becomes one of these.
 */
export type ProblemKind =
  | 'not-launched'
  | 'launch-failed'
  | 'expired'
  | 'service-down'
  | 'service-error'
  | 'refused'
  | 'not-found'
  | 'fhir-error';

export class AppProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'AppProblem';
  }
}

/** Headline and advice for each kind. */
export const PROBLEM_TEXT: Readonly<
  Record<ProblemKind, { readonly title: string; readonly advice: string }>
> = {
  'not-launched': {
    title: 'BoneMet Risk was not launched',
    advice:
      'Open the app from your EHR (it starts at launch.html), or start a standalone launch with your FHIR server below.',
  },
  'launch-failed': {
    title: 'The launch did not complete',
    advice:
      'Launch the app again from your EHR. If it keeps failing, ask your EHR administrator to check the app registration.',
  },
  expired: {
    title: 'Your session has expired',
    advice: 'The EHR access token is no longer valid. Launch BoneMet Risk again from your EHR to continue.',
  },
  'service-down': {
    title: 'The BoneMet Risk service cannot be reached',
    advice: 'The service may be restarting or the network is down. Try again in a minute.',
  },
  'service-error': {
    title: 'The BoneMet Risk service could not answer',
    advice: 'Try again in a minute. If it keeps failing, tell the team that runs BoneMet Risk.',
  },
  refused: {
    title: 'The BoneMet Risk service refused the request',
    advice:
      'This EHR or its imaging server may not be registered with the service. Tell the team that runs it.',
  },
  'not-found': {
    title: 'This patient was not found',
    advice:
      'The FHIR server has no record of the patient in context. Launch the app again from the patient chart.',
  },
  'fhir-error': {
    title: 'The EHR could not be read',
    advice: 'The FHIR server refused or failed a request. Try again, or launch the app again from your EHR.',
  },
};

/** The problem of a failed `fetch` call or HTTP status from the BoneMet Risk service. */
export function serviceProblem(status: number | 'network', detail: string): AppProblem {
  if (status === 'network') return new AppProblem('service-down', detail);
  if (status === 401) return new AppProblem('expired', detail);
  if (status === 404) return new AppProblem('not-found', detail);
  if (status === 400 || status === 403) return new AppProblem('refused', detail);
  if (status === 502 || status === 503 || status === 504) return new AppProblem('service-down', detail);
  return new AppProblem('service-error', detail);
}

/** Any thrown value as an AppProblem (an AppProblem as is). */
export function asProblem(e: unknown, fallback: ProblemKind): AppProblem {
  if (e instanceof AppProblem) return e;
  return new AppProblem(fallback, e instanceof Error ? e.message : String(e));
}
