/**
 * The express app of the CDS service, built and exported without listening (server/main.ts listens), so
 * tests mount it directly. Security first: helmet, CORS per configuration, a body-size limit, a rate limit,
 * and the CDS client's JWT checked before the hook runs. Logs (pino) carry no PHI: ids are hashed.
 */
import { createHash } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { errorCategory, PACKAGE_VERSION } from '../src/index.ts';
import type { ImagingSource, RadiomicsParams } from '../src/index.ts';
import { InProcessRunner } from './analysis/analysis-runner.ts';
import type { AnalysisRunner, ExecuteAnalysis } from './analysis/analysis-runner.ts';
import { DEFINITION, handlePatientView, SERVICE_ID } from './cds/bone-metastasis-risk.ts';
import { Refusal } from './analysis/patient-analysis.ts';
import { getRiskView } from './api/risk.ts';
import { modelHandler } from './api/model.ts';
import { modelCardHandler } from './api/model-card.ts';
import { appStatic } from './app-static.ts';
import { renderRoiPreview } from './api/roi-preview.ts';
import { precompute } from './api/precompute.ts';
import { correctRoi } from './api/roi-correction.ts';
import type { ServiceConfig } from './config.ts';
import { CdsAuthError, createCdsJwtVerifier } from './middleware/cds-jwt.ts';

/** What the app is built from; everything but the configuration has a default. */
export interface AppOptions {
  readonly config: ServiceConfig;
  readonly params: RadiomicsParams;
  readonly logger?: Logger;
  readonly runner?: AnalysisRunner;
  readonly imagingSource?: (baseUrl: string) => ImagingSource;
  /** Runs analyses (default: in this thread; `bonemet serve` gives worker threads, thread-executor.ts). */
  readonly execute?: ExecuteAnalysis;
  /** How long GET /api/risk waits for an analysis before answering 202 pending (default 20 s). */
  readonly apiWaitMs?: number;
  /** Requests per minute per client address (default 600). */
  readonly rateLimitPerMinute?: number;
  /** The built SMART app served under /app/ (default app/dist). */
  readonly appDir?: string;
}

const hashId = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);

