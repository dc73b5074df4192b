import type { FeatureClass, RoiInput } from '../types.ts';
import type { GlrlmPrepared } from './glrlm-matrix.ts';
import { prepareGlrlm } from './glrlm-matrix.ts';
import { EPS, featureDef, nanMean, sumOfSquares } from './texture-math.ts';

/**
 * Grey Level Run Length Matrix features, PyRadiomics `RadiomicsGLRLM` (docs: "Radiomic Features" >
 * "Gray Level Run Length Matrix (GLRLM) Features"). P(i, j) counts runs of grey level i and length j along
 * one angle, N_r = number of runs; each feature is computed per angle and averaged (numpy.nanmean), or once
 * on the merged matrix with `weightingNorm`.
 */

/** Mean over angles of a per-angle value. */
function overAngles(prep: GlrlmPrepared, f: (prep: GlrlmPrepared, a: number) => number): number {
  const out = prep.scratch;
  for (let a = 0; a < prep.angleCount; a++) out[a] = f(prep, a);
  return nanMean(out, prep.angleCount);
}

/** sum_ij P(i,j) w(i, j) / N_r for angle a (i = grey level value, j = run length). */
function emphasis(prep: GlrlmPrepared, a: number, w: (i: number, j: number) => number): number {
  const { counts, levels, levelCount: n, maxRun } = prep;
  const base = a * n * maxRun;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < maxRun; r++) {
      const v = counts[base + i * maxRun + r];
      if (v !== 0) s += v * w(levels[i], r + 1);
    }
  }
  return s / prep.runCount[a];
}

/** sum_j p_r(j) w(j) / N_r. */
function byLength(prep: GlrlmPrepared, a: number, w: (j: number) => number): number {
  let s = 0;
  for (let r = 0; r < prep.maxRun; r++) {
    const v = prep.pr[a * prep.maxRun + r];
    if (v !== 0) s += v * w(r + 1);
  }
  return s / prep.runCount[a];
}

/** sum_i p_g(i) w(i) / N_r. */
function byLevel(prep: GlrlmPrepared, a: number, w: (i: number) => number): number {
  let s = 0;
  for (let i = 0; i < prep.levelCount; i++) {
    const v = prep.pg[a * prep.levelCount + i];
    if (v !== 0) s += v * w(prep.levels[i]);
  }
  return s / prep.runCount[a];
}

function variance(prep: GlrlmPrepared, a: number, ofLevels: boolean): number {
  const len = ofLevels ? prep.levelCount : prep.maxRun;
  const m = ofLevels ? prep.pg : prep.pr;
  const nr = prep.runCount[a];
  let mean = 0;
  for (let k = 0; k < len; k++) mean += (m[a * len + k] / nr) * (ofLevels ? prep.levels[k] : k + 1);
  let s = 0;
  for (let k = 0; k < len; k++) {
    const d = (ofLevels ? prep.levels[k] : k + 1) - mean;
    s += (m[a * len + k] / nr) * d * d;
  }
  return s;
}

function runEntropy(prep: GlrlmPrepared, a: number): number {
  const block = prep.levelCount * prep.maxRun;
  const nr = prep.runCount[a];
  let h = 0;
  for (let k = a * block; k < (a + 1) * block; k++) {
    const p = prep.counts[k] / nr;
    if (p !== 0) h -= p * Math.log2(p + EPS);
  }
  return h;
}

const SECTION = 'PyRadiomics docs, Radiomic Features > GLRLM';

