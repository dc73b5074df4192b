/**
 * The demo EHR's routes (DESIGN section 15): the page under `/ehr/`, `GET /dev/patients`, `POST /dev/fire/<id>`
 * (plays the EHR: fires patient-view at the service with a client JWT signed by the stack's key and answers the
 * service's response), `POST /dev/accept` (creates a card suggestion's resources on the FHIR server, as an EHR does
 * when the clinician accepts it) and `POST /dev/launch/<id>` (an EHR launch of the card's SMART link: the URL to
 * open, with `iss` and a fresh `launch`). The stack supplies what each does.
 */
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Request, Response } from 'express';

export interface DemoPatientSummary {
  readonly id: string;
  readonly name: string;
  readonly scenario: string;
  readonly expectedCategory: string;
}

export interface EhrActions {
  patients(): readonly DemoPatientSummary[];
  fire(patientId: string): Promise<{ readonly status: number; readonly body: unknown }>;
  /** Creates the suggestion's `create` actions' resources for the patient; their `Type/id`s. */
  accept(patientId: string, suggestion: unknown): Promise<readonly string[]>;
  /** The URL that launches the app at `url` for the patient (an EHR launch). */
  launch(patientId: string, url: string, appContext: string | undefined): string;
}

const PAGE_DIR = fileURLToPath(new URL('./ehr/', import.meta.url));

/** The router; unknown patients are 404, bad bodies 400, a failure of the stack 502 naming it. */
export function ehrRoutes(actions: EhrActions): express.Router {
  const router = express.Router();
  const known = (id: unknown): id is string =>
    typeof id === 'string' && actions.patients().some((p) => p.id === id);
  const failed = (res: Response, e: unknown): void => {
    res.status(502).json({ error: e instanceof Error ? e.message : String(e) });
  };
  router.get('/', (_req, res) => res.redirect('/ehr/'));
  router.use('/ehr', express.static(PAGE_DIR, { index: 'index.html' }));
  router.get('/dev/patients', (_req, res) => {
    res.json(actions.patients());
  });
  router.post('/dev/fire/:patientId', async (req: Request<{ patientId: string }>, res) => {
    if (!known(req.params.patientId)) {
      res.status(404).json({ error: 'no such demo patient' });
      return;
    }
    try {
      res.json(await actions.fire(req.params.patientId));
    } catch (e) {
      failed(res, e);
    }
  });
  router.post('/dev/accept', express.json({ limit: '256kb' }), async (req, res) => {
    const { patientId, suggestion } = (req.body ?? {}) as { patientId?: unknown; suggestion?: unknown };
    if (!known(patientId) || typeof suggestion !== 'object' || suggestion === null) {
      res.status(400).json({ error: 'patientId (a demo patient) and suggestion are required' });
      return;
    }
    try {
      res.json({ created: await actions.accept(patientId, suggestion) });
    } catch (e) {
      failed(res, e);
    }
  });
  router.post(
    '/dev/launch/:patientId',
    express.json({ limit: '16kb' }),
    (req: Request<{ patientId: string }>, res) => {
      const { url, appContext } = (req.body ?? {}) as { url?: unknown; appContext?: unknown };
      if (!known(req.params.patientId) || typeof url !== 'string') {
        res.status(400).json({ error: 'a demo patient and the link url are required' });
        return;
      }
      try {
        const launch = actions.launch(
          req.params.patientId,
          url,
          typeof appContext === 'string' ? appContext : undefined,
        );
        res.json({ url: launch });
      } catch (e) {
        res.status(400).json({ error: e instanceof Error ? e.message : String(e) });
      }
    },
  );
  return router;
}
