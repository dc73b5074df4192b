import type { RoiInput } from '../types.ts';
import type { AngleSet } from './angles.ts';
import { angleLengthMm, angleReach, anglesFor, linearOffset, roiBoxSize } from './angles.ts';
import { EPS, levelIndex } from './texture-math.ts';

/**
 * The GLCM state every GLCM feature reads: one normalised co-occurrence matrix per angle (or a single merged
 * matrix with `weightingNorm`), reduced to the grey levels present, and its per-angle marginals.
 * Matrix layout: p[a * n * n + i * n + j], i and j indexing `levels`.
 */
export interface GlcmPrepared {
  /** Number of matrices kept (angles with at least one pair; 1 when merged; 0 when no pair exists). */
  readonly angleCount: number;
  /** n: number of grey levels present in the ROI (matrix side). */
  readonly levelCount: number;
  /** Ng: the highest grey level (PyRadiomics normalises IDMN/IDN by it). */
  readonly maxGrayLevel: number;
  /** Grey level value of each row/column. */
  readonly levels: Float64Array;
  /** Normalised matrices p(i, j). */
  readonly p: Float64Array;
  /** Row marginals p_x(i) (a * n + i) and column marginals p_y(j). */
  readonly px: Float64Array;
  readonly py: Float64Array;
  /** Means mu_x = sum p(i,j) i and mu_y = sum p(i,j) j per angle. */
  readonly ux: Float64Array;
  readonly uy: Float64Array;
  /** p_{x+y}(k) for k = 2..2Ng at a * (2Ng - 1) + k - 2. */
  readonly pSum: Float64Array;
  /** p_{x-y}(k) for k = 0..Ng-1 at a * Ng + k. */
  readonly pDiff: Float64Array;
  /** Entropies per angle: HXY (joint), HX, HY (marginals), HXY1, HXY2 (PyRadiomics GLCM docs). */
  readonly hxy: Float64Array;
  readonly hx: Float64Array;
  readonly hy: Float64Array;
  readonly hxy1: Float64Array;
  readonly hxy2: Float64Array;
  /** Whether P + P^T was used (JointAverage/SumSquares assume it). */
  readonly symmetrical: boolean;
  /** Scratch buffer of angleCount values for the per-angle feature values. */
  readonly scratch: Float64Array;
}

/**
 * Counts co-occurrences P(i, j | angle) of the discretised ROI: for each ROI voxel with level i and each angle
 * (one of each +/- pair, PyRadiomics `distances`), the neighbour at the angle's offset, if inside the ROI,
 * adds 1 at (i, j). One pass over the box. Returns counts laid out a * n * n + i * n + j.
 */
function countPairs(input: RoiInput, lut: Int32Array, n: number, angles: AngleSet): Float64Array {
  const [nx, ny, nz] = input.size;
  const { mask, binned } = input;
  const { offsets, count: na } = angles;
  const counts = new Float64Array(na * n * n);
  const jump = new Int32Array(na);
  for (let a = 0; a < na; a++) jump[a] = linearOffset(angles, a, input.size);
  const [rx, ry, rz] = angleReach(angles);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        const inner = x >= rx && x < nx - rx && y >= ry && y < ny - ry && z >= rz && z < nz - rz;
        const row = lut[binned[i]] * n;
        for (let a = 0; a < na; a++) {
          if (!inner) {
            const xx = x + offsets[3 * a];
            const yy = y + offsets[3 * a + 1];
            const zz = z + offsets[3 * a + 2];
            if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) continue;
          }
          const j = i + jump[a];
          if (mask[j] === 0) continue;
          counts[a * n * n + row + lut[binned[j]]] += 1;
        }
      }
    }
  }
  return counts;
}

/**
 * Builds the GLCM state exactly as PyRadiomics `RadiomicsGLCM._calculateMatrix` + `_calculateCoefficients`:
 * per-angle counts reduced to the levels present; P + P^T per angle when `symmetricalGLCM`; with
 * `weightingNorm` the angles are summed with weights exp(-||d||^2) (d = offset in mm under the norm; 1 for
 * 'no_weighting') into one matrix; angles without any pair are removed; each matrix is normalised to sum 1;
 * then marginals, p_{x+y}, p_{x-y} and the entropies HXY, HX, HY, HXY1, HXY2 (log2, eps = 2^-52).
 * IBSI: GLCM (LFYI); "3D averaged" (ITBB) by default, "3D merged" (IAZD) with weighting.
 */
