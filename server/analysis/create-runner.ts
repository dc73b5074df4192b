/** The runner the configuration asks for: shared through Redis with BONEMET_REDIS_URL, else in process. */
import type { Logger } from 'pino';
import type { ImagingSource, RadiomicsParams } from '../../src/index.ts';
import type { ServiceConfig } from '../config.ts';
import { InProcessRunner } from './analysis-runner.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import { analysisExecutor } from './patient-analysis.ts';
import { RedisRunner } from './redis-runner.ts';

export function createAnalysisRunner(
  config: ServiceConfig,
  params: RadiomicsParams,
  logger: Logger,
  options: { imagingSource?: (baseUrl: string) => ImagingSource; lockMs?: number } = {},
): AnalysisRunner {
  if (config.redisUrl === undefined) return new InProcessRunner();
  return new RedisRunner({
    url: config.redisUrl,
    execute: analysisExecutor({
      config,
      params,
      ...(options.imagingSource === undefined ? {} : { imagingSource: options.imagingSource }),
    }),
    logger,
    ...(options.lockMs === undefined ? {} : { lockMs: options.lockMs }),
  });
}