function cors(origins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin !== undefined && (origins.includes('*') || origins.includes(origin))) {
      res.setHeader('Access-Control-Allow-Origin', origins.includes('*') ? '*' : origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

/** The URL the client called, as its JWT's `aud` must name it: the public base and the path. */
function audienceOf(publicUrl: string, req: Request): string {
  return `${publicUrl}${req.originalUrl.split('?')[0]}`;
}

/** Builds the service's express app. */
export function createApp(options: AppOptions): express.Express {
  const { config } = options;
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const runner = options.runner ?? new InProcessRunner();
  const analysisOptions = {
    ...(options.imagingSource === undefined ? {} : { imagingSource: options.imagingSource }),
    ...(options.execute === undefined ? {} : { execute: options.execute }),
  };
  const verify = config.auth === 'jwt' ? createCdsJwtVerifier({ clients: config.cdsClients }) : undefined;
  if (config.auth === 'off')
    log.warn('BONEMET_AUTH=off: CDS client JWTs are NOT checked; for local development only');

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(cors(config.corsOrigins));
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: options.rateLimitPerMinute ?? 600,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
    }),
  );
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/fhir+json'] }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: PACKAGE_VERSION });
  });
  app.get('/readyz', (_req, res) => {
    const state = runner.state();
    res.json({
      status: state.redis === 'unavailable' ? 'degraded' : 'ready',
      model: `${config.model.id}@${config.model.version}`,
      ...state,
      ...(state.redis === 'unavailable'
        ? { note: 'Redis is unreachable: results and analyses are kept in this process until it returns' }
        : {}),
    });
  });
  app.get('/cds-services', (_req, res) => {
    res.json({ services: [DEFINITION] });
  });

  app.post(`/cds-services/${SERVICE_ID}`, async (req, res) => {
    const started = Date.now();
    const hookInstance =
      typeof req.body?.hookInstance === 'string' ? req.body.hookInstance.slice(0, 64) : undefined;
    try {
      if (verify !== undefined) await verify(req.headers.authorization, audienceOf(config.publicUrl, req));
      const response = await handlePatientView(req.body, {
        config,
        params: options.params,
        runner,
        ...analysisOptions,
      });
      const patientId =
        typeof req.body?.context?.patientId === 'string' ? hashId(req.body.context.patientId) : undefined;
      log.info(
        { hookInstance, patient: patientId, cards: response.cards.length, ms: Date.now() - started },
        'patient-view answered',
      );
      res.json(response);
    } catch (e) {
      if (e instanceof CdsAuthError) {
        log.warn({ hookInstance, reason: e.reason }, 'CDS client JWT refused');
        res.status(401).json({ error: 'unauthorized' });
      } else if (e instanceof Refusal) {
        log.warn({ hookInstance, status: e.status, reason: e.message }, 'patient-view refused');
        res.status(e.status).json({ error: e.message });
      } else {
        log.error(
          { hookInstance, category: errorCategory(e), error: e instanceof Error ? e.name : 'unknown' },
          'patient-view failed',
        );
        res.status(500).json({ error: 'internal error' });
      }
    }
  });

  app.get('/api/risk', async (req, res) => {
    try {
      const { status, body } = await getRiskView(req.query, req.headers.authorization, {
        config,
        params: options.params,
        runner,
        waitMs: options.apiWaitMs ?? 20_000,
        ...analysisOptions,
      });
      res.status(status).json(body);
    } catch (e) {
      if (e instanceof Refusal) res.status(e.status).json({ error: e.message });
      else {
        log.error(
          { category: errorCategory(e), error: e instanceof Error ? e.name : 'unknown' },
          'risk view failed',
        );
        res.status(500).json({ error: 'internal error' });
      }
    }
  });

  app.post('/api/precompute', async (req, res) => {
    try {
      const answer = await precompute(req.body, req.headers.authorization, {
        config,
        params: options.params,
        runner,
        logger: log,
        ...analysisOptions,
      });
      log.info({ patients: answer.patients.length }, 'precompute accepted');
      res.status(202).json(answer);
    } catch (e) {
      if (e instanceof Refusal) res.status(e.status).json({ error: e.message });
      else {
        log.error({ category: errorCategory(e) }, 'precompute failed');
        res.status(500).json({ error: 'internal error' });
      }
    }
  });

  app.get('/api/model', modelHandler(config.model));
  app.get('/models/:id', modelCardHandler(config.model));
  app.use('/app', appStatic(options.appDir === undefined ? {} : { dir: options.appDir }));

  app.get('/api/roi-preview/:file', async (req, res) => {
    const m = /^([0-9a-f]{32})\.png$/.exec(req.params.file);
    const result = m === null ? undefined : await runner.byId(m[1]);
    if (result === undefined || result.status !== 'complete' || result.preview === undefined) {
      res.status(404).json({ error: 'no such analysis' });
      return;
    }
    res.type('image/png').setHeader('Cache-Control', 'private, max-age=3600');
    res.send(renderRoiPreview(result.preview));
  });

  app.get('/api/roi-review/:file', async (req, res) => {
    const m = /^([0-9a-f]{32})\.png$/.exec(req.params.file);
    const result = m === null ? undefined : await runner.byId(m[1]);
    if (result?.spineReview === undefined) {
      res.status(404).json({ error: 'no such analysis' });
      return;
    }
    res.type('image/png').setHeader('Cache-Control', 'private, max-age=3600');
    res.send(Buffer.from(result.spineReview.png));
  });

  app.post('/api/roi/:id', async (req, res) => {
    try {
      const { status, body } = await correctRoi(req.params.id, req.body, req.headers.authorization, {
        config,
        params: options.params,
        runner,
        waitMs: options.apiWaitMs ?? 20_000,
        onStored: (what) => log.info(what, 'reviewed ROI stored'),
        ...analysisOptions,
      });
      res.status(status).json(body);
    } catch (e) {
      if (e instanceof Refusal) {
        log.warn({ status: e.status }, 'ROI correction refused');
        res.status(e.status).json({ error: e.message });
      } else {
        log.error(
          { category: errorCategory(e), error: e instanceof Error ? e.name : 'unknown' },
          'ROI correction failed',
        );
        res.status(500).json({ error: 'internal error' });
      }
    }
  });

  app.post(`/cds-services/${SERVICE_ID}/feedback`, async (req, res) => {
    try {
      if (verify !== undefined) await verify(req.headers.authorization, audienceOf(config.publicUrl, req));
    } catch {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    const feedback = Array.isArray(req.body?.feedback) ? req.body.feedback : [];
    log.info(
      {
        items: feedback.length,
        outcomes: feedback.map((f: { outcome?: unknown }) => String(f?.outcome)).slice(0, 10),
      },
      'card feedback',
    );
    res.status(200).json({});
  });

  // Malformed JSON, oversized bodies and anything that escaped a route: a 4xx for the request's fault,
  // never a stack trace.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status =
      typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
        ? err.status
        : 500;
    if (status >= 500) log.error({ error: err instanceof Error ? err.name : 'unknown' }, 'request failed');
    res
      .status(status >= 400 && status < 600 ? status : 500)
      .json({ error: status < 500 ? 'bad request' : 'internal error' });
  });
  return app;
}
