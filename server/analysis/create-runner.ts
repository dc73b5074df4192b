/** The runner the configuration asks for: shared through Redis with BONEMET_REDIS_URL, else in process. */
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ImagingSource, RadiomicsParams } from '../../src/index.ts';
import type { ServiceConfig } from '../config.ts';
import { InProcessRunner } from './analysis-runner.ts';
import type { AnalysisRunner, ExecuteAnalysis } from './analysis-runner.ts';
import { analysisExecutor } from './patient-analysis.ts';
import { RedisRunner } from './redis-runner.ts';
import { createThreadExecutor } from './thread-executor.ts';
import type { ThreadExecutor } from './thread-executor.ts';

export function createAnalysisRunner(
  config: ServiceConfig,
  params: RadiomicsParams,
  logger: Logger,
  options: {
    imagingSource?: (baseUrl: string) => ImagingSource;
    execute?: ExecuteAnalysis;
    lockMs?: number;
  } = {},
): AnalysisRunner {
  if (config.redisUrl === undefined) return new InProcessRunner();
  return new RedisRunner({
    url: config.redisUrl,
    execute:
      options.execute ??
      analysisExecutor({
        config,
        params,
        ...(options.imagingSource === undefined ? {} : { imagingSource: options.imagingSource }),
      }),
    logger,
    ...(options.lockMs === undefined ? {} : { lockMs: options.lockMs }),
  });
}

/**
 * The executor the configuration asks for: BONEMET_ANALYSIS_THREADS worker threads (default 1), or none (0:
 * undefined, and analyses run in the service's own thread).
 */
export function createConfiguredExecutor(config: ServiceConfig): ThreadExecutor | undefined {
  if (config.analysisThreads === 0) return undefined;
  const paramsPath = fileURLToPath(new URL(`../../${config.model.radiomics.params}`, import.meta.url));
  return createThreadExecutor(
    { modelPath: config.modelPath, paramsPath, dicomWebAllowList: config.dicomWebAllowList },
    config.analysisThreads,
  );
}