export const glrlm: FeatureClass<RoiInput, GlrlmPrepared> = {
  name: 'glrlm',
  prepare: prepareGlrlm,
  features: {
    ShortRunEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => byLength(q, a, (j) => 1 / (j * j))),
      'Distribution of short runs: sum_ij P(i,j) / j^2 / N_r.',
      `IBSI 22OV; ${SECTION} 1. Short Run Emphasis (SRE)`,
    ),
    LongRunEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => byLength(q, a, (j) => j * j)),
      'Distribution of long runs: sum_ij P(i,j) j^2 / N_r.',
      `IBSI W4KF; ${SECTION} 2. Long Run Emphasis (LRE)`,
    ),
    GrayLevelNonUniformity: featureDef(
      (prep) =>
        overAngles(prep, (q, a) => sumOfSquares(q.pg, a * q.levelCount, q.levelCount) / q.runCount[a]),
      'Similarity of grey levels over runs: sum_i (sum_j P(i,j))^2 / N_r.',
      `IBSI R5YN; ${SECTION} 3. Gray Level Non-Uniformity (GLN)`,
    ),
    GrayLevelNonUniformityNormalized: featureDef(
      (prep) =>
        overAngles(prep, (q, a) => sumOfSquares(q.pg, a * q.levelCount, q.levelCount) / q.runCount[a] ** 2),
      'Normalised grey-level non-uniformity: sum_i (sum_j P(i,j))^2 / N_r^2.',
      `IBSI OVBL; ${SECTION} 4. Gray Level Non-Uniformity Normalized (GLNN)`,
    ),
    RunLengthNonUniformity: featureDef(
      (prep) => overAngles(prep, (q, a) => sumOfSquares(q.pr, a * q.maxRun, q.maxRun) / q.runCount[a]),
      'Similarity of run lengths: sum_j (sum_i P(i,j))^2 / N_r.',
      `IBSI W92Y; ${SECTION} 5. Run Length Non-Uniformity (RLN)`,
    ),
    RunLengthNonUniformityNormalized: featureDef(
      (prep) => overAngles(prep, (q, a) => sumOfSquares(q.pr, a * q.maxRun, q.maxRun) / q.runCount[a] ** 2),
      'Normalised run-length non-uniformity: sum_j (sum_i P(i,j))^2 / N_r^2.',
      `IBSI IC23; ${SECTION} 6. Run Length Non-Uniformity Normalized (RLNN)`,
    ),
    RunPercentage: featureDef(
      (prep) => overAngles(prep, (q, a) => q.runCount[a] / q.voxelCount[a]),
      'Coarseness: runs per voxel, N_r / N_p, with N_p = sum_ij j P(i,j) of the same matrix (voxels counted once per merged angle).',
      `IBSI 9ZK5; ${SECTION} 7. Run Percentage (RP)`,
    ),
    GrayLevelVariance: featureDef(
      (prep) => overAngles(prep, (q, a) => variance(q, a, true)),
      'Variance of grey levels over runs: sum_ij p(i,j) (i - mu)^2, mu = sum_ij p(i,j) i, p = P / N_r.',
      `IBSI 8CE5; ${SECTION} 8. Gray Level Variance (GLV)`,
    ),
    RunVariance: featureDef(
      (prep) => overAngles(prep, (q, a) => variance(q, a, false)),
      'Variance of run lengths: sum_ij p(i,j) (j - mu)^2, mu = sum_ij p(i,j) j.',
      `IBSI SXLW; ${SECTION} 9. Run Variance (RV)`,
    ),
    RunEntropy: featureDef(
      (prep) => overAngles(prep, runEntropy),
      'Randomness of run lengths and grey levels: -sum_ij p(i,j) log2(p(i,j) + eps).',
      `IBSI HJ9O; ${SECTION} 10. Run Entropy (RE)`,
    ),
    LowGrayLevelRunEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => byLevel(q, a, (i) => 1 / (i * i))),
      'Concentration of low grey levels: sum_ij P(i,j) / i^2 / N_r.',
      `IBSI V3SW; ${SECTION} 11. Low Gray Level Run Emphasis (LGLRE)`,
    ),
    HighGrayLevelRunEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => byLevel(q, a, (i) => i * i)),
      'Concentration of high grey levels: sum_ij P(i,j) i^2 / N_r.',
      `IBSI G3QZ; ${SECTION} 12. High Gray Level Run Emphasis (HGLRE)`,
    ),
    ShortRunLowGrayLevelEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => emphasis(q, a, (i, j) => 1 / (i * i * j * j))),
      'Short runs of low grey levels: sum_ij P(i,j) / (i^2 j^2) / N_r.',
      `IBSI HTZT; ${SECTION} 13. Short Run Low Gray Level Emphasis (SRLGLE)`,
    ),
    ShortRunHighGrayLevelEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => emphasis(q, a, (i, j) => (i * i) / (j * j))),
      'Short runs of high grey levels: sum_ij P(i,j) i^2 / j^2 / N_r.',
      `IBSI GD3A; ${SECTION} 14. Short Run High Gray Level Emphasis (SRHGLE)`,
    ),
    LongRunLowGrayLevelEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => emphasis(q, a, (i, j) => (j * j) / (i * i))),
      'Long runs of low grey levels: sum_ij P(i,j) j^2 / i^2 / N_r.',
      `IBSI IVPO; ${SECTION} 15. Long Run Low Gray Level Emphasis (LRLGLE)`,
    ),
    LongRunHighGrayLevelEmphasis: featureDef(
      (prep) => overAngles(prep, (q, a) => emphasis(q, a, (i, j) => i * i * j * j)),
      'Long runs of high grey levels: sum_ij P(i,j) i^2 j^2 / N_r.',
      `IBSI 3KUM; ${SECTION} 16. Long Run High Gray Level Emphasis (LRHGLE)`,
    ),
  },
  defaultFeatures: [
    'ShortRunEmphasis',
    'LongRunEmphasis',
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'RunLengthNonUniformity',
    'RunLengthNonUniformityNormalized',
    'RunPercentage',
    'GrayLevelVariance',
    'RunVariance',
    'RunEntropy',
    'LowGrayLevelRunEmphasis',
    'HighGrayLevelRunEmphasis',
    'ShortRunLowGrayLevelEmphasis',
    'ShortRunHighGrayLevelEmphasis',
    'LongRunLowGrayLevelEmphasis',
    'LongRunHighGrayLevelEmphasis',
  ],
  deprecated: [],
};
