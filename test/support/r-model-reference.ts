import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './reference.ts';

/**
 * The R reference outputs for the model-building steps, written by test/src/model/reference/make-reference.R
 * (committed beside it; CI does not run R). Infinite values are stored as "Inf" / "-Inf".
 */
export const R_MODEL_REFERENCE_PATH = join(
  PROJECT_ROOT,
  'test',
  'src',
  'model',
  'reference',
  'r-reference.json',
);

export interface RStepCandidate {
  change: string;
  aic: number;
  deviance: number;
}

export interface RStepwise {
  name: string;
  data: 'clinical84' | 'collinear84';
  start: 'full' | 'null';
  termOrder: string[];
  finalTerms: string[];
  finalCoefficients: number[];
  finalNames: string[];
  finalAic: number;
  steps: {
    change: string;
    terms: string[];
    deviance: number;
    dfResidual: number;
    aic: number;
    candidates: RStepCandidate[];
  }[];
}

export interface RNomogramTerm {
  name: string;
  kind: 'numeric' | 'factor';
  coefficient?: number;
  levels?: string[];
  coefficients?: number[];
  values?: number[];
  axis: (number | string)[];
  points: number[];
  xbeta: number[];
}

export interface RNomogram {
  name: string;
  intercept: number;
  linearPredictors: number[];
  terms: RNomogramTerm[];
  sc: number;
  linearPredictorAtZero: number;
  totalPoints: number[];
  lpAt: number[];
  lpPoints: number[];
  riskAt: number[];
  riskPoints: number[];
}

export interface RMrmr {
  selected: string[];
  scores: number[];
  relevance: number[];
}

export interface RModelReference {
  rVersion: string;
  packages: Record<string, string>;
  clinical: {
    age: number[];
    ki67: number[];
    er: number[];
    pr: number[];
    her2: number[];
    subtype: string[];
    subtypeLevels: string[];
    radscore: number[];
    noise: number[];
    y: number[];
  };
  collinear: {
    a: number[];
    b: number[];
    c: number[];
    e: number[];
    g: string[];
    gLevels: string[];
    h: number[];
    y: number[];
  };
  pretty: { x: number[]; n: number; breaks: number[] }[];
  stepwise: RStepwise[];
  nomograms: RNomogram[];
  selection: {
    names: string[];
    columns: Record<string, number[]>;
    y: number[];
    pearson090: string[];
    pearson095: string[];
    anovaF: number[];
    fcq10: RMrmr;
    fcqAll: RMrmr;
    miq10: RMrmr;
    mid10: RMrmr;
    miq8Binary: RMrmr;
    mid6Pool12: RMrmr;
  };
}

let cached: RModelReference | undefined;

/** The parsed model reference file (read once per test process). */
export function readRModelReference(): RModelReference {
  cached ??= JSON.parse(readFileSync(R_MODEL_REFERENCE_PATH, 'utf8'), (_key, value: unknown) =>
    value === 'Inf' ? Infinity : value === '-Inf' ? -Infinity : value,
  ) as RModelReference;
  return cached;
}
