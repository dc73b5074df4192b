/**
 * Starts the service: reads the configuration (a bad value stops here, naming the variable), loads the
 * radiomics parameters the model was trained with, listens, and closes cleanly on SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { parseParams } from '../src/index.ts';
import { createApp } from './app.ts';
import { createAnalysisRunner, createConfiguredExecutor } from './analysis/create-runner.ts';
import { ConfigError, loadConfig } from './config.ts';

/** Runs the service until a signal; resolves with the exit code. */
export async function serve(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const log = pino({ level: env.LOG_LEVEL ?? 'info' });
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`bonemet serve: bad configuration: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const paramsPath = fileURLToPath(new URL(`../${config.model.radiomics.params}`, import.meta.url));
  const params = parseParams(readFileSync(paramsPath, 'utf8'), paramsPath);
  const threads = createConfiguredExecutor(config);
  const execute = threads === undefined ? {} : { execute: threads.execute };
  const runner = createAnalysisRunner(config, params, log, execute);
  const app = createApp({ config, params, logger: log, runner, ...execute });
  const server = app.listen(config.port, () => {
    log.info(
      {
        port: config.port,
        publicUrl: config.publicUrl,
        model: `${config.model.id}@${config.model.version}`,
        cache: config.redisUrl === undefined ? 'in-process' : 'redis',
      },
      'BoneMet Risk CDS service listening',
    );
  });
  return new Promise((resolve) => {
    const stop = (): void => {
      log.info('stopping');
      server.close(() => {
        void runner
          .close()
          .then(() => threads?.close())
          .then(() => resolve(0));
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