export function prepareGlcm(input: RoiInput): GlcmPrepared {
  const s = input.settings;
  const angles = anglesFor(roiBoxSize(input), s, s.distances, false);
  const n = input.grayLevels.length;
  const ng = input.maxGrayLevel;
  const nn = n * n;
  let counts = countPairs(input, levelIndex(input), n, angles);
  let na = angles.count;
  if (s.symmetricalGLCM) {
    for (let a = 0; a < na; a++) {
      const base = a * nn;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const sum = counts[base + i * n + j] + counts[base + j * n + i];
          counts[base + i * n + j] = sum;
          counts[base + j * n + i] = sum;
        }
      }
    }
  }
  if (s.weightingNorm !== null) {
    const merged = new Float64Array(nn);
    for (let a = 0; a < na; a++) {
      const len = angleLengthMm(angles, a, input.spacingMm, s.weightingNorm);
      const w = s.weightingNorm === 'no_weighting' ? 1 : Math.exp(-len * len);
      for (let k = 0; k < nn; k++) merged[k] += counts[a * nn + k] * w;
    }
    counts = merged;
    na = 1;
  }
  // Drop empty angles (several matrices) and normalise each matrix.
  let kept = 0;
  for (let a = 0; a < na; a++) {
    let total = 0;
    for (let k = 0; k < nn; k++) total += counts[a * nn + k];
    if (total === 0) continue;
    for (let k = 0; k < nn; k++) counts[kept * nn + k] = counts[a * nn + k] / total;
    kept++;
  }
  const p = counts.subarray(0, kept * nn);
  return marginals(p, kept, n, ng, input.grayLevels, s.symmetricalGLCM);
}

/** The per-angle marginals and entropies of normalised matrices (PyRadiomics `_calculateCoefficients`). */
function marginals(
  p: Float64Array,
  na: number,
  n: number,
  ng: number,
  grayLevels: Int32Array,
  symmetrical: boolean,
): GlcmPrepared {
  const levels = Float64Array.from(grayLevels);
  const px = new Float64Array(na * n);
  const py = new Float64Array(na * n);
  const ux = new Float64Array(na);
  const uy = new Float64Array(na);
  const nSum = 2 * ng - 1;
  const pSum = new Float64Array(na * nSum);
  const pDiff = new Float64Array(na * ng);
  const hxy = new Float64Array(na);
  const hx = new Float64Array(na);
  const hy = new Float64Array(na);
  const hxy1 = new Float64Array(na);
  const hxy2 = new Float64Array(na);
  for (let a = 0; a < na; a++) {
    const base = a * n * n;
    let mx = 0;
    let my = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const gi = levels[i];
      for (let j = 0; j < n; j++) {
        const v = p[base + i * n + j];
        if (v === 0) continue;
        const gj = levels[j];
        px[a * n + i] += v;
        py[a * n + j] += v;
        mx += v * gi;
        my += v * gj;
        pSum[a * nSum + gi + gj - 2] += v;
        pDiff[a * ng + Math.abs(gi - gj)] += v;
        h -= v * Math.log2(v + EPS);
      }
    }
    ux[a] = mx;
    uy[a] = my;
    hxy[a] = h;
    let ex = 0;
    let ey = 0;
    for (let i = 0; i < n; i++) {
      const vx = px[a * n + i];
      const vy = py[a * n + i];
      if (vx > 0) ex -= vx * Math.log2(vx + EPS);
      if (vy > 0) ey -= vy * Math.log2(vy + EPS);
    }
    hx[a] = ex;
    hy[a] = ey;
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < n; i++) {
      const vx = px[a * n + i];
      for (let j = 0; j < n; j++) {
        const q = vx * py[a * n + j];
        const lg = Math.log2(q + EPS);
        h1 -= p[base + i * n + j] * lg;
        h2 -= q * lg;
      }
    }
    hxy1[a] = h1;
    hxy2[a] = h2;
  }
  return {
    angleCount: na,
    levelCount: n,
    maxGrayLevel: ng,
    levels,
    p,
    px,
    py,
    ux,
    uy,
    pSum,
    pDiff,
    hxy,
    hx,
    hy,
    hxy1,
    hxy2,
    symmetrical,
    scratch: new Float64Array(na),
  };
}
