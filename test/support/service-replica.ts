/**
 * One replica of the service in its own process, for the scale-out tests: the configuration from the
 * environment (as `bonemet serve` reads it), the runner it asks for, and two fault-injection knobs the tests
 * set: BONEMET_TEST_DELAY_MS slows each CT read (so a test can kill the replica mid-job) and
 * BONEMET_TEST_LOCK_MS shortens the job lock (so another replica takes a dead one's job within seconds).
 * Prints `listening <port>` once it listens; logs (pino, JSON) go to stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { createDicomWebSource, dicomWebImagingSource, parseParams } from '../../src/index.ts';
import type { ImagingSource } from '../../src/index.ts';
import { createApp } from '../../server/app.ts';
import { createAnalysisRunner, createConfiguredExecutor } from '../../server/analysis/create-runner.ts';
import { loadConfig } from '../../server/config.ts';
import { PROJECT_ROOT } from './reference.ts';

const config = loadConfig(process.env);
const params = parseParams(readFileSync(join(PROJECT_ROOT, 'params', 'study-1197.yaml'), 'utf8'));
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
const delayMs = Number(process.env.BONEMET_TEST_DELAY_MS ?? '0');
const lockMs =
  process.env.BONEMET_TEST_LOCK_MS === undefined ? undefined : Number(process.env.BONEMET_TEST_LOCK_MS);

const slowed = (base: string): ImagingSource => {
  const real = dicomWebImagingSource(
    createDicomWebSource({ baseUrl: base, allowedOrigins: config.dicomWebAllowList }),
  );
  return {
    ...real,
    loadCt: async (ref) => {
      await new Promise((r) => setTimeout(r, delayMs));
      return real.loadCt(ref);
    },
  };
};
const imagingSource = delayMs > 0 ? slowed : undefined;
// Analyses in a worker thread as `bonemet serve` runs them; the slowed reader (a function) stays in this thread.
const threads = imagingSource === undefined ? createConfiguredExecutor(config) : undefined;
const execute = threads === undefined ? {} : { execute: threads.execute };
const runner = createAnalysisRunner(config, params, logger, {
  ...(imagingSource === undefined ? {} : { imagingSource }),
  ...execute,
  ...(lockMs === undefined ? {} : { lockMs }),
});
const app = createApp({
  config,
  params,
  logger,
  runner,
  rateLimitPerMinute: 1_000_000,
  ...(imagingSource === undefined ? {} : { imagingSource }),
  ...execute,
});
const server = app.listen(config.port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void runner
    .close()
    .then(() => threads?.close())
    .then(() => process.exit(0));
});
