import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './reference.ts';
import { assertClose } from './tolerance.ts';
import type { Tolerance } from './tolerance.ts';

/**
 * The R reference outputs for the statistics core, written by test/src/stats/reference/make-reference.R
 * (committed beside it; CI does not run R). Infinite values are stored as the strings "Inf" / "-Inf" and
 * are turned back into numbers here.
 */
export const R_REFERENCE_PATH = join(PROJECT_ROOT, 'test', 'src', 'stats', 'reference', 'r-reference.json');

type Num = number;
type Rows = Num[][];

export interface RLogistic {
  name: string;
  columns: string[];
  x: Rows;
  y: Num[];
  coefficients: Num[];
  se: Num[];
  z: Num[];
  p: Num[];
  oddsRatio: Num[];
  orLower: Num[];
  orUpper: Num[];
  deviance: Num;
  nullDeviance: Num;
  aic: Num;
  dfResidual: Num;
  iterations: Num;
  converged: boolean;
  fitted: Num[];
  linearPredictor: Num[];
  warnings: string[];
}

export interface RRoc {
  name: string;
  y: Num[];
  p: Num[];
  thresholds: Num[];
  sensitivities: Num[];
  specificities: Num[];
  auc: Num;
  variance: Num;
  ciLower: Num;
  ciUpper: Num;
  youdenThresholds: Num[];
  youdenSensitivity: Num[];
  youdenSpecificity: Num[];
  youdenSum: Num[];
  atThreshold: Record<
    'threshold' | 'sensitivity' | 'specificity' | 'ppv' | 'npv' | 'accuracy' | 'tp' | 'fp' | 'tn' | 'fn',
    Num
  >;
}

export interface RHosmerLemeshow {
  statistic: Num;
  df: Num;
  pValue: Num;
  breaks: Num[];
  binSizes: Num[];
  observed1: Num[];
  expected1: Num[];
}

export interface RCalibration {
  name: string;
  y: Num[];
  p: Num[];
  hosmerLemeshow: RHosmerLemeshow;
  quantileMeanPredicted: Num[];
  quantileObservedRate: Num[];
  uniformCounts: Num[];
  uniformMeanPredicted: Num[];
  uniformObservedRate: Num[];
  brier: Num;
}

export interface RChiSquare {
  statistic: Num;
  df: Num;
  pValue: Num;
  method: string;
  expected: Rows;
}

export interface RReference {
  rVersion: string;
  packages: Record<string, string>;
  logistic: RLogistic[];
  roc: RRoc[];
  rocTest: {
    y: Num[];
    p1: Num[];
    p2: Num[];
    auc1: Num;
    auc2: Num;
    z: Num;
    pValue: Num;
    ciLower: Num;
    ciUpper: Num;
  };
  calibration: RCalibration[];
  dca: {
    name: string;
    y: Num[];
    p: Num[];
    thresholds: Num[];
    netBenefitModel: Num[];
    netBenefitAll: Num[];
  }[];
  kruskal: { groups: Num[][]; statistic: Num; df: Num; pValue: Num }[];
  chisq: { name: string; table: Rows; corrected: RChiSquare; uncorrected: RChiSquare }[];
  fisher: { name: string; table: Rows; pValue: Num }[];
  distributions: {
    normalCdf: { x: Num[]; value: Num[] };
    normalQuantile: { p: Num[]; value: Num[] };
    chiSquare: { x: Num[]; df: Num[]; lower: Num[]; upper: Num[] };
  };
}

let cached: RReference | undefined;

/** The parsed R reference file (read once per test process). */
export function readRReference(): RReference {
  cached ??= JSON.parse(readFileSync(R_REFERENCE_PATH, 'utf8'), (_key, value: unknown) =>
    value === 'Inf' ? Infinity : value === '-Inf' ? -Infinity : value,
  ) as RReference;
  return cached;
}

/** Asserts two numeric arrays have the same length and agree element-wise within `tol`. */
export function assertArrayClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tol, `${what}[${i}]`);
}

/** The tolerance the statistics core must meet against R: relative 1e-6 (absolute 1e-12 near zero). */
export const R_TOLERANCE: Tolerance = { rel: 1e-6, abs: 1e-12 };
