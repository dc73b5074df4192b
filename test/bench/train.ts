import { performance } from 'node:perf_hooks';
import { clinicalVariable } from '../../src/model/clinical-table.ts';
import { trainStudyModel } from '../../src/model/training.ts';
import { trainingCohort } from '../support/training-cohort.ts';

/**
 * The study's training pipeline on 106 patients x 1197 features (84 train / 22 test): median wall time of
 * `runs` runs of preprocessing, Pearson filter, mRMR, the seven tuned classifiers, stepwise AIC and the
 * nomogram, with the time of each stage of the last run (from its progress message to the next).
 */
export function benchTrain(runs = 3): void {
  const cohort = trainingCohort({ n: 106, train: 84, p: 1197, informative: 40, seed: 17 });
  const isTest = cohort.split.map((s) => s === 'test');
  const input = {
    features: { names: Object.keys(cohort.features), columns: Object.values(cohort.features) },
    clinical: Object.entries(cohort.clinical).map(([k, v]) =>
      clinicalVariable(
        k,
        v,
        isTest.map((t) => !t),
      ),
    ),
    y: Float64Array.from(cohort.y),
    isTest,
    seed: 1,
    meta: {
      id: 'bench',
      version: '0',
      created: '2026-01-01T00:00:00.000Z',
      synthetic: true,
      description: 'bench cohort',
      sites: ['synthetic'],
      radiomicsParams: 'params/study-1197.yaml',
    },
  };
  console.log('train: 106 patients x 1197 features, 84 train / 22 test');
  const seconds: number[] = [];
  let stages: string[] = [];
  for (let r = 0; r < runs; r++) {
    const marks: [string, number][] = [];
    const t0 = performance.now();
    trainStudyModel({ ...input, onProgress: (m) => marks.push([m, performance.now()]) });
    seconds.push((performance.now() - t0) / 1000);
    stages = marks.slice(0, -1).map(([m, t], i) => `  ${((marks[i + 1][1] - t) / 1000).toFixed(2)} s  ${m}`);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  console.log(
    `train: median ${sorted[sorted.length >> 1].toFixed(2)} s over ${runs} runs (${seconds.map((s) => s.toFixed(2)).join(', ')})`,
  );
  for (const s of stages) console.log(s);
}
